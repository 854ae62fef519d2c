using GenderArchitecture.Audit.V1;
using GenderArchitecture.Disclosure.V1;
using GenderArchitecture.Reporting.Data;
using GenderArchitecture.Reporting.V1;
using GenderArchitecture.Structure.V1;
using GenderArchitecture.TestSupport;
using Grpc.Core;
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
    public async Task Oversight_reads_sums_of_protected_base_cells_and_no_small_count_exactly(DatabaseKind kind)
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

        // The region's base cells: female adults 26, female children 2, male adults 8, male children 6. Each is rounded
        // to a multiple of 6 (26 to 24 or 30, 2 to 0 or 6, 8 to 6 or 12; 6 stays); a base cell published as 0 is below
        // the threshold, so it is protected and has no value.
        Assert.False(total.Exact);
        Assert.Equal(("small_count_rounding", 5, 6), (total.Method.Method, total.Method.Threshold, total.Method.RoundingBase));
        Assert.Equal("region x month x element x category", total.Method.BaseCellGrain);
        var femaleAdults = Cell(total, "", "sex=female;age=adult");
        Assert.Equal((Protection.Adjusted, 2), (femaleAdults.Protection, femaleAdults.Reports));
        Assert.Contains(femaleAdults.Value, new long[] { 24, 30 });
        Assert.Contains(Cell(total, "", "sex=male;age=adult").Value, new long[] { 6, 12 });
        Assert.Equal(6, Cell(total, "", "sex=male;age=child").Value);
        var small = Cell(total, "", "sex=female;age=child");
        Assert.True(small is { Protection: Protection.Protected, HasValue: false } or { Protection: Protection.Adjusted, Value: 6 }, small.ToString());
        // The element total is the sum of the protected cells: it adds nothing to them.
        Assert.Equal(femaleAdults.Value + Cell(total, "", "sex=male;age=adult").Value + 6 + (small.HasValue ? 6 : 0), Cell(total, "", "").Value);
        Assert.All(total.Cells, c => Assert.NotEqual(Protection.Exact, c.Protection));
        Assert.All(total.Cells, c => Assert.Equal(c.Protection == Protection.Adjusted, c.HasValue));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Station_detail_is_refused_to_oversight_and_to_the_public_release(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        await world.FileAsync(StationA, ThisMonth, ValidValues());
        var request = new GetAggregatesRequest
        {
            FormId = MonthlyForm, ElementId = "dv-cases-reported", PeriodFrom = ThisMonth, PeriodTo = ThisMonth,
            Grouping = PeriodGrouping.Month, Level = V1.AggregateLevel.Station,
        };

        var byStation = await Assert.ThrowsAsync<RpcException>(() => world.As("oversight").GetAggregatesAsync(request).ResponseAsync);
        var oneStation = await Assert.ThrowsAsync<RpcException>(() => world.As("oversight").GetAggregatesAsync(
            new GetAggregatesRequest(request) { Level = V1.AggregateLevel.Total, UnitId = StationA }).ResponseAsync);
        var publicRelease = await Assert.ThrowsAsync<RpcException>(() => world.As("analyst").GetAggregatesAsync(
            new GetAggregatesRequest(request) { PublicRelease = true }).ResponseAsync);
        var exact = await world.As("analyst").GetAggregatesAsync(request);

        Assert.All([byStation, oneStation, publicRelease], e =>
        {
            Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
            Assert.Contains("Station detail is for reviewers and analysts", e.Status.Detail);
        });
        Assert.Equal((10, Protection.Exact), (Cell(exact, StationA, "").Value, Cell(exact, StationA, "").Protection));
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
        Assert.Equal("exact", exact.Method.Method);
        Assert.All(exact.Cells, c => Assert.Equal(Protection.Exact, c.Protection));
        Assert.Equal(2, Cell(exact, "", "sex=female;age=child").Value);
        Assert.False(publicRelease.Exact);
        Assert.Equal("small_count_rounding", publicRelease.Method.Method);
        Assert.All(publicRelease.Cells, c => Assert.NotEqual(Protection.Exact, c.Protection));
        var small = Cell(publicRelease, "", "sex=female;age=child");
        Assert.True(small is { HasValue: false } or { Value: 6 }, small.ToString());
        var audit = new AuditService.AuditServiceClient(world.Reporting.CreateChannel(TestTokens.For("oversight")));
        var read = Assert.Single((await audit.ListAuditEventsAsync(new() { Action = "exact_read" })).Events);
        Assert.Equal(("analyst-1", "analyst"), (read.Actor, read.Role));
        Assert.Contains("element=dv-cases-reported", read.Description);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Approval_updates_the_summary_at_once_and_a_correction_counts_only_once_approved(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        var approved = await world.FileAsync(StationA, ThisMonth, ValidValues(dv: 9, femaleAdult: 5));
        await world.FileAsync(StationC, ThisMonth, ValidValues(dv: 20, femaleAdult: 16));
        var analyst = world.As("analyst");
        var oversight = world.As("oversight");
        var request = new GetAggregatesRequest
        {
            FormId = MonthlyForm, ElementId = "dv-cases-reported", PeriodFrom = ThisMonth, PeriodTo = ThisMonth, Grouping = PeriodGrouping.Month,
            Level = V1.AggregateLevel.Region,
        };
        async Task<(long Exact, long? Protected, int Reports, int Approved)> Read()
        {
            var exact = Cell(await analyst.GetAggregatesAsync(request), Region, "");
            var published = Cell(await oversight.GetAggregatesAsync(request), Region, "");
            var completeness = await analyst.GetCompletenessAsync(new GetCompletenessRequest { FormId = MonthlyForm, UnitId = Region, PeriodFrom = ThisMonth });
            return (exact.Value, published.HasValue ? published.Value : null, exact.Reports, completeness.Total.Approved);
        }

        var first = await Read();
        Assert.Equal((9, 1, 1), (first.Exact, first.Reports, first.Approved));
        var focal = world.FocalPoint(StationA);
        var corrected = (await focal.CorrectReportAsync(new CorrectReportRequest
        {
            ClientRequestId = NewId(), ReportId = approved.Id, ExpectedVersion = approved.Version, Reason = "Two cases belonged to bravo.",
            Values = { ValidValues(dv: 7, femaleAdult: 3) },
        })).Report;
        // Pending: the approved revision still counts, exactly and protected, and the report still counts as approved.
        Assert.Equal(first, await Read());
        var returned = (await world.Reviewer(Region).ReturnReportAsync(new ReturnReportRequest
        {
            ClientRequestId = NewId(), ReportId = corrected.Id, ExpectedVersion = corrected.Version, Comment = "Check the breakdown again.",
        })).Report;
        Assert.Equal(first, await Read());
        var resubmitted = (await focal.SubmitReportAsync(new SubmitReportRequest { ClientRequestId = NewId(), ReportId = returned.Id, ExpectedVersion = returned.Version })).Report;
        Assert.Equal(first, await Read());

        await world.Reviewer(Region).ApproveReportAsync(new ApproveReportRequest { ClientRequestId = NewId(), ReportId = resubmitted.Id, ExpectedVersion = resubmitted.Version });
        var after = await Read();
        Assert.Equal((7, 1, 1), (after.Exact, after.Reports, after.Approved));

        var national = await analyst.GetAggregatesAsync(new GetAggregatesRequest(request) { Level = V1.AggregateLevel.Total, Grouping = PeriodGrouping.Year });
        Assert.Equal(27, Cell(national, "", "", ThisMonth[..4]).Value);
    }

    private static V1.AggregateCell Cell(GetAggregatesResponse response, string unit, string category, string? period = null) =>
        Assert.Single(response.Cells, c => c.Period == (period ?? Month) && c.UnitId == unit && c.CategoryKey == category);
}
