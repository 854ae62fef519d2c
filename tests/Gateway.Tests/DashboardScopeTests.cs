using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using GenderArchitecture.Gateway.Endpoints;
using GenderArchitecture.TestSupport;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ReportingV1 = GenderArchitecture.Reporting.V1;
using StructureV1 = GenderArchitecture.Structure.V1;
using TrainingV1 = GenderArchitecture.Training.V1;

namespace GenderArchitecture.Gateway.Tests;

/// <summary>
/// The dashboard as of today and with the sections its institution has, against recorded stand-ins for the three
/// services and a fixed clock: the requests the gateway makes show which day it asks about.
/// </summary>
public sealed class DashboardScopeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Asked_up_to_the_end_of_the_month_the_dashboard_answers_as_of_today()
    {
        var services = new RecordedServices();
        var dashboard = await GetAsync(services, "/api/v1/dashboards/kp?from=2026-01-01&to=2026-12-31");

        Assert.Equal("2026-12-01", dashboard.GetProperty("to").GetString());
        // Certificates valid today are counted as valid today, composition is today's, coverage counts no day after today.
        Assert.All(services.Requests<TrainingV1.GetComplianceRequest>(), r => Assert.Equal("2026-12-01", r.OnDate));
        Assert.All(services.Requests<StructureV1.GetCompositionRequest>(), r => Assert.Equal("2026-12-01", r.OnDate));
        var coverage = Assert.Single(services.Requests<StructureV1.GetFocalPointCoverageRequest>(), r => r.RootUnitId == "kp");
        Assert.Equal("2026-12-01", coverage.To);
        Assert.NotEmpty(services.Requests<TrainingV1.GetComplianceRequest>());
    }

    [Fact]
    public async Task Without_dates_the_dashboard_covers_twelve_months_up_to_today_and_marks_the_current_month_in_progress()
    {
        var services = new RecordedServices();
        var dashboard = await GetAsync(services, "/api/v1/dashboards/kp");

        Assert.Equal("2026-01-01", dashboard.GetProperty("from").GetString());
        Assert.Equal("2026-12-01", dashboard.GetProperty("to").GetString());
        var aggregates = services.Requests<ReportingV1.GetAggregatesRequest>().ToList();
        Assert.NotEmpty(aggregates);
        Assert.All(aggregates, a => Assert.Equal("2026-12-01", a.PeriodTo));
        var reporting = dashboard.GetProperty("reporting").GetProperty("data");
        Assert.Equal(["2026-12"], reporting.GetProperty("periodsInProgress").EnumerateArray().Select(p => p.GetString()!).ToArray());
        var rows = reporting.GetProperty("completeness").EnumerateArray().ToDictionary(r => r.GetProperty("periodStart").GetString()!, r => r.GetProperty("inProgress").GetBoolean());
        Assert.True(rows["2026-12-01"]);
        Assert.False(rows["2026-11-01"]);
    }

    [Fact]
    public async Task An_institution_without_stations_gets_no_reporting_or_focal_point_coverage_section()
    {
        var services = new RecordedServices();
        var dashboard = await GetAsync(services, "/api/v1/dashboards/kpc");

        Assert.Equal(["composition", "gender_bodies", "training"], Sections(dashboard));
        Assert.Equal("not_applicable", dashboard.GetProperty("reporting").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, dashboard.GetProperty("structure").GetProperty("data").GetProperty("coverage").ValueKind);
        Assert.Empty(services.Requests<ReportingV1.GetAggregatesRequest>());
        Assert.Empty(services.Requests<StructureV1.GetFocalPointCoverageRequest>());
        // The unit picker still lists the institution's regions.
        Assert.Equal("kpc-rtg-1", dashboard.GetProperty("structure").GetProperty("data").GetProperty("regions")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_judiciary_gets_court_reporting_and_the_judges_and_prosecutors_section_but_no_focal_point_coverage()
    {
        var services = new RecordedServices();
        var dashboard = await GetAsync(services, "/api/v1/dashboards/judiciary");

        Assert.Equal(["reporting", "composition", "judicial_roles", "gender_bodies", "training"], Sections(dashboard));
        Assert.Equal("quarter", dashboard.GetProperty("reporting").GetProperty("data").GetProperty("grouping").GetString());
        Assert.All(services.Requests<ReportingV1.GetAggregatesRequest>(), a => Assert.Equal("court-quarterly", a.FormId));
        Assert.Equal(["2026-Q4"], dashboard.GetProperty("reporting").GetProperty("data").GetProperty("periodsInProgress").EnumerateArray().Select(p => p.GetString()!).ToArray());
        Assert.Empty(services.Requests<StructureV1.GetFocalPointCoverageRequest>());
        var judges = dashboard.GetProperty("structure").GetProperty("data").GetProperty("composition").GetProperty("judicialRoles").EnumerateArray().Single();
        Assert.Equal("judge", judges.GetProperty("role").GetString());
        Assert.Equal(66.7, judges.GetProperty("womenSharePercent").GetDouble());
        var serb = judges.GetProperty("communities")[0].GetProperty("women");
        Assert.Equal(("protected", JsonValueKind.Null), (serb.GetProperty("protection").GetString(), serb.GetProperty("value").ValueKind));
    }

    [Fact]
    public async Task The_police_gets_every_station_section()
    {
        var dashboard = await GetAsync(new RecordedServices(), "/api/v1/dashboards/kp");

        Assert.Equal(["reporting", "focal_point_coverage", "composition", "gender_bodies", "training"], Sections(dashboard));
        Assert.Equal("ok", dashboard.GetProperty("reporting").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_periods_in_progress_are_the_ones_reporting_marks_not_a_guess_from_the_date()
    {
        // Reporting marks nothing as running (as it would for a form whose last period it has closed): the dashboard
        // must not mark December on its own reading of the calendar.
        var services = new RecordedServices { MarkLastPeriodInProgress = false };
        var dashboard = await GetAsync(services, "/api/v1/dashboards/kp");

        var reporting = dashboard.GetProperty("reporting").GetProperty("data");
        Assert.Empty(reporting.GetProperty("periodsInProgress").EnumerateArray());
        Assert.All(reporting.GetProperty("completeness").EnumerateArray(), r => Assert.False(r.GetProperty("inProgress").GetBoolean()));
    }

    [Fact]
    public void The_end_of_a_dashboard_is_never_after_today()
    {
        var today = new DateOnly(2026, 12, 1);
        Assert.Equal(today, DashboardScope.End(new DateOnly(2026, 12, 31), today));
        Assert.Equal(today, DashboardScope.End(null, today));
        Assert.Equal(new DateOnly(2025, 6, 30), DashboardScope.End(new DateOnly(2025, 6, 30), today));
    }

    [Fact]
    public async Task A_dashboard_starting_after_today_is_a_400_naming_from()
    {
        await using var app = App(new RecordedServices());
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For("oversight"));

        var response = await client.GetAsync("/api/v1/dashboards/kp?from=2026-12-15&to=2026-12-31");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("today", problem.GetProperty("errors").GetProperty("from")[0].GetString());
    }

    private static string[] Sections(JsonElement dashboard) =>
        dashboard.GetProperty("sections").EnumerateArray().Select(s => s.GetString()!).ToArray();

    private static async Task<JsonElement> GetAsync(RecordedServices services, string url)
    {
        await using var app = App(services);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For("oversight"));
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> App(RecordedServices services) =>
        new GatewayApp().WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.RemoveAll<StructureV1.StructureService.StructureServiceClient>();
            s.RemoveAll<TrainingV1.TrainingService.TrainingServiceClient>();
            s.RemoveAll<ReportingV1.ReportingService.ReportingServiceClient>();
            s.AddSingleton(new StructureV1.StructureService.StructureServiceClient(services));
            s.AddSingleton(new TrainingV1.TrainingService.TrainingServiceClient(services));
            s.AddSingleton(new ReportingV1.ReportingService.ReportingServiceClient(services));
            s.AddSingleton<TimeProvider>(new FixedTime(Now));
        }));

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

/// <summary>
/// Stand-ins for Structure, Training and Reporting: the register of the seeds in miniature (KP with a region and a
/// station, KPC with a region and no station, the judiciary with a court), plain figures, and every request kept.
/// </summary>
internal sealed class RecordedServices : CallInvoker
{
    private readonly ConcurrentQueue<IMessage> _requests = new();

    public IEnumerable<T> Requests<T>() => _requests.OfType<T>();

    /// <summary>Whether the stand-in for Reporting marks the last period asked for as still running, as Reporting does for the current one.</summary>
    public bool MarkLastPeriodInProgress { get; init; } = true;

    private static readonly Dictionary<string, (StructureV1.InstitutionType Type, string Region, string? Station, string? Court)> Register = new()
    {
        ["kp"] = (StructureV1.InstitutionType.Police, "kp-region-gjakova", "kp-station-junik", null),
        ["kpc"] = (StructureV1.InstitutionType.ProtectionCorps, "kpc-rtg-1", null, null),
        ["judiciary"] = (StructureV1.InstitutionType.Judiciary, "judiciary", null, "judiciary-court-prishtina"),
    };

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        _requests.Enqueue((IMessage)request);
        var response = (TResponse)Answer((IMessage)request);
        return new AsyncUnaryCall<TResponse>(Task.FromResult(response), Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
    }

    private IMessage Answer(IMessage request) => request switch
    {
        StructureV1.GetOrganisationUnitRequest r => new StructureV1.GetOrganisationUnitResponse
        {
            Unit = new() { Id = r.Id, Name = r.Id.ToUpperInvariant(), Kind = StructureV1.OrganisationUnitKind.Institution, InstitutionId = r.Id, InstitutionType = Register[r.Id].Type },
        },
        StructureV1.ListOrganisationUnitsRequest r => Units(r),
        StructureV1.GetCompositionRequest r => Composition(r),
        StructureV1.GetFocalPointCoverageRequest r => new StructureV1.GetFocalPointCoverageResponse { RootUnitId = r.RootUnitId, StationsActive = 1, StationsWithFocalPoint = 1, CoveragePercent = 100 },
        StructureV1.ListGenderBodiesRequest => new StructureV1.ListGenderBodiesResponse(),
        TrainingV1.GetComplianceRequest r => new TrainingV1.GetComplianceResponse { RootUnitId = r.RootUnitId, OnDate = r.OnDate, Overall = new() },
        ReportingV1.GetAggregatesRequest r => Aggregates(r),
        ReportingV1.GetCompletenessRequest r => Completeness(r),
        _ => throw new RpcException(new Status(StatusCode.Unimplemented, request.Descriptor.FullName)),
    };

    private static StructureV1.GetCompositionResponse Composition(StructureV1.GetCompositionRequest r)
    {
        var response = new StructureV1.GetCompositionResponse { RootUnitId = r.RootUnitId, OnDate = r.OnDate, Total = new() { Value = 40 }, Women = new() { Value = 12 } };
        if (r.RootUnitId != "judiciary") return response;
        var judges = new StructureV1.JudicialRoleFigures
        {
            Role = StructureV1.JudicialRole.Judge, Total = new() { Value = 18 }, Women = new() { Value = 12 }, Men = new() { Value = 6 }, WomenSharePercent = 66.7,
        };
        judges.Communities.Add(new StructureV1.CommunityCount { Community = "Serb", Women = new() { Protection = Disclosure.V1.Protection.Protected }, Men = new() { Value = 6 } });
        response.JudicialRoles.Add(judges);
        return response;
    }

    private static StructureV1.ListOrganisationUnitsResponse Units(StructureV1.ListOrganisationUnitsRequest r)
    {
        var (_, region, station, court) = Register[r.RootId];
        var id = r.Kind switch
        {
            StructureV1.OrganisationUnitKind.Region => region == r.RootId ? null : region,
            StructureV1.OrganisationUnitKind.Station => station,
            StructureV1.OrganisationUnitKind.Court => court,
            _ => null,
        };
        var response = new StructureV1.ListOrganisationUnitsResponse();
        if (id is not null) response.Units.Add(new StructureV1.OrganisationUnit { Id = id, Name = id, Kind = r.Kind, InstitutionId = r.RootId });
        return response;
    }

    /// <summary>One point per period from the request's first to its last, labelled as Reporting labels them.</summary>
    private ReportingV1.GetAggregatesResponse Aggregates(ReportingV1.GetAggregatesRequest r)
    {
        var response = new ReportingV1.GetAggregatesResponse { Exact = true };
        var quarter = r.Grouping == ReportingV1.PeriodGrouping.Quarter;
        for (var d = DateOnly.Parse(r.PeriodFrom); d <= DateOnly.Parse(r.PeriodTo); d = d.AddMonths(quarter ? 3 : 1))
        {
            response.Trend.Add(new ReportingV1.TrendPoint
            {
                Period = quarter ? $"{d.Year}-Q{(d.Month - 1) / 3 + 1}" : $"{d:yyyy-MM}", Total = 3, Reports = 1, ExpectedReports = 1,
                InProgress = MarkLastPeriodInProgress && d.AddMonths(quarter ? 3 : 1) > DateOnly.Parse(r.PeriodTo),
            });
        }
        return response;
    }

    private ReportingV1.GetCompletenessResponse Completeness(ReportingV1.GetCompletenessRequest r)
    {
        var response = new ReportingV1.GetCompletenessResponse();
        var step = r.FormId == "court-quarterly" ? 3 : 1;
        for (var d = DateOnly.Parse(r.PeriodFrom); d <= DateOnly.Parse(r.PeriodTo); d = d.AddMonths(step))
        {
            response.Periods.Add(new ReportingV1.CompletenessRow
            {
                PeriodStart = $"{d:yyyy-MM-dd}", Expected = 1, InProgress = MarkLastPeriodInProgress && d.AddMonths(step) > DateOnly.Parse(r.PeriodTo),
            });
        }
        return response;
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        throw new NotSupportedException();

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        throw new NotSupportedException();

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        throw new NotSupportedException();

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        throw new NotSupportedException();
}
