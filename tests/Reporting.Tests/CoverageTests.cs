using GenderArchitecture.Disclosure.V1;
using GenderArchitecture.Reporting.V1;
using GenderArchitecture.TestSupport;
using static GenderArchitecture.Reporting.Tests.ReportingWorld;

namespace GenderArchitecture.Reporting.Tests;

/// <summary>
/// Missing is not zero: every aggregate cell and trend point says how many of the expected reports it includes
/// (units open in the period) and whether it is complete, incomplete or has no data; a change is only computed
/// between complete points.
/// </summary>
public sealed class CoverageTests
{
    private const string Element = "dv-cases-reported";

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Each_figure_carries_its_coverage_and_a_period_without_reports_has_no_value(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        await world.OpenLocksAsync(StationA, StationB, StationC);
        // Three months ago: all three stations. Two months ago: all three, more cases. Last month: only alpha,
        // bravo's report waits for review, charlie has not reported.
        await world.FileAsync(StationA, MonthsAgo(3), ValidValues(dv: 10));
        await world.FileAsync(StationB, MonthsAgo(3), ValidValues(dv: 10));
        await world.FileAsync(StationC, MonthsAgo(3), ValidValues(dv: 20, femaleAdult: 16));
        await world.FileAsync(StationA, MonthsAgo(2), ValidValues(dv: 10));
        await world.FileAsync(StationB, MonthsAgo(2), ValidValues(dv: 15, femaleAdult: 11));
        await world.FileAsync(StationC, MonthsAgo(2), ValidValues(dv: 20, femaleAdult: 16));
        await world.FileAsync(StationA, MonthsAgo(1), ValidValues(dv: 10));
        await world.FileAsync(StationB, MonthsAgo(1), ValidValues(dv: 30, femaleAdult: 26), approve: false);

        var north = await world.As("analyst").GetAggregatesAsync(new GetAggregatesRequest(Request(MonthsAgo(3), MonthsAgo(1), V1.AggregateLevel.Total)) { UnitId = Region });

        var trend = north.Trend.Select(t => (t.Total, t.Reports, t.ExpectedReports, t.Coverage, Change: t.HasChangePercent ? t.ChangePercent : (double?)null)).ToList();
        Assert.Equal((20L, 2, 2, Coverage.Complete, (double?)null), trend[0]);
        Assert.Equal((25L, 2, 2, Coverage.Complete, (double?)25), trend[1]);
        // 10 of 25 with one report of two is not a fall of 60 %: no change is computed to an incomplete point.
        Assert.Equal((10L, 1, 2, Coverage.Incomplete, (double?)null), trend[2]);
        Assert.All(north.Cells, c => Assert.Equal(c.Protection == Protection.NoData, c.Coverage == Coverage.NoData));

        // A region without any report last month has a row saying so, with no value: never a 0.
        var byRegion = await world.As("analyst").GetAggregatesAsync(Request(MonthsAgo(1), MonthsAgo(1), V1.AggregateLevel.Region));
        var south = Cell(byRegion, OtherRegion, MonthsAgo(1));
        Assert.Equal((false, 0, 1, Coverage.NoData, Protection.NoData), (south.HasValue, south.Reports, south.ExpectedReports, south.Coverage, south.Protection));
        var northRow = Cell(byRegion, Region, MonthsAgo(1));
        Assert.Equal((10L, 1, 2, Coverage.Incomplete), (northRow.Value, northRow.Reports, northRow.ExpectedReports, northRow.Coverage));
        // Every region expected to report has a row, the seeded ones without any report included; the national row
        // expects them all.
        var all = Cell(byRegion, "", MonthsAgo(1));
        Assert.Equal(byRegion.Cells.Where(c => c.UnitId.Length > 0).Sum(c => c.ExpectedReports), all.ExpectedReports);
        Assert.Equal((1, Coverage.Incomplete), (all.Reports, all.Coverage));
        Assert.All(byRegion.Cells.Where(c => c.Reports == 0), c => Assert.Equal((false, Coverage.NoData), (c.HasValue, c.Coverage)));

        // A quarter of a monthly form expects every station-month.
        var quarters = await world.As("analyst").GetAggregatesAsync(new GetAggregatesRequest(Request(MonthsAgo(3), MonthsAgo(1), V1.AggregateLevel.Total)) { UnitId = Region, Grouping = PeriodGrouping.Quarter });
        Assert.Equal(6, quarters.Trend.Sum(t => t.ExpectedReports));
        Assert.Equal(5, quarters.Trend.Sum(t => t.Reports));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_protected_figure_still_says_whether_it_is_complete(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        // A small count in the north (2 cases), one of two stations reporting: protected AND incomplete.
        await world.FileAsync(StationA, MonthsAgo(1), ValidValues(dv: 2, referred: 1, femaleAdult: 1, femaleChild: 1, maleAdult: 0, maleChild: 0));
        await world.FileAsync(StationC, MonthsAgo(1), ValidValues(dv: 40, femaleAdult: 36));

        var byRegion = await world.As("oversight").GetAggregatesAsync(Request(MonthsAgo(1), MonthsAgo(1), V1.AggregateLevel.Region));

        var north = Cell(byRegion, Region, MonthsAgo(1));
        Assert.Equal((1, 2, Coverage.Incomplete), (north.Reports, north.ExpectedReports, north.Coverage));
        Assert.True(north is { Protection: Protection.Protected, HasValue: false } or { Protection: Protection.Adjusted, Value: 6 }, north.ToString());
        var south = Cell(byRegion, OtherRegion, MonthsAgo(1));
        Assert.Equal((Protection.Adjusted, 1, 1, Coverage.Complete), (south.Protection, south.Reports, south.ExpectedReports, south.Coverage));
    }

    private static GetAggregatesRequest Request(string from, string to, V1.AggregateLevel level) => new()
    {
        FormId = MonthlyForm, ElementId = Element, PeriodFrom = from, PeriodTo = to, Grouping = PeriodGrouping.Month, Level = level,
    };

    private static V1.AggregateCell Cell(GetAggregatesResponse response, string unit, string periodStart) =>
        Assert.Single(response.Cells, c => c.Period == periodStart[..7] && c.UnitId == unit && c.CategoryKey == "");
}
