using GenderArchitecture.Reporting.Data;
using GenderArchitecture.Reporting.V1;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Errors;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Domain = GenderArchitecture.Reporting.Domain;

namespace GenderArchitecture.Reporting.Grpc;

/// <summary>Review of submitted reports, and the administrator's lock exceptions.</summary>
public sealed partial class ReportingGrpcService
{
    private static readonly DateOnly Always = SuiteDates.Earliest;
    private static readonly DateOnly Forever = SuiteDates.Latest;

    public override async Task<ApproveReportResponse> ApproveReport(ApproveReportRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.ReportsReview);
        var ct = context.CancellationToken;
        var validator = new Validator();
        var id = ReportMapping.ReportId(request.ReportId, validator);
        validator.Require(request.Comment.Length <= 2000, "comment", "must be at most 2000 characters");
        validator.ThrowIfInvalid();
        await EnsureReviewerOfReportAsync(context, caller, id);

        return await writes.RunAsync(caller, nameof(ApproveReport), request, async () =>
        {
            var report = await ReportAsync(context, id, _ => true); // the scope was checked above, before the transaction
            await EnsureNotAuthorAsync(caller, report, "approve", ct);
            report.CheckVersion(request.ExpectedVersion);
            db.Events.Add(report.Approve(ActorOf(caller), Now, request.Comment));
            // The summary moves with the approval, in the same transaction: aggregates never lag behind. A corrected
            // report's previous approved revision leaves the figures only now.
            await SummaryTables.ApproveAsync(db, report, protection, ct);
            await db.SaveChangesAsync(ct);
            return new ApproveReportResponse { Report = ReportMapping.ToMessage(report, withComment: true) };
        }, ct);
    }

    public override async Task<ReturnReportResponse> ReturnReport(ReturnReportRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.ReportsReview);
        var ct = context.CancellationToken;
        var validator = new Validator();
        var id = ReportMapping.ReportId(request.ReportId, validator);
        if (string.IsNullOrWhiteSpace(request.Comment)) validator.Add("comment", "a returned report needs a comment saying what to fix");
        else validator.RequireText(request.Comment, "comment", 2000);
        validator.ThrowIfInvalid();
        await EnsureReviewerOfReportAsync(context, caller, id);

        return await writes.RunAsync(caller, nameof(ReturnReport), request, async () =>
        {
            var report = await ReportAsync(context, id, _ => true); // the scope was checked above, before the transaction
            await EnsureNotAuthorAsync(caller, report, "return", ct);
            report.CheckVersion(request.ExpectedVersion);
            db.Events.Add(report.Return(ActorOf(caller), Now, request.Comment));
            await db.SaveChangesAsync(ct);
            return new ReturnReportResponse { Report = ReportMapping.ToMessage(report, withComment: true) };
        }, ct);
    }

    public override async Task<ListReviewQueueResponse> ListReviewQueue(ListReviewQueueRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.ReportsReview);
        var ct = context.CancellationToken;
        var validator = new Validator();
        var (offset, size) = Paging.Read(request.PageToken, request.PageSize, validator);
        validator.ThrowIfInvalid();

        var kinds = await db.Forms.AsNoTracking().Select(f => f.ReportingUnitKind).Distinct().ToListAsync(ct);
        var stations = new HashSet<string>();
        foreach (var unit in caller.Units)
        {
            foreach (var kind in kinds)
            {
                stations.UnionWith((await units.ListAsync(unit, kind, Always, Forever, ct)).Select(s => s.Id));
            }
        }
        var response = new ListReviewQueueResponse();
        if (stations.Count == 0) return response;

        var query = db.Reports.AsNoTracking()
            .Where(r => (r.State == Domain.ReportState.Submitted || r.State == Domain.ReportState.Resubmitted) && stations.Contains(r.StationId));
        if (request.FormId.Length > 0) query = query.Where(r => r.FormId == request.FormId);
        var page = await query.OrderBy(r => r.PeriodStart).ThenBy(r => r.StationId).ThenBy(r => r.FormId).Skip(offset).Take(size + 1).ToListAsync(ct);
        response.Reports.AddRange(page.Take(size).Select(ReportMapping.ToSummary));
        response.NextPageToken = Paging.Next(offset, size, page.Count);
        return response;
    }

    public override async Task<CreateLockExceptionResponse> CreateLockException(CreateLockExceptionRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.ReportingAdminister);
        var ct = context.CancellationToken;
        var validator = new Validator();
        validator.RequireText(request.StationId, "station_id", 100).RequireText(request.Reason, "reason", 1000).RequireText(request.FormId, "form_id", 64);
        var endsOn = validator.RequiredDate(request.EndsOn, "ends_on");
        var from = validator.RequiredDate(request.PeriodFrom, "period_from");
        var to = validator.OptionalDate(request.PeriodTo, "period_to") ?? from;
        validator.ThrowIfInvalid();
        if (endsOn < Today) validator.Add("ends_on", "must not be in the past");
        if (endsOn > Today.AddDays(Domain.LockException.MaxDaysOpen)) validator.Add("ends_on", $"must be at most {Domain.LockException.MaxDaysOpen} days ahead");
        var form = await FormAsync(request.FormId, ct);
        LockExceptionPeriods(form, from, to, validator);
        validator.ThrowIfInvalid();
        // The remote look-up happens before the write opens: no transaction waits on another service.
        var station = await units.FindAsync(request.StationId, ct) ?? throw RpcErrors.NotFound("organisation_unit", request.StationId);

        return await writes.RunAsync(caller, nameof(CreateLockException), request, async () =>
        {
            var exception = new Domain.LockException(Guid.NewGuid(), station.Id, form.Id, from, to, request.Reason.Trim(), endsOn, caller.Subject, Now);
            db.LockExceptions.Add(exception);
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Lock exception for {Station}, {Form} {From}..{To}, until {EndsOn} opened by {Caller}: {Reason}",
                station.Id, form.Id, from, to, endsOn, caller, exception.Reason);
            return new CreateLockExceptionResponse { LockException = ToMessage(exception) };
        }, ct);
    }

    public override async Task<WithdrawLockExceptionResponse> WithdrawLockException(WithdrawLockExceptionRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.ReportingAdminister);
        var ct = context.CancellationToken;
        var validator = new Validator();
        var id = validator.RequiredGuid(request.Id, "id");
        validator.Require(request.Reason.Length <= 1000, "reason", "must be at most 1000 characters");
        validator.ThrowIfInvalid();

        return await writes.RunAsync(caller, nameof(WithdrawLockException), request, async () =>
        {
            var exception = await db.LockExceptions.FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw RpcErrors.NotFound("lock_exception", request.Id);
            exception.Withdraw(caller.Subject, Now, request.Reason);
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Lock exception {Id} for {Station} withdrawn by {Caller}", exception.Id, exception.StationId, caller);
            return new WithdrawLockExceptionResponse { LockException = ToMessage(exception) };
        }, ct);
    }

    public override async Task<ListLockExceptionsResponse> ListLockExceptions(ListLockExceptionsRequest request, ServerCallContext context)
    {
        context.RequireOperation(Operations.ReportingAdminister);
        var query = db.LockExceptions.AsNoTracking();
        if (request.StationId.Length > 0) query = query.Where(e => e.StationId == request.StationId);
        var list = await query.OrderByDescending(e => e.CreatedAt).ThenBy(e => e.StationId).ToListAsync(context.CancellationToken);
        var response = new ListLockExceptionsResponse();
        response.LockExceptions.AddRange(list.Select(ToMessage));
        return response;
    }

    /// <summary>One period or a bounded range of the form's periods: never "every period back to the opening".</summary>
    private static void LockExceptionPeriods(Domain.ReportForm form, DateOnly from, DateOnly to, Validator validator)
    {
        var kind = form.PeriodType.ToString().ToLowerInvariant();
        if (!Domain.Period.IsStart(form.PeriodType, from)) validator.Add("period_from", $"must be the first day of a {kind} period");
        if (!Domain.Period.IsStart(form.PeriodType, to)) validator.Add("period_to", $"must be the first day of a {kind} period");
        if (to < from) validator.Add("period_to", "must not be before period_from");
        else if (Domain.Period.Starts(form.PeriodType, from, to).Take(Domain.LockException.MaxPeriods + 1).Count() > Domain.LockException.MaxPeriods)
        {
            validator.Add("period_to", $"a lock exception opens at most {Domain.LockException.MaxPeriods} periods");
        }
    }

    /// <summary>
    /// The reviewer's scope, asked of Structure before the write's transaction opens (a report's station never
    /// changes, so the answer still holds inside it): a slow Structure delays this request only.
    /// </summary>
    private async Task EnsureReviewerOfReportAsync(ServerCallContext context, Caller caller, Guid id)
    {
        var stationId = await db.Reports.AsNoTracking().Where(r => r.Id == id).Select(r => r.StationId).FirstOrDefaultAsync(context.CancellationToken)
            ?? throw RpcErrors.NotFound("report", id.ToString());
        if (!await IsReviewerOfAsync(caller, stationId, context.CancellationToken)) throw RpcErrors.OutOfScope(context, "report", id.ToString());
    }

    /// <summary>History actions that put figures into a report or sent them for review: whoever did one is its author.</summary>
    private static readonly string[] AuthorActions = ["created", "saved", "submitted", "resubmitted", "corrected"];

    /// <summary>
    /// Segregation of duties: a review is a second pair of eyes, so nobody reviews figures they wrote, submitted or
    /// corrected - in any revision, and whatever role their token carries now. The history records the actor of each step.
    /// </summary>
    private async Task EnsureNotAuthorAsync(Caller caller, Domain.Report report, string verb, CancellationToken ct)
    {
        var authored = await db.Events.AsNoTracking()
            .AnyAsync(e => e.ReportId == report.Id && e.Actor == caller.Subject && AuthorActions.Contains(e.Action), ct);
        if (authored)
        {
            throw RpcErrors.FailedPrecondition("SEGREGATION_OF_DUTIES", $"reports/{report.Id}",
                $"You cannot {verb} this report: you wrote, submitted or corrected it. Another reviewer must review it.");
        }
    }

    private LockException ToMessage(Domain.LockException e)
    {
        var message = new LockException
        {
            Id = e.Id.ToString(),
            StationId = e.StationId,
            FormId = e.FormId,
            PeriodFrom = ReportMapping.Date(e.PeriodFrom),
            PeriodTo = ReportMapping.Date(e.PeriodTo),
            Reason = e.Reason,
            EndsOn = ReportMapping.Date(e.EndsOn),
            CreatedBy = e.CreatedBy,
            CreatedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.SpecifyKind(e.CreatedAt, DateTimeKind.Utc)),
            State = e.StateOn(Today) switch
            {
                Domain.LockExceptionState.Active => LockExceptionState.Active,
                Domain.LockExceptionState.Expired => LockExceptionState.Expired,
                _ => LockExceptionState.Withdrawn,
            },
            WithdrawnBy = e.WithdrawnBy ?? "",
            WithdrawalReason = e.WithdrawalReason ?? "",
        };
        if (e.WithdrawnAt is { } at) message.WithdrawnAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.SpecifyKind(at, DateTimeKind.Utc));
        return message;
    }
}
