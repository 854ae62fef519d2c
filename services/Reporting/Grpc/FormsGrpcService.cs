using GenderArchitecture.Reporting.Data;
using GenderArchitecture.Reporting.V1;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Errors;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Domain = GenderArchitecture.Reporting.Domain;

namespace GenderArchitecture.Reporting.Grpc;

/// <summary>
/// Form versions: listed for everyone who reads forms, published by administrators. A version is checked whole before
/// anything is stored (<see cref="Domain.FormVersionRules"/>); the database's key on (form, version) decides between two
/// administrators publishing at once.
/// </summary>
public sealed class FormsGrpcService(ReportingDbContext db, IdempotentWrites writes, TimeProvider time, ILogger<FormsGrpcService> logger)
    : FormsService.FormsServiceBase
{
    public override async Task<ListFormVersionsResponse> ListFormVersions(ListFormVersionsRequest request, ServerCallContext context)
    {
        context.RequireOperation(Operations.FormsRead);
        new Validator().RequireText(request.FormId, "form_id", 64).ThrowIfInvalid();
        var form = await FormAsync(request.FormId, context.CancellationToken);
        var versions = await db.VersionsAsync(form.Id, context.CancellationToken);
        var response = new ListFormVersionsResponse { FormId = form.Id, SeedDiffers = form.SeedDiffers, SeedDifference = form.SeedDifference };
        response.Versions.AddRange(versions.OrderByDescending(v => v.Version).Select(FormVersionMapping.ToMessage));
        return response;
    }

    public override async Task<PublishFormVersionResponse> PublishFormVersion(PublishFormVersionRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.FormsAdminister);
        var ct = context.CancellationToken;
        var validator = new Validator();
        validator.RequireText(request.FormId, "form_id", 64);
        var validFrom = validator.RequiredDate(request.ValidFrom, "valid_from");
        validator.Require(request.ExpectedVersion > 0, "expected_version", "must be the latest version the edit started from");
        var definition = FormVersionMapping.Definition(request.Elements, request.Categories);
        var rules = FormVersionMapping.Rules(request.Rules);
        Domain.FormVersionRules.Validate(definition, rules, validator);
        validator.ThrowIfInvalid();

        return await writes.RunAsync(caller, nameof(PublishFormVersion), request, async () =>
        {
            var form = await db.Forms.FirstOrDefaultAsync(f => f.Id == request.FormId, ct) ?? throw RpcErrors.NotFound("form", request.FormId);
            var latest = await db.FormVersions.AsNoTracking().Where(v => v.FormId == form.Id).OrderByDescending(v => v.Version).FirstAsync(ct);
            if (request.ExpectedVersion != latest.Version) throw RpcErrors.Aborted("form", form.Id, latest.Version);
            Domain.FormVersionRules.CheckValidFrom(form.PeriodType, latest, validFrom, validator);
            var ids = rules.Select(r => r.Id).ToList();
            foreach (var taken in await db.Rules.AsNoTracking().Where(r => r.FormId != form.Id && ids.Contains(r.Id)).ToListAsync(ct))
            {
                validator.Add($"rules[{taken.Id}].id", Domain.FormTexts.RuleIdTaken(taken.Id, taken.FormId));
            }
            validator.ThrowIfInvalid();
            // Reports keep the version they were created on, so a version starting at a period that has reports would
            // leave that period with two meanings.
            var later = await db.Reports.CountAsync(r => r.FormId == form.Id && r.PeriodStart >= validFrom, ct);
            if (later > 0)
            {
                throw RpcErrors.FailedPrecondition("FORM_PERIOD_HAS_REPORTS", $"{form.Id}/{request.ValidFrom}", Domain.FormTexts.PeriodHasReports(request.ValidFrom, later));
            }

            var version = new Domain.FormVersion(form.Id, latest.Version + 1, validFrom, definition, rules, caller.Subject, time.GetUtcNow().UtcDateTime);
            db.FormVersions.Add(version);
            db.Rules.RemoveRange(await db.Rules.Where(r => r.FormId == form.Id).ToListAsync(ct));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
            {
                // Another administrator published from the same version in between: the unique (form, version) key
                // refused this one, as the version check would have a moment later.
                throw RpcErrors.Aborted("form", form.Id, latest.Version + 1);
            }
            db.Rules.AddRange(version.EvaluatedRules());
            form.ShowVersion(definition, seedDiffers: false, "");
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Form {Form}: version {Version} published from {ValidFrom} by {Caller}", form.Id, version.Version, request.ValidFrom, caller.Subject);
            return new PublishFormVersionResponse { Version = FormVersionMapping.ToMessage(version) };
        }, ct);
    }

    public override async Task<CompareFormVersionsResponse> CompareFormVersions(CompareFormVersionsRequest request, ServerCallContext context)
    {
        context.RequireOperation(Operations.FormsRead);
        var validator = new Validator();
        validator.RequireText(request.FormId, "form_id", 64);
        var from = validator.RequiredDate(request.PeriodFrom, "period_from");
        var to = validator.RequiredDate(request.PeriodTo, "period_to");
        if (validator.IsValid) validator.Require(from <= to, "period_to", "must not be before period_from");
        validator.ThrowIfInvalid();
        var form = await FormAsync(request.FormId, context.CancellationToken);
        var versions = Domain.FormVersion.InEffect(await db.VersionsAsync(form.Id, context.CancellationToken), from, to);
        var comparison = Domain.FormVersionRules.Compare(versions);
        var response = new CompareFormVersionsResponse { Versions = { versions.Select(v => v.Version) }, ComparableElementIds = { comparison.ComparableElementIds } };
        response.LeftOut.AddRange(comparison.LeftOut.Select(l => new LeftOutElement { ElementId = l.ElementId, Reason = l.Reason }));
        return response;
    }

    private async Task<Domain.ReportForm> FormAsync(string id, CancellationToken cancellationToken) =>
        await db.Forms.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken) ?? throw RpcErrors.NotFound("form", id);
}
