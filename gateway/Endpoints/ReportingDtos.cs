using System.Globalization;
using GenderArchitecture.Disclosure.V1;
using GenderArchitecture.Reporting.V1;

namespace GenderArchitecture.Gateway.Endpoints;

/// <summary>The Reporting area's request and response bodies, and their mapping from the service's messages.</summary>
public static class ReportingDtos
{
    public sealed record CategoryOptionDto(string Id, string Name);
    public sealed record CategoryDto(string Id, string Name, CategoryOptionDto[] Options);
    public sealed record ElementDto(string Id, string Name, string[][] Disaggregations);
    public sealed record RuleDto(string Id, string Description, string[] Left, string Operator, string[] Right);
    public sealed record FormDto(string Id, string Name, string PeriodType, int ElementCount, int DueDays, int LockDays, string ReportingUnitKind,
        ElementDto[] Elements, CategoryDto[] Categories, RuleDto[] Rules, int EarlySubmissionDays);

    /// <summary>A cell: a number (zero included), or state not_applicable / not_available. A cell left out is empty.</summary>
    public sealed record ValueDto(string ElementId, string? CategoryKey, ValueState? State, long? Number);
    /// <summary>A report; <c>FormVersion</c> is the version of its form it was created on, which it is filled and read against.</summary>
    public sealed record ReportDto(string Id, string FormId, int FormVersion, string StationId, string PeriodStart, string PeriodEnd, ReportState State, int Revision,
        long Version, string DueOn, string LocksOn, DateTimeOffset? FirstSubmittedAt, bool SubmittedOnTime, bool Demonstration,
        string? ReviewComment, ValueDto[] Values, string[] Warnings);
    public sealed record ReportSummaryDto(string Id, string FormId, string StationId, string PeriodStart, ReportState State, int Revision, long Version,
        string DueOn, DateTimeOffset? FirstSubmittedAt, bool SubmittedOnTime, bool Demonstration, int WarningCount);
    public sealed record ReportPageDto(ReportSummaryDto[] Items, string? NextPageToken);
    public sealed record ValueChangeDto(string ElementId, string CategoryKey, string Before, string After);
    public sealed record ReportEventDto(long Sequence, int Revision, string Action, ReportState FromState, ReportState ToState, string Actor,
        string ActorRole, DateTimeOffset At, string? Reason, ValueChangeDto[] Changes);

    public sealed record SaveDraftDto(ValueDto?[]? Values);
    public sealed record CorrectionDto(string? Reason, ValueDto?[]? Values);
    public sealed record ReviewDto(string? Comment);
    /// <summary>periodFrom (required) and periodTo (optional, at most 12 periods on): period starts of formId's periods.</summary>
    public sealed record CreateLockExceptionDto(string? StationId, string? Reason, string? EndsOn, string? FormId, string? PeriodFrom, string? PeriodTo);
    /// <summary>state: active | expired | withdrawn; withdrawnBy/withdrawnAt/withdrawalReason once withdrawn.</summary>
    public sealed record LockExceptionDto(string Id, string StationId, string Reason, string EndsOn, string CreatedBy, DateTimeOffset CreatedAt,
        string FormId, string PeriodFrom, string PeriodTo, string State, string? WithdrawnBy, DateTimeOffset? WithdrawnAt, string? WithdrawalReason);

    /// <summary>inProgress: the period has not ended, its figures are not final.</summary>
    public sealed record CompletenessRowDto(string PeriodStart, int Expected, int Submitted, int SubmittedOnTime, int Approved,
        double SubmittedPercent, double OnTimePercent, double ApprovedPercent, bool InProgress);
    public sealed record CompletenessDto(CompletenessRowDto[] Periods, CompletenessRowDto Total);
    /// <summary>
    /// A cell of an aggregate table. protection: exact | adjusted (a sum of protected base cells) | protected (too small
    /// to publish) | no_data (no approved report). value is set only when exact or adjusted, never 0 for hidden or missing.
    /// coverage: complete | incomplete (reports of expectedReports) | no_data, whatever the protection. inProgress: the
    /// period (month, quarter or year of the grouping) has not ended today, so the figure is not final.
    /// </summary>
    public sealed record AggregateCellDto(string Period, string? UnitId, string? CategoryKey, long? Value, string Protection, int Reports,
        int ExpectedReports, string Coverage, bool InProgress);
    public sealed record TrendPointDto(string Period, long? Value, string Protection, int Reports, double? ChangePercent, int ExpectedReports, string Coverage,
        bool InProgress);
    /// <summary>What the figures of an answer mean (genderarchitecture.disclosure.v1.ProtectionMethod).</summary>
    public sealed record MethodDto(string Method, int Threshold, int RoundingBase, int MaxAdjustment, string BaseCellGrain, string Explanation);
    public sealed record AggregatesDto(bool Exact, MethodDto Method, string[] Categories, AggregateCellDto[] Cells, TrendPointDto[] Trend);

    public static FormDto ToDto(Form f) => new(f.Id, f.Name, f.PeriodType.ToString().ToLowerInvariant(), f.ElementCount, f.DueDays, f.LockDays,
        f.ReportingUnitKind,
        f.Elements.Select(e => new ElementDto(e.Id, e.Name, e.Disaggregations.Select(d => d.CategoryIds.ToArray()).ToArray())).ToArray(),
        f.Categories.Select(c => new CategoryDto(c.Id, c.Name, c.Options.Select(o => new CategoryOptionDto(o.Id, o.Name)).ToArray())).ToArray(),
        f.Rules.Select(r => new RuleDto(r.Id, r.Description, r.Left.ToArray(), r.Operator, r.Right.ToArray())).ToArray(), f.EarlySubmissionDays);

    public static ReportDto ToDto(Report r) => new(r.Id, r.FormId, r.FormVersion, r.StationId, r.PeriodStart, r.PeriodEnd, r.State, r.Revision, r.Version,
        r.DueOn, r.LocksOn, r.FirstSubmittedAt?.ToDateTimeOffset(), r.SubmittedOnTime, r.Demonstration, NullIfEmpty(r.ReviewComment),
        r.Values.Select(v => new ValueDto(v.ElementId, v.CategoryKey, v.State, v.State == ValueState.Number && v.HasNumber ? v.Number : null)).ToArray(),
        r.Warnings.ToArray());

    public static ReportSummaryDto ToDto(ReportSummary r) => new(r.Id, r.FormId, r.StationId, r.PeriodStart, r.State, r.Revision, r.Version,
        r.DueOn, r.FirstSubmittedAt?.ToDateTimeOffset(), r.SubmittedOnTime, r.Demonstration, r.WarningCount);

    public static ReportEventDto ToDto(ReportEvent e) => new(e.Sequence, e.Revision, e.Action, e.FromState, e.ToState, e.Actor, e.ActorRole,
        e.At.ToDateTimeOffset(), NullIfEmpty(e.Reason), e.Changes.Select(c => new ValueChangeDto(c.ElementId, c.CategoryKey, c.Before, c.After)).ToArray());

    public static LockExceptionDto ToDto(LockException e) => new(e.Id, e.StationId, e.Reason, e.EndsOn, e.CreatedBy, e.CreatedAt.ToDateTimeOffset(),
        e.FormId, e.PeriodFrom, e.PeriodTo, e.State switch
        {
            LockExceptionState.Active => "active",
            LockExceptionState.Expired => "expired",
            _ => "withdrawn",
        }, NullIfEmpty(e.WithdrawnBy), e.WithdrawnAt?.ToDateTimeOffset(), NullIfEmpty(e.WithdrawalReason));

    public static CompletenessRowDto ToDto(CompletenessRow r) => new(r.PeriodStart, r.Expected, r.Submitted, r.SubmittedOnTime, r.Approved,
        r.SubmittedPercent, r.OnTimePercent, r.ApprovedPercent, r.InProgress);

    public static AggregatesDto ToDto(GetAggregatesResponse a) => new(a.Exact, ToDto(a.Method), a.Categories.ToArray(),
        a.Cells.Select(c => new AggregateCellDto(c.Period, NullIfEmpty(c.UnitId), NullIfEmpty(c.CategoryKey), ValueOf(c.HasValue, c.Value, c.Protection),
            Name(c.Protection), c.Reports, c.ExpectedReports, Name(c.Coverage), c.InProgress)).ToArray(),
        a.Trend.Select(ToDto).ToArray());

    public static TrendPointDto ToDto(TrendPoint t) =>
        new(t.Period, ValueOf(t.HasTotal, t.Total, t.Protection), Name(t.Protection), t.Reports, t.HasChangePercent ? t.ChangePercent : null,
            t.ExpectedReports, Name(t.Coverage), t.InProgress);

    public static MethodDto ToDto(ProtectionMethod? m) => m is null
        ? new("exact", 0, 0, 0, "", "")
        : new(m.Method, m.Threshold, m.RoundingBase, m.MaxAdjustment, m.BaseCellGrain, m.Explanation);

    /// <summary>The wire name of a protection state: exact, adjusted, protected, no_data.</summary>
    public static string Name(Protection p) => p switch
    {
        Protection.Exact => "exact",
        Protection.Adjusted => "adjusted",
        Protection.Protected => "protected",
        _ => "no_data",
    };

    /// <summary>The wire name of a coverage state: complete, incomplete, no_data.</summary>
    public static string Name(Coverage c) => c switch
    {
        Coverage.Complete => "complete",
        Coverage.Incomplete => "incomplete",
        _ => "no_data",
    };

    /// <summary>A value only for a published figure: a protected or missing one has none, whatever the message holds.</summary>
    private static long? ValueOf(bool has, long value, Protection p) => has && p is Protection.Exact or Protection.Adjusted ? value : null;

    /// <summary>
    /// The cells of a body, or the problems that make it unusable, each naming its field: a missing or null
    /// <c>values</c> (it would empty the report), a null cell, a number cell without a number. Nothing is sent then.
    /// </summary>
    public static IReadOnlyList<ReportValue> ToMessages(IReadOnlyList<ValueDto?>? values, Dictionary<string, string[]> errors)
    {
        if (values is null)
        {
            errors["values"] = ["is required: the full list of cells (an empty list [] for none); a body without it would erase the report's cells"];
            return [];
        }
        var messages = new List<ReportValue>();
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not { } v)
            {
                errors[$"values[{i}]"] = ["a cell cannot be null: give elementId, state and, for a number, number"];
                continue;
            }
            var state = v.State ?? (v.Number is null ? ValueState.Unspecified : ValueState.Number);
            if (state == ValueState.Number && v.Number is null)
            {
                errors[$"values[{i}].number"] = [$"the cell {v.ElementId}[{v.CategoryKey}] is a number without a number: send the count (0 if there were none) or state not_applicable or not_available"];
                continue;
            }
            var message = new ReportValue { ElementId = v.ElementId ?? "", CategoryKey = v.CategoryKey ?? "", State = state };
            if (v.Number is { } n) message.Number = n;
            messages.Add(message);
        }
        return messages;
    }

    public static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

}
