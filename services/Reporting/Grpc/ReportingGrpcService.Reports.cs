using GenderArchitecture.Reporting.Data;
using GenderArchitecture.Reporting.V1;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Errors;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Domain = GenderArchitecture.Reporting.Domain;

namespace GenderArchitecture.Reporting.Grpc;

/// <summary>Station reports: drafts, submission, corrections, and reading them.</summary>
public sealed partial class ReportingGrpcService
{
    public override async Task<SaveDraftResponse> SaveDraft(SaveDraftRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.ReportsWrite);
        var ct = context.CancellationToken;
        var validator = new Validator();
        validator.RequireText(request.FormId, "form_id", 64).RequireText(request.StationId, "station_id", 100);
        var periodStart = validator.RequiredDate(request.PeriodStart, "period_start");
        validator.Require(request.ExpectedVersion >= 0, "expected_version", "must be 0 (new report) or the version the edit started from");
        validator.ThrowIfInvalid();
        EnsureFocalPointOf(caller, request.StationId);

        var form = await FormAsync(request.FormId, ct);
        if (!Domain.Period.IsStart(form.PeriodType, periodStart))
        {
            validator.Add("period_start", $"must be the first day of a {form.PeriodType.ToString().ToLowerInvariant()} period");
        }
        else if (periodStart > Today)
        {
            validator.Add("period_start", "a period that has not begun cannot be reported");
        }
        validator.ThrowIfInvalid();
        // The version in effect for the period is the one an existing report was created on: a version cannot start
        // at a period that already has reports (FormsGrpcService).
        var version = await db.VersionAtAsync(form.Id, periodStart, ct);
        var values = ReportMapping.ReadValues(version.Definition, request.Values, validator);
        validator.ThrowIfInvalid();
        // A new report's unit is asked of Structure here, before the write's transaction opens: a slow Structure
        // delays this request only, never another writer. Version 0 is the only way to create a report.
        var station = request.ExpectedVersion == 0 ? await ReportingUnitAsync(form, request.StationId, periodStart, ct) : null;

        return await writes.RunAsync(caller, nameof(SaveDraft), request, async () =>
        {
            var report = await db.Reports.Include(r => r.Values)
                .FirstOrDefaultAsync(r => r.FormId == form.Id && r.StationId == request.StationId && r.PeriodStart == periodStart, ct);
            var created = report is null;
            if (report is null)
            {
                if (station is null) throw RpcErrors.NotFound("report", $"{form.Id}/{request.StationId}/{request.PeriodStart}");
                report = new Domain.Report(Guid.NewGuid(), form, station.Id, station.RegionId, station.InstitutionId, periodStart, formVersion: version.Version);
                db.Reports.Add(report);
            }
            else
            {
                // 0 means "create": someone created it meanwhile, so the caller's view is stale.
                if (request.ExpectedVersion == 0) throw RpcErrors.Aborted("report", report.Id.ToString(), report.Version);
                report.CheckVersion(request.ExpectedVersion);
            }
            await EnsureUnlockedAsync(report, ct);
            db.Events.Add(report.SaveValues(values, ActorOf(caller), Now, created));
            await db.SaveChangesAsync(ct);
            return new SaveDraftResponse { Report = ReportMapping.ToMessage(report, withComment: MaySeeComment(caller, report.State, "")) };
        }, ct);
    }

    public override async Task<SubmitReportResponse> SubmitReport(SubmitReportRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.ReportsWrite);
        var ct = context.CancellationToken;
        var validator = new Validator();
        var id = ReportMapping.ReportId(request.ReportId, validator);
        validator.ThrowIfInvalid();

        return await writes.RunAsync(caller, nameof(SubmitReport), request, async () =>
        {
            var report = await ReportAsync(context, id, r => IsFocalPointOf(caller, r.StationId));
            report.CheckVersion(request.ExpectedVersion);
            await EnsureUnlockedAsync(report, ct);
            var form = await FormAsync(report.FormId, ct);
            var notChecked = EnsureValid(await db.VersionOfAsync(report, ct), report.ValueMap());
            var warnings = await OutlierWarningsAsync(form, report, ct);
            db.Events.Add(report.Submit(ActorOf(caller), Now, [.. warnings, .. notChecked], form.SubmittableFrom(report.PeriodStart)));
            await db.SaveChangesAsync(ct);
            return new SubmitReportResponse { Report = ReportMapping.ToMessage(report, MaySeeComment(caller, report.State, "")) };
        }, ct);
    }

    public override async Task<CorrectReportResponse> CorrectReport(CorrectReportRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.ReportsWrite);
        var ct = context.CancellationToken;
        var validator = new Validator();
        var id = ReportMapping.ReportId(request.ReportId, validator);
        validator.RequireText(request.Reason, "reason", 2000);
        validator.ThrowIfInvalid();

        return await writes.RunAsync(caller, nameof(CorrectReport), request, async () =>
        {
            var report = await ReportAsync(context, id, r => IsFocalPointOf(caller, r.StationId));
            report.CheckVersion(request.ExpectedVersion);
            await EnsureUnlockedAsync(report, ct);
            var form = await FormAsync(report.FormId, ct);
            var version = await db.VersionOfAsync(report, ct);
            var values = ReportMapping.ReadValues(version.Definition, request.Values, validator);
            validator.ThrowIfInvalid();
            var notChecked = EnsureValid(version, values);
            db.Events.Add(report.Correct(values, request.Reason, ActorOf(caller), Now));
            report.SetWarnings([.. await OutlierWarningsAsync(form, report, ct), .. notChecked]);
            await db.SaveChangesAsync(ct);
            return new CorrectReportResponse { Report = ReportMapping.ToMessage(report, MaySeeComment(caller, report.State, "")) };
        }, ct);
    }

    public override async Task<GetReportResponse> GetReport(GetReportRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.ReportsRead);
        var validator = new Validator();
        var id = ReportMapping.ReportId(request.ReportId, validator);
        validator.ThrowIfInvalid();
        var report = await db.Reports.AsNoTracking().Include(r => r.Values).FirstOrDefaultAsync(r => r.Id == id, context.CancellationToken)
            ?? throw RpcErrors.NotFound("report", request.ReportId);
        if (!await MayReadAsync(caller, report.StationId, context.CancellationToken)) throw RpcErrors.OutOfScope(context, "report", request.ReportId);
        if (caller.IsAdministrator) await db.AuditAsync(context, AuditActions.RawReportRead, $"report/{report.Id}", $"report of {report.StationId}, form {report.FormId}, period {ReportMapping.Date(report.PeriodStart)}");
        return new GetReportResponse { Report = ReportMapping.ToMessage(report, MaySeeComment(caller, report.State, "")) };
    }

    public override async Task<ListStationReportsResponse> ListStationReports(ListStationReportsRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.ReportsRead);
        var validator = new Validator();
        validator.RequireText(request.StationId, "station_id", 100);
        var from = validator.OptionalDate(request.PeriodFrom, "period_from");
        var to = validator.OptionalDate(request.PeriodTo, "period_to");
        var (offset, size) = Paging.Read(request.PageToken, request.PageSize, validator);
        validator.ThrowIfInvalid();
        await EnsureMayReadStationAsync(caller, request.StationId, context.CancellationToken);

        var query = db.Reports.AsNoTracking().Where(r => r.StationId == request.StationId);
        if (request.FormId.Length > 0) query = query.Where(r => r.FormId == request.FormId);
        if (from is { } f) query = query.Where(r => r.PeriodStart >= f);
        if (to is { } t) query = query.Where(r => r.PeriodStart <= t);
        var page = await query.OrderByDescending(r => r.PeriodStart).ThenBy(r => r.FormId).Skip(offset).Take(size + 1).ToListAsync(context.CancellationToken);

        if (caller.IsAdministrator) await db.AuditAsync(context, AuditActions.RawReportRead, $"station/{request.StationId}/reports", $"list of {request.StationId}'s reports, form={request.FormId} periods={request.PeriodFrom}..{request.PeriodTo}");
        var response = new ListStationReportsResponse { NextPageToken = Paging.Next(offset, size, page.Count) };
        response.Reports.AddRange(page.Take(size).Select(ReportMapping.ToSummary));
        return response;
    }

    public override async Task<GetReportHistoryResponse> GetReportHistory(GetReportHistoryRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.ReportsRead);
        var validator = new Validator();
        var id = ReportMapping.ReportId(request.ReportId, validator);
        validator.ThrowIfInvalid();
        var report = await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, context.CancellationToken)
            ?? throw RpcErrors.NotFound("report", request.ReportId);
        if (!await MayReadAsync(caller, report.StationId, context.CancellationToken)) throw RpcErrors.OutOfScope(context, "report", request.ReportId);

        var events = await db.Events.AsNoTracking().Where(e => e.ReportId == id).OrderBy(e => e.Sequence).ToListAsync(context.CancellationToken);
        var response = new GetReportHistoryResponse();
        response.Events.AddRange(events.Select(e => ReportMapping.ToMessage(e, MaySeeComment(caller, Domain.ReportState.Draft, e.Action))));
        return response;
    }

    /// <summary>The unit that reports: known to Structure, of the form's kind, and open during the period.</summary>
    private async Task<Units.UnitInfo> ReportingUnitAsync(Domain.ReportForm form, string stationId, DateOnly periodStart, CancellationToken ct)
    {
        var unit = await units.FindAsync(stationId, ct) ?? throw RpcErrors.NotFound("organisation_unit", stationId);
        if (unit.Kind != form.ReportingUnitKind)
        {
            throw RpcErrors.FailedPrecondition("WRONG_UNIT_KIND", stationId, $"The form {form.Id} is reported by a {form.ReportingUnitKind}, and {stationId} is a {unit.Kind}.");
        }
        var period = form.PeriodOf(periodStart);
        if (!unit.IsOpenDuring(period.Start, period.End))
        {
            throw RpcErrors.FailedPrecondition("UNIT_NOT_OPEN", stationId, $"{stationId} was not open in the period starting {ReportMapping.Date(periodStart)}.");
        }
        return unit;
    }

    private async Task EnsureUnlockedAsync(Domain.Report report, CancellationToken ct)
    {
        if (Today < report.LocksOn) return;
        var exceptions = await db.LockExceptions.AsNoTracking()
            .Where(e => e.StationId == report.StationId && e.FormId == report.FormId && e.EndsOn >= Today && e.WithdrawnAt == null).ToListAsync(ct);
        Domain.Locks.EnsureEditable(report, Today, exceptions);
    }

    /// <summary>
    /// Every cell of the report's form version needs an explicit value (a number, or not applicable / not available: empty is not
    /// zero), and no validation rule may be broken. All breaches are named at once, each with its cell or rule.
    /// Returns, in words, the rules that could not be checked because a cell they read holds no number.
    /// </summary>
    private static IReadOnlyList<string> EnsureValid(Domain.FormVersion form, IReadOnlyDictionary<Domain.CellId, Domain.CellValue> values)
    {
        var validator = new Validator();
        foreach (var (elementId, key) in form.Definition.AllCells().Where(c => !values.ContainsKey(new Domain.CellId(c.ElementId, c.CategoryKey))))
        {
            if (key.Length == 0) validator.Add($"values[{elementId}]", "the total is empty: enter a number (0 if there were none) or mark it not applicable or not available");
            else validator.Add($"values[{elementId}][{key}]", $"the cell {key} is empty: enter a number (0 if there were none) or mark it not applicable or not available");
        }
        var rules = form.EvaluatedRules();
        foreach (var breach in Domain.RuleEvaluator.Evaluate(form.Definition, rules, values)) validator.Add(breach.Field, breach.Description);
        validator.ThrowIfInvalid();
        return Domain.RuleEvaluator.Unchecked(form.Definition, rules, values);
    }

    /// <summary>Outliers of each element's total against the station's last approved periods.</summary>
    private async Task<IReadOnlyList<string>> OutlierWarningsAsync(Domain.ReportForm form, Domain.Report report, CancellationToken ct)
    {
        var history = await db.ApprovedCells.AsNoTracking()
            .Where(c => c.StationId == report.StationId && c.FormId == form.Id && c.CategoryKey == "" && c.PeriodStart < report.PeriodStart)
            .OrderByDescending(c => c.PeriodStart).Take(form.ElementCount * 12)
            .Select(c => new { c.ElementId, c.Value }).ToListAsync(ct);
        var warnings = new List<string>();
        foreach (var value in report.Values.Where(v => v.CategoryKey == "" && v.State == Domain.ValueState.Number))
        {
            var element = form.Definition.Element(value.ElementId);
            var past = history.Where(h => h.ElementId == value.ElementId).Select(h => h.Value).Take(12).ToList();
            if (Domain.Outliers.Check(element?.Name ?? value.ElementId, value.Number ?? 0, past) is { } warning) warnings.Add(warning);
        }
        return warnings;
    }
}

/// <summary>Offset page tokens: opaque to callers, small and stable for ordered lists.</summary>
internal static class Paging
{
    public static (int Offset, int Size) Read(string token, int pageSize, Validator validator)
    {
        var size = pageSize <= 0 ? 50 : Math.Min(pageSize, 500);
        if (string.IsNullOrEmpty(token)) return (0, size);
        if (int.TryParse(token, out var offset) && offset >= 0) return (offset, size);
        validator.Add("page_token", "is not a token this service issued");
        return (0, size);
    }

    public static string Next(int offset, int size, int fetched) => fetched > size ? (offset + size).ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
}
