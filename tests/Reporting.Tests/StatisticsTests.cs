using GenderArchitecture.Audit.V1;
using GenderArchitecture.Reporting.Data;
using GenderArchitecture.Reporting.V1;
using GenderArchitecture.Structure.V1;
using GenderArchitecture.TestSupport;
using Microsoft.EntityFrameworkCore;
using static GenderArchitecture.Reporting.Tests.ReportingWorld;

namespace GenderArchitecture.Reporting.Tests;

public sealed class StatisticsTests
{
    private static readonly string Month = ThisMonth[..7];

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Completeness_counts_only_stations_open_in_the_period_and_never_exceeds_100_percent(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        await world.FileAsync(StationA, ThisMonth, ValidValues());
        await world.FileAsync(StationB, ThisMonth, ValidValues(), approve: false);
        var bravo = (await world.StructureAdmin.GetOrganisationUnitAsync(new GetOrganisationUnitRequest { Id = StationB })).Unit;
        // Bravo closes on the first day of this month: it was not expected to report for it, so its report is ignored.
        await world.StructureAdmin.CloseOrganisationUnitAsync(new CloseOrganisationUnitRequest { Id = StationB, ClosedOn = ThisMonth, ExpectedVersion = bravo.Version });

        var response = await world.As("oversight").GetCompletenessAsync(new GetCompletenessRequest
        {
            FormId = MonthlyForm, UnitId = Region, PeriodFrom = MonthsAgo(1), PeriodTo = ThisMonth,
        });

        var lastMonth = response.Periods[0];
        Assert.Equal((2, 0, 0), (lastMonth.Expected, lastMonth.Submitted, lastMonth.Approved));
        var thisMonth = response.Periods[1];
        Assert.Equal((1, 1, 1, 1), (thisMonth.Expected, thisMonth.Submitted, thisMonth.SubmittedOnTime, thisMonth.Approved));
        Assert.Equal(100, thisMonth.SubmittedPercent);
        Assert.Equal((3, 1, 1), (response.Total.Expected, response.Total.Submitted, response.Total.Approved));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Oversight_sees_small_counts_suppressed_with_a_complement_and_nothing_more(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        await world.FileAsync(StationA, ThisMonth, ValidValues(dv: 10, femaleAdult: 6, femaleChild: 2, maleAdult: 1, maleChild: 1));
        await world.FileAsync(StationB, ThisMonth, ValidValues(dv: 32, femaleAdult: 20, femaleChild: 0, maleAdult: 7, maleChild: 5));
        var request = new GetAggregatesRequest
        {
            FormId = MonthlyForm, ElementId = "dv-cases-reported", Disaggregation = "sex,age", UnitId = Region,
            PeriodFrom = ThisMonth, PeriodTo = ThisMonth, Grouping = PeriodGrouping.Month, Level = V1.AggregateLevel.Total,
        };

        var total = await world.As("oversight").GetAggregatesAsync(request);

        // Female children (2) are below 5; alone in their row, the total would give them away, so the next smallest
        // cell (male children, 6) is hidden too. Female adults (26), male adults (8) and the total stay visible.
        Assert.Equal([Key("", "sex=female;age=child"), Key("", "sex=male;age=child")], total.SuppressedCells.Order());
        Assert.Equal(5, total.SuppressionThreshold);
        Assert.Equal(26, Cell(total, "", "sex=female;age=adult").Value);
        Assert.Equal(8, Cell(total, "", "sex=male;age=adult").Value);
        Assert.Equal(42, Cell(total, "", "").Value);
        Assert.Equal(0, Cell(total, "", "sex=female;age=child").Value);

        request.Level = V1.AggregateLevel.Station;
        var stations = await world.As("oversight").GetAggregatesAsync(request);
        string[] expected =
        [
            Key(StationA, "sex=female;age=child"), Key(StationA, "sex=male;age=adult"), Key(StationA, "sex=male;age=child"),
            Key(StationB, "sex=male;age=adult"), Key(StationB, "sex=male;age=child"),
            Key("", "sex=female;age=child"), Key("", "sex=male;age=child"),
        ];
        Assert.Equal(expected.Order(), stations.SuppressedCells.Order());
        Assert.Equal(0, Cell(stations, StationB, "sex=female;age=child").Value);
        Assert.False(Cell(stations, StationB, "sex=female;age=child").Suppressed);
        Assert.Equal((10, 32, 42), (Cell(stations, StationA, "").Value, Cell(stations, StationB, "").Value, Cell(stations, "", "").Value));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Analysts_get_exact_figures_and_each_exact_read_is_recorded(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        await world.FileAsync(StationA, ThisMonth, ValidValues(dv: 10, femaleAdult: 6, femaleChild: 2, maleAdult: 1, maleChild: 1));
        var request = new GetAggregatesRequest
        {
            FormId = MonthlyForm, ElementId = "dv-cases-reported", Disaggregation = "sex,age", UnitId = Region,
            PeriodFrom = ThisMonth, PeriodTo = ThisMonth, Grouping = PeriodGrouping.Month, Level = V1.AggregateLevel.Total,
        };

        var exact = await world.As("analyst").GetAggregatesAsync(request);
        request.PublicRelease = true;
        var publicRelease = await world.As("analyst").GetAggregatesAsync(request);

        Assert.True(exact.Exact);
        Assert.Empty(exact.SuppressedCells);
        Assert.Equal(2, Cell(exact, "", "sex=female;age=child").Value);
        Assert.False(publicRelease.Exact);
        Assert.NotEmpty(publicRelease.SuppressedCells);
        var audit = new AuditService.AuditServiceClient(world.Reporting.CreateChannel(TestTokens.For("oversight")));
        var read = Assert.Single((await audit.ListAuditEventsAsync(new() { Action = "exact_read" })).Events);
        Assert.Equal(("analyst-1", "analyst"), (read.Actor, read.Role));
        Assert.Contains("element=dv-cases-reported", read.Description);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Approval_updates_the_summary_at_once_and_a_correction_takes_the_figures_out_until_reapproved(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        var approved = await world.FileAsync(StationA, ThisMonth, ValidValues(dv: 10));
        await world.FileAsync(StationC, ThisMonth, ValidValues(dv: 20, femaleAdult: 16));
        var analyst = world.As("analyst");
        async Task<long> National() => Cell(await analyst.GetAggregatesAsync(new GetAggregatesRequest
        {
            FormId = MonthlyForm, ElementId = "dv-cases-reported", PeriodFrom = ThisMonth, PeriodTo = ThisMonth, Grouping = PeriodGrouping.Year,
        }), "", "", ThisMonth[..4]).Value;

        Assert.Equal(30, await National());
        var corrected = (await world.FocalPoint(StationA).CorrectReportAsync(new CorrectReportRequest
        {
            ClientRequestId = NewId(), ReportId = approved.Id, ExpectedVersion = approved.Version, Reason = "Two cases belonged to bravo.",
            Values = { ValidValues(dv: 8, femaleAdult: 4) },
        })).Report;
        Assert.Equal(20, await National());
        await world.Reviewer(Region).ApproveReportAsync(new ApproveReportRequest { ClientRequestId = NewId(), ReportId = corrected.Id, ExpectedVersion = corrected.Version });
        Assert.Equal(28, await National());

        var byRegion = await analyst.GetAggregatesAsync(new GetAggregatesRequest
        {
            FormId = MonthlyForm, ElementId = "dv-cases-reported", PeriodFrom = ThisMonth, PeriodTo = ThisMonth, Level = V1.AggregateLevel.Region,
        });
        Assert.Equal((8, 20), (Cell(byRegion, Region, "", ThisMonth[..4]).Value, Cell(byRegion, OtherRegion, "", ThisMonth[..4]).Value));
    }

    private static string Key(string unit, string category) => $"{Month}|{unit}|{category}";

    private static V1.AggregateCell Cell(GetAggregatesResponse response, string unit, string category, string? period = null) =>
        Assert.Single(response.Cells, c => c.Period == (period ?? Month) && c.UnitId == unit && c.CategoryKey == category);
}
