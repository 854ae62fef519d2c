extern alias StructureApp;

using System.Globalization;
using Microsoft.Extensions.Hosting;
using GenderArchitecture.Reporting.V1;
using GenderArchitecture.ServiceDefaults.Auth;
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

    private ReportingWorld(GrpcServiceApp<StructureApp::Program> structure, GrpcServiceApp<Program> reporting, TimeProvider clock)
    {
        _structure = structure;
        Reporting = reporting;
        Clock = clock;
    }

    /// <summary>Reporting's clock.</summary>
    public TimeProvider Clock { get; }

    public GrpcServiceApp<Program> Reporting { get; }

    /// <param name="now">Reporting's clock (default <see cref="Now"/>); Structure and every token keep the real time.</param>
    /// <param name="structureCalls">A handler put between Reporting and Structure (to slow or hold Structure's answers).</param>
    public static async Task<ReportingWorld> StartAsync(DatabaseKind kind, IDictionary<string, string?>? settings = null, bool createUnits = true,
        DateTimeOffset? now = null, Func<DelegatingHandler>? structureCalls = null)
    {
        var clock = new ShiftedClock(now ?? Now);
        var structure = await GrpcServiceApp<StructureApp::Program>.StartAsync("Structure", kind, new Dictionary<string, string?> { ["Seeds:Demo"] = "false" });
        if (createUnits) await CreateUnitsAsync(structure);
        var merged = new Dictionary<string, string?> { ["Seeds:Demo"] = "false" };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) merged[k] = v;
        var reporting = await GrpcServiceApp<Program>.StartAsync("Reporting", kind, merged, services =>
        {
            var client = services.AddHttpClient("Structure").ConfigurePrimaryHttpMessageHandler(() => structure.Server.CreateHandler());
            if (structureCalls is not null) client.AddHttpMessageHandler(structureCalls);
            services.AddSingleton<TimeProvider>(clock);
            // Token lifetimes are checked against the real time (the token handler reads the system clock), so the
            // tokens Reporting sends to Structure are issued on it too.
            services.AddSingleton(sp => new TokenIssuer(sp.GetRequiredService<SuiteAuthOptions>(), TimeProvider.System,
                sp.GetRequiredService<IHostEnvironment>(), sp.GetService<IHttpClientFactory>()));
        });
        return new ReportingWorld(structure, reporting, clock);
    }

    public StructureService.StructureServiceClient StructureAdmin =>
        new(_structure.CreateChannel(Token("administrator")));

    /// <summary>A token for a test caller (issued on the real time, which token checks read).</summary>
    public string Token(string role, string[]? units = null, string? subject = null) => TestTokens.For(role, units: units, subject: subject);

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
        Client(Token("focal_point", units: [station], subject: $"fp-{station}"));

    public ReportingService.ReportingServiceClient Reviewer(params string[] units) =>
        Client(Token("reviewer", units: units, subject: "reviewer-1"));

    public ReportingService.ReportingServiceClient As(string role) => Client(Token(role, subject: $"{role}-1"));

    public ReportingService.ReportingServiceClient Client(string token) => new(Reporting.CreateChannel(token));

    /// <summary>
    /// Reporting's default "now": noon on the 5th of next month. So the real current month has just ended - it can be
    /// submitted and approved, on time (due on the 10th) and far from locking - whatever day the tests run on.
    /// </summary>
    public static DateTimeOffset Now
    {
        get
        {
            var real = DateTime.UtcNow;
            return new DateTimeOffset(real.Year, real.Month, 5, 12, 0, 0, TimeSpan.Zero).AddMonths(1);
        }
    }

    /// <summary>Reporting's default today.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);
    /// <summary>The month in progress on Reporting's today: it cannot be submitted yet.</summary>
    public static string InProgressMonth => Iso(new DateOnly(Today.Year, Today.Month, 1));
    /// <summary>The month that ended last: submittable, not yet due, far from locking.</summary>
    public static string EndedMonth => MonthsAgo(0);
    /// <summary>The month <paramref name="months"/> before <see cref="EndedMonth"/>.</summary>
    public static string MonthsAgo(int months) => Iso(new DateOnly(Today.Year, Today.Month, 1).AddMonths(-1 - months));
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

    /// <summary>Lets the stations file the last twelve ended months (an administrator's lock exception until next week).</summary>
    public async Task OpenLocksAsync(params string[] stations)
    {
        foreach (var station in stations)
        {
            await As("administrator").CreateLockExceptionAsync(LockException(station, MonthsAgo(11), EndedMonth));
        }
    }

    public static CreateLockExceptionRequest LockException(string station, string from, string to = "", string reason = "Late reports of earlier periods.") => new()
    {
        ClientRequestId = NewId(), StationId = station, FormId = MonthlyForm, PeriodFrom = from, PeriodTo = to, Reason = reason, EndsOn = Iso(Today.AddDays(7)),
    };

    /// <summary>The real clock moved to a chosen moment: time still passes, from there.</summary>
    private sealed class ShiftedClock(DateTimeOffset now) : TimeProvider
    {
        private readonly TimeSpan _offset = now - DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
    }

    public async ValueTask DisposeAsync()
    {
        await Reporting.DisposeAsync();
        await _structure.DisposeAsync();
    }
}
