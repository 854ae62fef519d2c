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

    private async Task<Domain.Report> ReportAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Reports.Include(r => r.Values).FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
        ?? throw RpcErrors.NotFound("report", id.ToString());

    /// <summary>A focal point writes only for the station of its <c>unit</c> claim.</summary>
    private static void EnsureFocalPointOf(Caller caller, string stationId)
    {
        if (caller.IsService) return;
        if (caller.Role != SuiteRoles.FocalPoint || !caller.Units.Contains(stationId))
        {
            throw RpcErrors.PermissionDenied($"Only the focal point of {stationId} may write its reports.");
        }
    }

    /// <summary>A reviewer acts only on stations beneath the units of its <c>unit</c> claims.</summary>
    private async Task EnsureReviewerOf(Caller caller, string stationId, CancellationToken cancellationToken)
    {
        if (caller.IsService) return;
        if (caller.Role == SuiteRoles.Reviewer)
        {
            var station = await units.FindAsync(stationId, cancellationToken);
            if (station is not null && station.IsWithin(caller.Units)) return;
        }
        throw RpcErrors.PermissionDenied($"The station {stationId} is not in the caller's review scope.");
    }

    /// <summary>Reading a report: its station's focal point, a reviewer in scope, or an administrator.</summary>
    private async Task EnsureCanRead(Caller caller, string stationId, CancellationToken cancellationToken)
    {
        if (caller.IsService || caller.IsAdministrator) return;
        if (caller.Role == SuiteRoles.FocalPoint)
        {
            EnsureFocalPointOf(caller, stationId);
            return;
        }
        await EnsureReviewerOf(caller, stationId, cancellationToken);
    }

    /// <summary>Comments are for reviewers; a focal point sees the comment of its own returned report.</summary>
    private static bool MaySeeComment(Caller caller, Domain.ReportState state, string action) =>
        caller.IsService || caller.IsAdministrator || caller.Role == SuiteRoles.Reviewer
        || (caller.Role == SuiteRoles.FocalPoint && (action is "returned" or "corrected" || state == Domain.ReportState.Returned));
}
