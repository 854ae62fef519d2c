using System.Globalization;
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
        ElementDto[] Elements, CategoryDto[] Categories, RuleDto[] Rules);

    /// <summary>A cell: a number (zero included), or state not_applicable / not_available. A cell left out is empty.</summary>
    public sealed record ValueDto(string ElementId, string? CategoryKey, ValueState? State, long? Number);
    public sealed record ReportDto(string Id, string FormId, string StationId, string PeriodStart, string PeriodEnd, ReportState State, int Revision,
        long Version, string DueOn, string LocksOn, DateTimeOffset? FirstSubmittedAt, bool SubmittedOnTime, bool Demonstration,
        string? ReviewComment, ValueDto[] Values, string[] Warnings);
    public sealed record ReportSummaryDto(string Id, string FormId, string StationId, string PeriodStart, ReportState State, int Revision, long Version,
        string DueOn, DateTimeOffset? FirstSubmittedAt, bool SubmittedOnTime, bool Demonstration, int WarningCount);
    public sealed record ReportPageDto(ReportSummaryDto[] Items, string? NextPageToken);
    public sealed record ValueChangeDto(string ElementId, string CategoryKey, string Before, string After);
    public sealed record ReportEventDto(long Sequence, int Revision, string Action, ReportState FromState, ReportState ToState, string Actor,
        string ActorRole, DateTimeOffset At, string? Reason, ValueChangeDto[] Changes);

    public sealed record SaveDraftDto(ValueDto[] Values);
    public sealed record CorrectionDto(string? Reason, ValueDto[] Values);
    public sealed record ReviewDto(string? Comment);
    public sealed record CreateLockExceptionDto(string? StationId, string? Reason, string? EndsOn);
    public sealed record LockExceptionDto(string Id, string StationId, string Reason, string EndsOn, string CreatedBy, DateTimeOffset CreatedAt);

    public sealed record CompletenessRowDto(string PeriodStart, int Expected, int Submitted, int SubmittedOnTime, int Approved,
        double SubmittedPercent, double OnTimePercent, double ApprovedPercent);
    public sealed record CompletenessDto(CompletenessRowDto[] Periods, CompletenessRowDto Total);
    /// <summary>A cell of an aggregate table; value is null when suppressed.</summary>
    public sealed record AggregateCellDto(string Period, string? UnitId, string? CategoryKey, long? Value, bool Suppressed);
    public sealed record TrendPointDto(string Period, long? Total, bool Suppressed, double? ChangePercent);
    public sealed record AggregatesDto(bool Exact, int SuppressionThreshold, string[] Categories, AggregateCellDto[] Cells, string[] SuppressedCells, TrendPointDto[] Trend);

    public static FormDto ToDto(Form f) => new(f.Id, f.Name, f.PeriodType.ToString().ToLowerInvariant(), f.ElementCount, f.DueDays, f.LockDays,
        f.ReportingUnitKind,
        f.Elements.Select(e => new ElementDto(e.Id, e.Name, e.Disaggregations.Select(d => d.CategoryIds.ToArray()).ToArray())).ToArray(),
        f.Categories.Select(c => new CategoryDto(c.Id, c.Name, c.Options.Select(o => new CategoryOptionDto(o.Id, o.Name)).ToArray())).ToArray(),
        f.Rules.Select(r => new RuleDto(r.Id, r.Description, r.Left.ToArray(), r.Operator, r.Right.ToArray())).ToArray());

    public static ReportDto ToDto(Report r) => new(r.Id, r.FormId, r.StationId, r.PeriodStart, r.PeriodEnd, r.State, r.Revision, r.Version,
        r.DueOn, r.LocksOn, r.FirstSubmittedAt?.ToDateTimeOffset(), r.SubmittedOnTime, r.Demonstration, NullIfEmpty(r.ReviewComment),
        r.Values.Select(v => new ValueDto(v.ElementId, v.CategoryKey, v.State, v.State == ValueState.Number ? v.Number : null)).ToArray(),
        r.Warnings.ToArray());

    public static ReportSummaryDto ToDto(ReportSummary r) => new(r.Id, r.FormId, r.StationId, r.PeriodStart, r.State, r.Revision, r.Version,
        r.DueOn, r.FirstSubmittedAt?.ToDateTimeOffset(), r.SubmittedOnTime, r.Demonstration, r.WarningCount);

    public static ReportEventDto ToDto(ReportEvent e) => new(e.Sequence, e.Revision, e.Action, e.FromState, e.ToState, e.Actor, e.ActorRole,
        e.At.ToDateTimeOffset(), NullIfEmpty(e.Reason), e.Changes.Select(c => new ValueChangeDto(c.ElementId, c.CategoryKey, c.Before, c.After)).ToArray());

    public static LockExceptionDto ToDto(LockException e) => new(e.Id, e.StationId, e.Reason, e.EndsOn, e.CreatedBy, e.CreatedAt.ToDateTimeOffset());

    public static CompletenessRowDto ToDto(CompletenessRow r) => new(r.PeriodStart, r.Expected, r.Submitted, r.SubmittedOnTime, r.Approved,
        r.SubmittedPercent, r.OnTimePercent, r.ApprovedPercent);

    public static AggregatesDto ToDto(GetAggregatesResponse a) => new(a.Exact, a.SuppressionThreshold, a.Categories.ToArray(),
        a.Cells.Select(c => new AggregateCellDto(c.Period, NullIfEmpty(c.UnitId), NullIfEmpty(c.CategoryKey), c.Suppressed ? null : c.Value, c.Suppressed)).ToArray(),
        a.SuppressedCells.ToArray(),
        a.Trend.Select(t => new TrendPointDto(t.Period, t.Suppressed ? null : t.Total, t.Suppressed, t.HasChangePercent ? t.ChangePercent : null)).ToArray());

    public static IEnumerable<ReportValue> ToMessages(IEnumerable<ValueDto>? values) => (values ?? []).Select(v => new ReportValue
    {
        ElementId = v.ElementId ?? "",
        CategoryKey = v.CategoryKey ?? "",
        State = v.State ?? (v.Number is null ? ValueState.Unspecified : ValueState.Number),
        Number = v.Number ?? 0,
    });

    public static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

}
