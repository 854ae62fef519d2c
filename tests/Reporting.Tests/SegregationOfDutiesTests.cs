using GenderArchitecture.Reporting.V1;
using GenderArchitecture.TestSupport;
using Google.Rpc;
using Grpc.Core;
using static GenderArchitecture.Reporting.Tests.ReportingWorld;

namespace GenderArchitecture.Reporting.Tests;

/// <summary>Nobody approves or returns a report they wrote, submitted or corrected, whatever role their token carries.</summary>
public sealed class SegregationOfDutiesTests
{
    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task The_submitter_cannot_approve_or_return_their_own_report_and_another_reviewer_can(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        var asFocalPoint = world.Client(world.Token("focal_point", units: [StationA], subject: "officer-7"));
        var asReviewer = world.Client(world.Token("reviewer", units: [Region], subject: "officer-7"));
        var draft = (await asFocalPoint.SaveDraftAsync(Draft(StationA, EndedMonth, ValidValues()))).Report;
        var submitted = (await asFocalPoint.SubmitReportAsync(new SubmitReportRequest { ClientRequestId = NewId(), ReportId = draft.Id, ExpectedVersion = draft.Version })).Report;

        var approve = await Assert.ThrowsAsync<RpcException>(() => asReviewer.ApproveReportAsync(new ApproveReportRequest
        {
            ClientRequestId = NewId(), ReportId = submitted.Id, ExpectedVersion = submitted.Version,
        }).ResponseAsync);
        var giveBack = await Assert.ThrowsAsync<RpcException>(() => asReviewer.ReturnReportAsync(new ReturnReportRequest
        {
            ClientRequestId = NewId(), ReportId = submitted.Id, ExpectedVersion = submitted.Version, Comment = "Looks wrong.",
        }).ResponseAsync);
        var approved = (await world.Reviewer(Region).ApproveReportAsync(new ApproveReportRequest
        {
            ClientRequestId = NewId(), ReportId = submitted.Id, ExpectedVersion = submitted.Version,
        })).Report;

        Assert.Equal((StatusCode.FailedPrecondition, StatusCode.FailedPrecondition), (approve.StatusCode, giveBack.StatusCode));
        var violation = Assert.Single(approve.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations);
        Assert.Equal(("SEGREGATION_OF_DUTIES", $"reports/{submitted.Id}"), (violation.Type, violation.Subject));
        Assert.Contains("you wrote, submitted or corrected it", approve.Status.Detail);
        Assert.Equal(ReportState.Approved, approved.State);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Whoever_corrected_an_approved_report_cannot_approve_the_correction(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        var approved = await world.FileAsync(StationA, MonthsAgo(1), ValidValues());
        var corrector = world.Client(world.Token("focal_point", units: [StationA], subject: "officer-8"));
        var corrected = (await corrector.CorrectReportAsync(new CorrectReportRequest
        {
            ClientRequestId = NewId(), ReportId = approved.Id, ExpectedVersion = approved.Version,
            Reason = "One referral was counted twice.", Values = { ValidValues(referred: 3) },
        })).Report;

        var refused = await Assert.ThrowsAsync<RpcException>(() => world.Client(world.Token("reviewer", units: [Region], subject: "officer-8"))
            .ApproveReportAsync(new ApproveReportRequest { ClientRequestId = NewId(), ReportId = corrected.Id, ExpectedVersion = corrected.Version }).ResponseAsync);
        var reapproved = (await world.Reviewer(Region).ApproveReportAsync(new ApproveReportRequest
        {
            ClientRequestId = NewId(), ReportId = corrected.Id, ExpectedVersion = corrected.Version,
        })).Report;

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal("SEGREGATION_OF_DUTIES", Assert.Single(refused.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations).Type);
        Assert.Equal((ReportState.Approved, 2), (reapproved.State, reapproved.Revision));
    }
}
