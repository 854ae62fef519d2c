using GenderArchitecture.Disclosure.V1;
using GenderArchitecture.Reporting.Statistics;
using GenderArchitecture.Reporting.V1;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Disclosure;
using GenderArchitecture.ServiceDefaults.Errors;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Domain = GenderArchitecture.Reporting.Domain;
using DisclosureProtection = GenderArchitecture.ServiceDefaults.Disclosure.Protection;
using Protection = GenderArchitecture.Disclosure.V1.Protection;
using StatLevel = GenderArchitecture.Reporting.Statistics.AggregateLevel;

namespace GenderArchitecture.Reporting.Grpc;

/// <summary>Completeness, timeliness and aggregates.</summary>
public sealed partial class ReportingGrpcService
{
    private const int MaxPeriods = 240;

    public override async Task<GetCompletenessResponse> GetCompleteness(GetCompletenessRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.CompletenessRead);
        var ct = context.CancellationToken;
        var validator = new Validator();
        validator.RequireText(request.FormId, "form_id", 64);
        var from = validator.RequiredDate(request.PeriodFrom, "period_from");
        var to = validator.OptionalDate(request.PeriodTo, "period_to") ?? from;
        validator.ThrowIfInvalid();
        await EnsureMayReadSubtree(caller, request.UnitId, ct);
        var form = await FormAsync(request.FormId, ct);
        // Unfinished periods would read as a collapse of reporting: left out unless the reader asks for them.
        var starts = CheckPeriods(form, from, to).Where(s => request.IncludeInProgress || !form.PeriodOf(s).IsInProgressOn(Today)).ToList();

        var expected = new Dictionary<DateOnly, IReadOnlySet<string>>();
        foreach (var start in starts)
        {
            var period = form.PeriodOf(start);
            var open = await units.ListAsync(request.UnitId.Length > 0 ? request.UnitId : null, form.ReportingUnitKind, period.Start, period.End, ct);
            expected[start] = open.Select(u => u.Id).ToHashSet();
        }
        var reports = await db.Reports.AsNoTracking()
            .Where(r => r.FormId == form.Id && r.PeriodStart >= from && r.PeriodStart <= to)
            .Select(r => new ReportStatus(r.StationId, r.PeriodStart, r.State, r.FirstSubmittedAt, r.DueOn,
                r.Revision > 1 && db.ApprovedCells.Any(c => c.ReportId == r.Id)))
            .ToListAsync(ct);

        var figures = Completeness.Compute(expected, reports).Select(f => f with { InProgress = form.PeriodOf(f.PeriodStart).IsInProgressOn(Today) }).ToList();
        var response = new GetCompletenessResponse { Total = ToMessage(Completeness.Total(figures)) };
        response.Periods.AddRange(figures.Select(ToMessage));
        return response;
    }

    public override async Task<GetAggregatesResponse> GetAggregates(GetAggregatesRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.AggregatesRead);
        var ct = context.CancellationToken;
        var validator = new Validator();
        validator.RequireText(request.FormId, "form_id", 64).RequireText(request.ElementId, "element_id", 100);
        var from = validator.RequiredDate(request.PeriodFrom, "period_from");
        var to = validator.RequiredDate(request.PeriodTo, "period_to");
        validator.ThrowIfInvalid();
        var form = await FormAsync(request.FormId, ct);
        // An element means what the form versions in effect over the periods asked for say: one that a later version
        // dropped still adds up over the periods it was reported in (across the change it is refused below).
        var definition = Domain.FormVersion.InEffect(await Data.FormVersionStore.VersionsAsync(db, form.Id, ct), from, to)
            .LastOrDefault(v => v.Definition.Element(request.ElementId) is not null)?.Definition ?? form.Definition;
        var element = definition.Element(request.ElementId);
        if (element is null) validator.Add("element_id", $"the form {form.Id} has no element '{request.ElementId}'");
        IReadOnlyList<string> keys = [];
        if (element is not null && request.Disaggregation.Length > 0)
        {
            var disaggregation = definition.FindDisaggregation(element, request.Disaggregation);
            if (disaggregation is null) validator.Add("disaggregation", $"'{request.ElementId}' is not disaggregated by '{request.Disaggregation}'");
            else keys = definition.CategoryKeys(disaggregation);
        }
        validator.ThrowIfInvalid();
        CheckPeriods(form, from, to);
        // Reporting periods that have not ended are cut off unless asked for: their figures are not final.
        var lastEnded = Domain.Period.LastEndedStart(form.PeriodType, Today);
        if (!request.IncludeInProgress && to > lastEnded) to = lastEnded;
        await Data.FormVersionStore.EnsureComparableAsync(db, form.Id, element!.Id, from, to, ct);

        var query = new AggregateQuery(form.Id, element!.Id, keys, from, to, GroupingOf(request.Grouping), LevelOf(request.Level),
            await FilterAsync(form, request.UnitId, from, to, ct));
        var exact = !request.PublicRelease && (caller.IsService || caller.Is(SuiteRoles.Analyst, SuiteRoles.Administrator));
        if (!exact && query.IsStationDetail)
        {
            throw RpcErrors.PermissionDenied("Station detail is for reviewers and analysts (exact figures, audited); the protected view " +
                "publishes national, institution and region figures only: use level total, institution or region, and a unit_id that is " +
                "an institution or a region.");
        }
        var empty = to < from;
        var rows = empty ? [] : await Aggregates.SumAsync(db, query, ct);
        var expected = empty ? [] : await ExpectedReportsAsync(form, request.UnitId, query, ct);
        var table = Aggregates.Build(query, form.PeriodType, rows, exact ? null : protection.Disclosure, expected, Today);

        if (exact)
        {
            var what = $"aggregates form={form.Id} element={element.Id} by={request.Disaggregation} unit={request.UnitId} " +
                $"periods={request.PeriodFrom}..{request.PeriodTo} level={query.Level} grouping={query.Grouping}";
            await db.AuditAsync(context, AuditActions.ExactRead, "aggregates", what);
            logger.LogInformation("Exact figures read by {Caller}: {What}", caller, what);
        }

        var response = new GetAggregatesResponse { Exact = exact, Method = MethodOf(form, element, request.Disaggregation, exact) };
        response.Categories.AddRange(keys);
        response.Cells.AddRange(table.Cells.Select(c =>
        {
            var cell = new V1.AggregateCell
            {
                Period = c.Period, UnitId = c.UnitId, CategoryKey = c.CategoryKey, Protection = ToMessage(c.Count.Protection), Reports = c.Reports,
                ExpectedReports = c.Coverage.Expected, Coverage = ToMessage(c.Coverage.State), InProgress = c.InProgress,
            };
            if (c.Count.Value is { } value) cell.Value = value;
            return cell;
        }));
        response.Trend.AddRange(table.Trend.Select(t =>
        {
            var point = new V1.TrendPoint
            {
                Period = t.Period, Protection = ToMessage(t.Count.Protection), Reports = t.Reports,
                ExpectedReports = t.Coverage.Expected, Coverage = ToMessage(t.Coverage.State), InProgress = t.InProgress,
            };
            if (t.Count.Value is { } total) point.Total = total;
            if (t.ChangePercent is { } change) point.ChangePercent = change;
            return point;
        }));
        return response;
    }

    /// <summary>
    /// The reports each row should include: every unit of the form's kind in the filter that was open in a period,
    /// under the row it counts in. One directory read for the whole window; the periods are decided here.
    /// </summary>
    private async Task<IReadOnlyList<ExpectedReport>> ExpectedReportsAsync(Domain.ReportForm form, string unitId, AggregateQuery query, CancellationToken ct)
    {
        var end = form.PeriodOf(query.To).End;
        var reporters = await units.ListAsync(unitId.Length > 0 ? unitId : null, form.ReportingUnitKind, query.From, end, ct);
        if (query.Filter.StationIds is { } stations) reporters = reporters.Where(u => stations.Contains(u.Id)).ToList();
        return Domain.Period.Starts(form.PeriodType, query.From, query.To).SelectMany(start =>
        {
            var period = form.PeriodOf(start);
            return reporters.Where(u => u.IsOpenDuring(period.Start, period.End)).Select(u => new ExpectedReport(start, query.Level switch
            {
                StatLevel.Station => u.Id,
                StatLevel.Region => u.RegionId,
                StatLevel.Institution => u.InstitutionId,
                _ => "",
            }));
        }).ToList();
    }

    private static V1.Coverage ToMessage(CoverageState state) => state switch
    {
        CoverageState.Complete => V1.Coverage.Complete,
        CoverageState.Incomplete => V1.Coverage.Incomplete,
        _ => V1.Coverage.NoData,
    };

    /// <summary>What the figures of an answer mean; a second or later breakdown says its larger adjustment.</summary>
    private ProtectionMethod MethodOf(Domain.ReportForm form, Domain.DataElement element, string disaggregation, bool exact)
    {
        var described = exact ? DisclosureControl.DescribeExact()
            : protection.Disclosure.Describe($"region x {PeriodName(form.PeriodType)} x element x category");
        var linked = !exact && disaggregation.Length > 0 && element.DisaggregationsOrEmpty.Count > 1
            && form.Definition.FindDisaggregation(element, disaggregation) is { } found && !ReferenceEquals(found, element.DisaggregationsOrEmpty[0]);
        if (!exact)
        {
            described = described with
            {
                Explanation = described.Explanation + " An element's total is the sum of its first breakdown's protected cells; " +
                    $"each further breakdown is rounded to add up to that total, moving no cell by more than {protection.LinkedMaxAdjustment}. " +
                    "Reporting units without a region count under their institution; station detail is not published.",
            };
        }
        return new ProtectionMethod
        {
            Method = described.Method,
            Threshold = described.Threshold,
            RoundingBase = described.RoundingBase,
            MaxAdjustment = linked ? protection.LinkedMaxAdjustment : described.MaxAdjustment,
            BaseCellGrain = described.BaseCellGrain,
            Explanation = described.Explanation,
        };
    }

    private static string PeriodName(Domain.PeriodType type) => type switch
    {
        Domain.PeriodType.Monthly => "month",
        Domain.PeriodType.Quarterly => "quarter",
        _ => "year",
    };

    private static Protection ToMessage(DisclosureProtection p) => p switch
    {
        DisclosureProtection.Exact => Protection.Exact,
        DisclosureProtection.Adjusted => Protection.Adjusted,
        DisclosureProtection.Protected => Protection.Protected,
        _ => Protection.NoData,
    };

    /// <summary>Reviewers read statistics of their own subtrees only; the other statistics roles read any unit.</summary>
    private async Task EnsureMayReadSubtree(Caller caller, string unitId, CancellationToken ct)
    {
        if (caller.Role != SuiteRoles.Reviewer) return;
        var unit = unitId.Length == 0 ? null : await units.FindAsync(unitId, ct);
        if (unit is null || !unit.IsWithin(caller.Units))
        {
            throw RpcErrors.PermissionDenied("A reviewer reads the statistics of units in its review scope only; name one in unit_id.");
        }
    }

    private async Task<UnitFilter> FilterAsync(Domain.ReportForm form, string unitId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        if (unitId.Length == 0) return UnitFilter.National;
        var unit = await units.FindAsync(unitId, ct) ?? throw RpcErrors.NotFound("organisation_unit", unitId);
        if (unit.Kind == "institution") return new UnitFilter(InstitutionId: unit.Id);
        if (unit.Kind == form.ReportingUnitKind) return new UnitFilter(StationIds: [unit.Id]);
        if (unit.Kind == "region") return new UnitFilter(RegionId: unit.Id);
        var stations = await units.ListAsync(unit.Id, form.ReportingUnitKind, from, Forever, ct);
        return new UnitFilter(StationIds: stations.Select(s => s.Id).ToList());
    }

    private static List<DateOnly> CheckPeriods(Domain.ReportForm form, DateOnly from, DateOnly to)
    {
        var validator = new Validator();
        if (to < from) validator.Add("period_to", "must not be before period_from");
        if (!Domain.Period.IsStart(form.PeriodType, from)) validator.Add("period_from", $"must be the first day of a {form.PeriodType.ToString().ToLowerInvariant()} period");
        validator.ThrowIfInvalid();
        var starts = Domain.Period.Starts(form.PeriodType, from, to).Take(MaxPeriods + 1).ToList();
        if (starts.Count > MaxPeriods) validator.Add("period_to", $"at most {MaxPeriods} periods at once");
        validator.ThrowIfInvalid();
        return starts;
    }

    private static Domain.Grouping GroupingOf(PeriodGrouping g) => g switch
    {
        PeriodGrouping.Month => Domain.Grouping.Month,
        PeriodGrouping.Quarter => Domain.Grouping.Quarter,
        _ => Domain.Grouping.Year,
    };

    private static StatLevel LevelOf(V1.AggregateLevel l) => l switch
    {
        V1.AggregateLevel.Station => StatLevel.Station,
        V1.AggregateLevel.Region => StatLevel.Region,
        V1.AggregateLevel.Institution => StatLevel.Institution,
        _ => StatLevel.Total,
    };

    private static CompletenessRow ToMessage(CompletenessFigures f) => new()
    {
        PeriodStart = ReportMapping.Date(f.PeriodStart),
        Expected = f.Expected,
        Submitted = f.Submitted,
        SubmittedOnTime = f.OnTime,
        Approved = f.Approved,
        SubmittedPercent = f.SubmittedPercent,
        OnTimePercent = f.OnTimePercent,
        ApprovedPercent = f.ApprovedPercent,
        InProgress = f.InProgress,
    };
}
