extern alias StructureApp;

using System.Globalization;
using GenderArchitecture.Reporting.V1;
using GenderArchitecture.Structure.V1;
using GenderArchitecture.TestSupport;

namespace GenderArchitecture.Reporting.Tests;

/// <summary>
/// The real Structure service and Reporting, both in-process on databases of their own; Reporting's Structure client
/// is pointed at the Structure test server. Units a test needs are created through Structure's own API.
/// </summary>
public sealed class ReportingWorld : IAsyncDisposable
{
    public const string Region = "t-region-north";
    public const string StationA = "t-station-alpha";
    public const string StationB = "t-station-bravo";
    public const string OtherRegion = "t-region-south";
    public const string StationC = "t-station-charlie";
    public const string MonthlyForm = "station-monthly";

    private readonly GrpcServiceApp<StructureApp::Program> _structure;

    private ReportingWorld(GrpcServiceApp<StructureApp::Program> structure, GrpcServiceApp<Program> reporting)
    {
        _structure = structure;
        Reporting = reporting;
    }

    public GrpcServiceApp<Program> Reporting { get; }

    public static async Task<ReportingWorld> StartAsync(DatabaseKind kind, IDictionary<string, string?>? settings = null, bool createUnits = true)
    {
        var structure = await GrpcServiceApp<StructureApp::Program>.StartAsync("Structure", kind, new Dictionary<string, string?> { ["Seeds:Demo"] = "false" });
        if (createUnits) await CreateUnitsAsync(structure);
        var merged = new Dictionary<string, string?> { ["Seeds:Demo"] = "false" };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) merged[k] = v;
        var reporting = await GrpcServiceApp<Program>.StartAsync("Reporting", kind, merged, services =>
            services.AddHttpClient("Structure").ConfigurePrimaryHttpMessageHandler(() => structure.Server.CreateHandler()));
        return new ReportingWorld(structure, reporting);
    }

    public StructureService.StructureServiceClient StructureAdmin =>
        new(_structure.CreateChannel(TestTokens.Administrator()));

    /// <summary>Two regions under the police: north with stations alpha and bravo, south with charlie.</summary>
    private static async Task CreateUnitsAsync(GrpcServiceApp<StructureApp::Program> structure)
    {
        var admin = new StructureService.StructureServiceClient(structure.CreateChannel(TestTokens.Administrator()));
        async Task Create(string id, OrganisationUnitKind kind, string parent) =>
            await admin.CreateOrganisationUnitAsync(new CreateOrganisationUnitRequest { Id = id, Name = id, Kind = kind, ParentId = parent, OpenedOn = "2015-01-01" });
        await Create(Region, OrganisationUnitKind.Region, "kp");
        await Create(OtherRegion, OrganisationUnitKind.Region, "kp");
        await Create(StationA, OrganisationUnitKind.Station, Region);
        await Create(StationB, OrganisationUnitKind.Station, Region);
        await Create(StationC, OrganisationUnitKind.Station, OtherRegion);
    }

    public ReportingService.ReportingServiceClient FocalPoint(string station) =>
        Client(TestTokens.For("focal_point", units: [station], subject: $"fp-{station}"));

    public ReportingService.ReportingServiceClient Reviewer(params string[] units) =>
        Client(TestTokens.For("reviewer", units: units, subject: "reviewer-1"));

    public ReportingService.ReportingServiceClient As(string role) => Client(TestTokens.For(role, subject: $"{role}-1"));

    public ReportingService.ReportingServiceClient Client(string token) => new(Reporting.CreateChannel(token));

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);
    /// <summary>This month: begun, not yet due, far from locking.</summary>
    public static string ThisMonth => Iso(new DateOnly(Today.Year, Today.Month, 1));
    public static string MonthsAgo(int months) => Iso(new DateOnly(Today.Year, Today.Month, 1).AddMonths(-months));
    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string NewId() => Guid.NewGuid().ToString("N");

    public static ReportValue N(string element, long n, string key = "") =>
        new() { ElementId = element, CategoryKey = key, State = ValueState.Number, Number = n };

    public static ReportValue Marked(string element, ValueState state, string key = "") =>
        new() { ElementId = element, CategoryKey = key, State = state };

    /// <summary>A complete, consistent station report: every cell of the form filled, the breakdowns adding up.</summary>
    public static List<ReportValue> ValidValues(long dv = 10, long referred = 4, long femaleAdult = 6, long femaleChild = 2, long maleAdult = 1, long maleChild = 1)
    {
        return
        [
            N("dv-cases-reported", dv),
            N("dv-cases-reported", femaleAdult, "sex=female;age=adult"),
            N("dv-cases-reported", femaleChild, "sex=female;age=child"),
            N("dv-cases-reported", maleAdult, "sex=male;age=adult"),
            N("dv-cases-reported", maleChild, "sex=male;age=child"),
            N("dv-cases-reported", dv - 2, "relationship=intimate-partner"),
            N("dv-cases-reported", 1, "relationship=other-family"),
            N("dv-cases-reported", 1, "relationship=other"),
            N("dv-cases-referred", referred),
            N("protection-orders-requested", 3),
            N("protection-orders-issued", 2),
            N("thb-cases-identified", 0),
            N("thb-victims-identified", 0),
            N("thb-victims-identified", 0, "sex=female;age=adult"),
            N("thb-victims-identified", 0, "sex=female;age=child"),
            N("thb-victims-identified", 0, "sex=male;age=adult"),
            N("thb-victims-identified", 0, "sex=male;age=child"),
            N("thb-victims-referred", 0),
        ];
    }

    public static SaveDraftRequest Draft(string station, string period, IEnumerable<ReportValue> values, long expectedVersion = 0) => new()
    {
        ClientRequestId = NewId(),
        FormId = MonthlyForm,
        StationId = station,
        PeriodStart = period,
        ExpectedVersion = expectedVersion,
        Values = { values },
    };

    /// <summary>Creates, submits and (optionally) approves a report; returns the last state.</summary>
    public async Task<Report> FileAsync(string station, string period, IEnumerable<ReportValue> values, bool approve = true)
    {
        var focal = FocalPoint(station);
        var draft = (await focal.SaveDraftAsync(Draft(station, period, values))).Report;
        var submitted = (await focal.SubmitReportAsync(new SubmitReportRequest { ClientRequestId = NewId(), ReportId = draft.Id, ExpectedVersion = draft.Version })).Report;
        if (!approve) return submitted;
        return (await Reviewer(Region, OtherRegion).ApproveReportAsync(new ApproveReportRequest
        {
            ClientRequestId = NewId(),
            ReportId = submitted.Id,
            ExpectedVersion = submitted.Version,
        })).Report;
    }

    /// <summary>Lets the stations file periods that locked already (an administrator's lock exception until next week).</summary>
    public async Task OpenLocksAsync(params string[] stations)
    {
        foreach (var station in stations)
        {
            await As("administrator").CreateLockExceptionAsync(new CreateLockExceptionRequest
            {
                ClientRequestId = NewId(), StationId = station, Reason = "Late reports of earlier periods.", EndsOn = Iso(Today.AddDays(7)),
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Reporting.DisposeAsync();
        await _structure.DisposeAsync();
    }
}
