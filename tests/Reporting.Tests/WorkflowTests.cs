using GenderArchitecture.Reporting.Data;
using GenderArchitecture.Reporting.V1;
using GenderArchitecture.TestSupport;
using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static GenderArchitecture.Reporting.Tests.ReportingWorld;

namespace GenderArchitecture.Reporting.Tests;

public sealed class WorkflowTests
{
    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_retried_submission_writes_once_and_returns_the_first_answer(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        var focal = world.FocalPoint(StationA);
        var draft = (await focal.SaveDraftAsync(Draft(StationA, EndedMonth, ValidValues()))).Report;
        var submit = new SubmitReportRequest { ClientRequestId = NewId(), ReportId = draft.Id, ExpectedVersion = draft.Version };

        var first = (await focal.SubmitReportAsync(submit)).Report;
        var retry = (await focal.SubmitReportAsync(submit)).Report;

        Assert.Equal(ReportState.Submitted, first.State);
        Assert.Equal(first, retry);
        await using var scope = world.Reporting.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        var events = await db.Events.Where(e => e.ReportId == Guid.Parse(draft.Id)).Select(e => e.Action).ToListAsync();
        Assert.Equal(["created", "submitted"], events.Order());
        Assert.Equal(first.Version, (await db.Reports.SingleAsync()).Version);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task The_same_request_id_with_a_different_payload_is_refused(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        var focal = world.FocalPoint(StationA);
        var request = Draft(StationA, EndedMonth, ValidValues());
        await focal.SaveDraftAsync(request);

        var changed = request.Clone();
        changed.Values[0].Number = 11;
        var error = await Assert.ThrowsAsync<RpcException>(() => focal.SaveDraftAsync(changed).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", error.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations.Single().Type);
        await using var scope = world.Reporting.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        Assert.Equal(10, (await db.Values.SingleAsync(v => v.ElementId == "dv-cases-reported" && v.CategoryKey == "")).Number);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_stale_edit_is_refused_with_the_current_version(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        var focal = world.FocalPoint(StationA);
        var v1 = (await focal.SaveDraftAsync(Draft(StationA, EndedMonth, ValidValues()))).Report;
        var v2 = (await focal.SaveDraftAsync(Draft(StationA, EndedMonth, ValidValues(dv: 10, referred: 5), v1.Version))).Report;

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            focal.SaveDraftAsync(Draft(StationA, EndedMonth, ValidValues(dv: 10, referred: 6), v1.Version)).ResponseAsync);

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        var info = error.GetRpcStatus()!.GetDetail<ErrorInfo>();
        Assert.Equal(v2.Version.ToString(), info.Metadata["current_version"]);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_returned_report_needs_a_comment_which_its_focal_point_then_sees(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        var submitted = await world.FileAsync(StationA, EndedMonth, ValidValues(), approve: false);
        var reviewer = world.Reviewer(Region);

        var error = await Assert.ThrowsAsync<RpcException>(() => reviewer.ReturnReportAsync(new ReturnReportRequest
        {
            ClientRequestId = NewId(), ReportId = submitted.Id, ExpectedVersion = submitted.Version, Comment = "  ",
        }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field == "comment");

        var returned = (await reviewer.ReturnReportAsync(new ReturnReportRequest
        {
            ClientRequestId = NewId(), ReportId = submitted.Id, ExpectedVersion = submitted.Version, Comment = "Referrals do not match the prosecutor's log.",
        })).Report;
        Assert.Equal(ReportState.Returned, returned.State);

        var seenByFocalPoint = (await world.FocalPoint(StationA).GetReportAsync(new GetReportRequest { ReportId = submitted.Id })).Report;
        Assert.Equal("Referrals do not match the prosecutor's log.", seenByFocalPoint.ReviewComment);

        var resubmitted = (await world.FocalPoint(StationA).SubmitReportAsync(new SubmitReportRequest
        {
            ClientRequestId = NewId(), ReportId = returned.Id, ExpectedVersion = returned.Version,
        })).Report;
        Assert.Equal(ReportState.Resubmitted, resubmitted.State);

        // Once approved, the reviewer's comment is for reviewers only.
        await reviewer.ApproveReportAsync(new ApproveReportRequest
        {
            ClientRequestId = NewId(), ReportId = resubmitted.Id, ExpectedVersion = resubmitted.Version, Comment = "Checked against the log book.",
        });
        Assert.Equal("", (await world.FocalPoint(StationA).GetReportAsync(new GetReportRequest { ReportId = submitted.Id })).Report.ReviewComment);
        Assert.Equal("Checked against the log book.", (await reviewer.GetReportAsync(new GetReportRequest { ReportId = submitted.Id })).Report.ReviewComment);
        var history = (await world.FocalPoint(StationA).GetReportHistoryAsync(new GetReportHistoryRequest { ReportId = submitted.Id })).Events;
        Assert.Equal("Referrals do not match the prosecutor's log.", history.Single(e => e.Action == "returned").Reason);
        Assert.Equal("", history.Single(e => e.Action == "approved").Reason);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task History_is_append_only_and_says_who_when_what_and_why(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        var approved = await world.FileAsync(StationA, EndedMonth, ValidValues());
        var focal = world.FocalPoint(StationA);

        var refused = await Assert.ThrowsAsync<RpcException>(() => focal.SaveDraftAsync(Draft(StationA, EndedMonth, ValidValues(), approved.Version)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        var noReason = await Assert.ThrowsAsync<RpcException>(() => focal.CorrectReportAsync(new CorrectReportRequest
        {
            ClientRequestId = NewId(), ReportId = approved.Id, ExpectedVersion = approved.Version, Values = { ValidValues(referred: 3) },
        }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, noReason.StatusCode);

        var corrected = (await focal.CorrectReportAsync(new CorrectReportRequest
        {
            ClientRequestId = NewId(), ReportId = approved.Id, ExpectedVersion = approved.Version,
            Reason = "One referral was counted twice.", Values = { ValidValues(referred: 3) },
        })).Report;
        Assert.Equal(2, corrected.Revision);
        Assert.Equal(ReportState.Submitted, corrected.State);

        var history = (await world.Reviewer(Region).GetReportHistoryAsync(new GetReportHistoryRequest { ReportId = approved.Id })).Events;
        Assert.Equal(["created", "submitted", "approved", "corrected"], history.Select(e => e.Action));
        var correction = history[^1];
        Assert.Equal($"fp-{StationA}", correction.Actor);
        Assert.Equal("One referral was counted twice.", correction.Reason);
        Assert.True(correction.At.ToDateTime() > DateTime.UtcNow.AddMinutes(-5));
        var change = Assert.Single(correction.Changes);
        Assert.Equal(("dv-cases-referred", "4", "3"), (change.ElementId, change.Before, change.After));
        Assert.Equal("reviewer-1", history[2].Actor);

        await using var scope = world.Reporting.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        var first = await db.Events.OrderBy(e => e.Sequence).FirstAsync();
        db.Events.Remove(first);
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_focal_point_cannot_touch_another_station_and_a_reviewer_only_its_units(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        var mine = await world.FileAsync(StationA, EndedMonth, ValidValues(), approve: false);

        var write = await Assert.ThrowsAsync<RpcException>(() => world.FocalPoint(StationB).SaveDraftAsync(Draft(StationA, MonthsAgo(1), ValidValues())).ResponseAsync);
        var read = await Assert.ThrowsAsync<RpcException>(() => world.FocalPoint(StationB).GetReportAsync(new GetReportRequest { ReportId = mine.Id }).ResponseAsync);
        var review = await Assert.ThrowsAsync<RpcException>(() => world.Reviewer(OtherRegion).ApproveReportAsync(new ApproveReportRequest
        {
            ClientRequestId = NewId(), ReportId = mine.Id, ExpectedVersion = mine.Version,
        }).ResponseAsync);
        var oversight = await Assert.ThrowsAsync<RpcException>(() => world.As("oversight").GetReportAsync(new GetReportRequest { ReportId = mine.Id }).ResponseAsync);

        var unknown = Guid.NewGuid().ToString();
        var readUnknown = await Assert.ThrowsAsync<RpcException>(() => world.FocalPoint(StationB).GetReportAsync(new GetReportRequest { ReportId = unknown }).ResponseAsync);
        var reviewUnknown = await Assert.ThrowsAsync<RpcException>(() => world.Reviewer(OtherRegion).ApproveReportAsync(new ApproveReportRequest
        {
            ClientRequestId = NewId(), ReportId = unknown, ExpectedVersion = mine.Version,
        }).ResponseAsync);

        // A station named in the request is refused as out of scope; a report named by id out of scope is not found,
        // word for word as an unknown id (no existence oracle), and no refusal names the station.
        Assert.All(new[] { write, oversight }, e => Assert.Equal(StatusCode.PermissionDenied, e.StatusCode));
        Assert.All(new[] { read, review, readUnknown, reviewUnknown }, e => Assert.Equal(StatusCode.NotFound, e.StatusCode));
        Assert.Equal((readUnknown.Status.Detail, reviewUnknown.Status.Detail), (read.Status.Detail.Replace(mine.Id, unknown), review.Status.Detail.Replace(mine.Id, unknown)));
        Assert.All(new[] { write, read, review }, e => Assert.DoesNotContain(StationA, e.Status.Detail));
        Assert.Empty((await world.Reviewer(OtherRegion).ListReviewQueueAsync(new ListReviewQueueRequest())).Reports);
        Assert.Equal(mine.Id, Assert.Single((await world.Reviewer(Region).ListReviewQueueAsync(new ListReviewQueueRequest())).Reports).Id);
        var comment = (await world.FocalPoint(StationA).GetReportAsync(new GetReportRequest { ReportId = mine.Id })).Report;
        Assert.Equal(ReportState.Submitted, comment.State);
    }
}
