using GenderArchitecture.Reporting.Data;
using GenderArchitecture.Reporting.V1;
using GenderArchitecture.TestSupport;
using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static GenderArchitecture.Reporting.Tests.ReportingWorld;

namespace GenderArchitecture.Reporting.Tests;

/// <summary>A period is reported once it has ended; unfinished periods stay out of the figures unless asked for.</summary>
public sealed class PeriodTests
{
    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_period_in_progress_cannot_be_submitted_and_the_refusal_changes_nothing(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        var focal = world.FocalPoint(StationA);
        var draft = (await focal.SaveDraftAsync(Draft(StationA, InProgressMonth, ValidValues()))).Report;

        var error = await Assert.ThrowsAsync<RpcException>(() => focal.SubmitReportAsync(new SubmitReportRequest
        {
            ClientRequestId = NewId(), ReportId = draft.Id, ExpectedVersion = draft.Version,
        }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations);
        Assert.Equal(("PERIOD_NOT_ENDED", "period_start"), (violation.Type, violation.Subject));
        var after = (await focal.GetReportAsync(new GetReportRequest { ReportId = draft.Id })).Report;
        Assert.Equal((ReportState.Draft, draft.Version), (after.State, after.Version));
        Assert.False(after.FirstSubmittedAt is not null);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_form_may_open_its_last_days_early_but_approval_waits_for_the_periods_end(DatabaseKind kind)
    {
        // The 25th of March: the form opens March's last 10 days (from the 22nd) only once the setting says so.
        await using var world = await StartAsync(kind, now: new DateTimeOffset(2026, 3, 25, 12, 0, 0, TimeSpan.Zero));
        var focal = world.FocalPoint(StationA);
        var draft = (await focal.SaveDraftAsync(Draft(StationA, "2026-03-01", ValidValues()))).Report;
        var submit = new SubmitReportRequest { ClientRequestId = NewId(), ReportId = draft.Id, ExpectedVersion = draft.Version };
        var early = await Assert.ThrowsAsync<RpcException>(() => focal.SubmitReportAsync(submit).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);

        await using (var scope = world.Reporting.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
            await db.Forms.Where(f => f.Id == MonthlyForm).ExecuteUpdateAsync(s => s.SetProperty(f => f.EarlySubmissionDays, 10));
        }
        var form = (await focal.ListFormsAsync(new ListFormsRequest())).Forms.Single(f => f.Id == MonthlyForm);
        Assert.Equal(10, form.EarlySubmissionDays);
        submit.ClientRequestId = NewId();
        var submitted = (await focal.SubmitReportAsync(submit)).Report;
        Assert.Equal(ReportState.Submitted, submitted.State);

        var approve = await Assert.ThrowsAsync<RpcException>(() => world.Reviewer(Region).ApproveReportAsync(new ApproveReportRequest
        {
            ClientRequestId = NewId(), ReportId = submitted.Id, ExpectedVersion = submitted.Version,
        }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, approve.StatusCode);
        Assert.Equal("PERIOD_NOT_ENDED", approve.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations[0].Type);
        Assert.Equal(ReportState.Submitted, (await focal.GetReportAsync(new GetReportRequest { ReportId = submitted.Id })).Report.State);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Periods_in_progress_are_left_out_of_completeness_and_trends_unless_asked_for_and_then_marked(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        await world.FileAsync(StationA, EndedMonth, ValidValues(dv: 10));
        await world.FileAsync(StationB, EndedMonth, ValidValues(dv: 12, femaleAdult: 8));
        await world.FocalPoint(StationA).SaveDraftAsync(Draft(StationA, InProgressMonth, ValidValues()));
        var analyst = world.As("analyst");

        var completeness = new GetCompletenessRequest { FormId = MonthlyForm, UnitId = Region, PeriodFrom = EndedMonth, PeriodTo = InProgressMonth };
        var finished = await analyst.GetCompletenessAsync(completeness);
        var row = Assert.Single(finished.Periods);
        Assert.Equal((EndedMonth, 2, false), (row.PeriodStart, row.Approved, row.InProgress));
        Assert.False(finished.Total.InProgress);
        completeness.IncludeInProgress = true;
        var all = await analyst.GetCompletenessAsync(completeness);
        Assert.Equal([false, true], all.Periods.Select(p => p.InProgress));
        Assert.Equal((InProgressMonth, 2, 0), (all.Periods[1].PeriodStart, all.Periods[1].Expected, all.Periods[1].Submitted));
        Assert.True(all.Total.InProgress);

        var aggregates = new GetAggregatesRequest
        {
            FormId = MonthlyForm, ElementId = "dv-cases-reported", UnitId = Region, PeriodFrom = EndedMonth, PeriodTo = InProgressMonth,
            Grouping = PeriodGrouping.Month, Level = V1.AggregateLevel.Total,
        };
        var trend = (await analyst.GetAggregatesAsync(aggregates)).Trend;
        var point = Assert.Single(trend);
        Assert.Equal((EndedMonth[..7], 22L, Coverage.Complete, false), (point.Period, point.Total, point.Coverage, point.InProgress));
        aggregates.IncludeInProgress = true;
        var asked = await analyst.GetAggregatesAsync(aggregates);
        Assert.Equal([false, true], asked.Trend.Select(t => t.InProgress));
        Assert.Equal((Coverage.NoData, false, false), (asked.Trend[1].Coverage, asked.Trend[1].HasTotal, asked.Trend[1].HasChangePercent));
        Assert.All(asked.Cells.Where(c => c.Period == InProgressMonth[..7]), c => Assert.True(c.InProgress));
        Assert.All(asked.Cells.Where(c => c.Period == EndedMonth[..7]), c => Assert.False(c.InProgress));

        // Only the in-progress period asked for, without asking for it: an empty answer, not zeros.
        aggregates.IncludeInProgress = false;
        aggregates.PeriodFrom = InProgressMonth;
        var none = await analyst.GetAggregatesAsync(aggregates);
        Assert.Empty(none.Trend);
        Assert.Empty(none.Cells);
    }
}
