using GenderArchitecture.Audit.V1;
using GenderArchitecture.Reporting.V1;
using GenderArchitecture.TestSupport;
using Grpc.Core;
using static GenderArchitecture.Reporting.Tests.ReportingWorld;

namespace GenderArchitecture.Reporting.Tests;

/// <summary>Exact and raw reads go to Reporting's audit with who, role, what, when and from where.</summary>
public sealed class AuditTests
{
    private static AuditService.AuditServiceClient Audit(ReportingWorld world, string role = "oversight") =>
        new(world.Reporting.CreateChannel(world.Token(role, subject: $"{role}-auditor")));

    private static GetAggregatesRequest Aggregates() => new()
    {
        FormId = MonthlyForm, ElementId = "dv-cases-reported", Disaggregation = "sex,age", UnitId = Region,
        PeriodFrom = EndedMonth, PeriodTo = EndedMonth, Grouping = PeriodGrouping.Month, Level = V1.AggregateLevel.Station,
    };

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task An_analysts_exact_aggregate_read_is_in_the_audit_with_who_role_what_when_and_from_where(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        await world.FileAsync(StationA, EndedMonth, ValidValues(dv: 3, referred: 1, femaleAdult: 1, femaleChild: 1, maleAdult: 1, maleChild: 0));
        var before = world.Clock.GetUtcNow().UtcDateTime.AddSeconds(-1);

        await world.As("analyst").GetAggregatesAsync(Aggregates(), new Metadata { { "x-ga-client-address", "203.0.113.7" } });
        await world.As("analyst").GetAggregatesAsync(Aggregates());

        var reads = (await Audit(world).ListAuditEventsAsync(new() { Action = "exact_read" })).Events;
        Assert.Equal(2, reads.Count);
        Assert.All(reads, r => Assert.Equal(("analyst-1", "analyst", "aggregates", "reporting"), (r.Actor, r.Role, r.Resource, r.Service)));
        Assert.All(reads, r => Assert.Contains("element=dv-cases-reported", r.Description));
        Assert.All(reads, r => Assert.InRange(r.OccurTime.ToDateTime(), before, world.Clock.GetUtcNow().UtcDateTime.AddSeconds(1)));
        // Newest first: the direct call came second.
        Assert.Equal(["direct", "203.0.113.7"], reads.Select(r => r.ClientAddress));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Oversight_gets_no_exact_figures_and_leaves_no_exact_read_but_can_read_the_audit(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        await world.FileAsync(StationA, EndedMonth, ValidValues(dv: 3, referred: 1, femaleAdult: 1, femaleChild: 1, maleAdult: 1, maleChild: 0));

        // Oversight reads region figures (station detail is not published to it).
        var request = Aggregates();
        request.Level = V1.AggregateLevel.Region;
        var answer = await world.As("oversight").GetAggregatesAsync(request);

        Assert.False(answer.Exact);
        Assert.NotEmpty(answer.Cells);
        Assert.All(answer.Cells, c => Assert.NotEqual(GenderArchitecture.Disclosure.V1.Protection.Exact, c.Protection));
        var audit = await Audit(world).ListAuditEventsAsync(new() { Action = "exact_read" });
        Assert.Empty(audit.Events);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task An_administrators_raw_report_read_is_in_the_audit_and_a_focal_points_own_read_is_not(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        var report = await world.FileAsync(StationA, EndedMonth, ValidValues());

        await world.As("administrator").GetReportAsync(new GetReportRequest { ReportId = report.Id });
        await world.As("administrator").ListStationReportsAsync(new ListStationReportsRequest { StationId = StationA });
        await world.FocalPoint(StationA).GetReportAsync(new GetReportRequest { ReportId = report.Id });

        var reads = (await Audit(world, "administrator").ListAuditEventsAsync(new() { Action = "raw_report_read" })).Events;
        Assert.Equal(2, reads.Count);
        Assert.All(reads, r => Assert.Equal(("administrator-1", "administrator"), (r.Actor, r.Role)));
        Assert.Equal($"report/{report.Id}", reads[1].Resource);
        Assert.Contains(StationA, reads[0].Description);
    }

    [Fact]
    public async Task Each_change_is_audited_in_its_own_service_with_the_actor_of_the_call()
    {
        await using var world = await StartAsync(DatabaseKind.Sqlite);
        var report = await world.FileAsync(StationA, EndedMonth, ValidValues());

        var changes = (await Audit(world).ListAuditEventsAsync(new() { Text = report.Id, PageSize = 1000 })).Events;

        Assert.Contains(changes, c => c is { Action: "create", Actor: $"fp-{StationA}", Role: "focal_point" } && c.Resource == $"Report/{report.Id}");
        Assert.Contains(changes, c => c is { Action: "update", Actor: "reviewer-1", Role: "reviewer" } && c.Resource == $"Report/{report.Id}");
    }
}
