using GenderArchitecture.Reporting.Data;
using GenderArchitecture.Reporting.Units;
using GenderArchitecture.Reporting.V1;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Errors;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Domain = GenderArchitecture.Reporting.Domain;

namespace GenderArchitecture.Reporting.Grpc;

/// <summary>
/// The Reporting gRPC service, in four parts: forms and shared checks (here), station reports, review, statistics.
/// Every call checks the caller's role and scope itself (defence in depth: the gateway checks roles too).
/// </summary>
public sealed partial class ReportingGrpcService(
    ReportingDbContext db,
    UnitDirectory units,
    IdempotentWrites writes,
    Statistics.BaseCellProtection protection,
    TimeProvider time,
    ILogger<ReportingGrpcService> logger) : ReportingService.ReportingServiceBase
{
    public override async Task<ListFormsResponse> ListForms(ListFormsRequest request, ServerCallContext context)
    {
        context.RequireOperation(Operations.FormsRead);
        var forms = await db.Forms.AsNoTracking().OrderBy(f => f.Id).ToListAsync(context.CancellationToken);
        var rules = await db.Rules.AsNoTracking().OrderBy(r => r.Id).ToListAsync(context.CancellationToken);
        var response = new ListFormsResponse();
        response.Forms.AddRange(forms.Select(f => ReportMapping.ToMessage(f, rules.Where(r => r.FormId == f.Id))));
        return response;
    }

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static Domain.Actor ActorOf(Caller caller) => new(caller.Subject, caller.Role);

    private async Task<Domain.ReportForm> FormAsync(string id, CancellationToken cancellationToken) =>
        await db.Forms.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken)
        ?? throw RpcErrors.NotFound("form", id);

    /// <summary>The report, if it exists and <paramref name="inScope"/> lets the caller see it; not found otherwise, alike.</summary>
    private async Task<Domain.Report> ReportAsync(ServerCallContext context, Guid id, Func<Domain.Report, bool> inScope)
    {
        var report = await db.Reports.Include(r => r.Values).FirstOrDefaultAsync(r => r.Id == id, context.CancellationToken)
            ?? throw RpcErrors.NotFound("report", id.ToString());
        return inScope(report) ? report : throw RpcErrors.OutOfScope(context, "report", id.ToString());
    }

    /// <summary>A focal point writes only for the station of its <c>unit</c> claim.</summary>
    private static bool IsFocalPointOf(Caller caller, string stationId) =>
        caller.IsService || (caller.Role == SuiteRoles.FocalPoint && caller.Units.Contains(stationId));

    /// <summary>A reviewer acts only on stations beneath the units of its <c>unit</c> claims.</summary>
    private async Task<bool> IsReviewerOfAsync(Caller caller, string stationId, CancellationToken cancellationToken)
    {
        if (caller.IsService) return true;
        if (caller.Role != SuiteRoles.Reviewer) return false;
        var station = await units.FindAsync(stationId, cancellationToken);
        return station is not null && station.IsWithin(caller.Units);
    }

    /// <summary>Reading reports: their station's focal point, a reviewer in scope, or an administrator.</summary>
    private async Task<bool> MayReadAsync(Caller caller, string stationId, CancellationToken cancellationToken) =>
        caller.IsService || caller.IsAdministrator
        || (caller.Role == SuiteRoles.FocalPoint ? IsFocalPointOf(caller, stationId) : await IsReviewerOfAsync(caller, stationId, cancellationToken));

    /// <summary>
    /// A station the caller named itself (in the path): refused as out of scope, without naming it back. A report named
    /// by id is checked where it is read (<see cref="RpcErrors.OutOfScope"/>): out of scope, it is not found.
    /// </summary>
    private static void EnsureFocalPointOf(Caller caller, string stationId)
    {
        if (!IsFocalPointOf(caller, stationId)) throw RpcErrors.PermissionDenied("Only the station's own focal point may write its reports.");
    }

    private async Task EnsureMayReadStationAsync(Caller caller, string stationId, CancellationToken cancellationToken)
    {
        if (!await MayReadAsync(caller, stationId, cancellationToken)) throw RpcErrors.PermissionDenied("The station is not in the caller's scope.");
    }

    /// <summary>Comments are for reviewers; a focal point sees the comment of its own returned report.</summary>
    private static bool MaySeeComment(Caller caller, Domain.ReportState state, string action) =>
        caller.IsService || caller.IsAdministrator || caller.Role == SuiteRoles.Reviewer
        || (caller.Role == SuiteRoles.FocalPoint && (action is "returned" or "corrected" || state == Domain.ReportState.Returned));
}
