using GenderArchitecture.ServiceDefaults.Errors;

namespace GenderArchitecture.Reporting.Domain;

public enum ReportState { Draft = 1, Submitted = 2, Returned = 3, Resubmitted = 4, Approved = 5 }

/// <summary>A cell holds a number (zero included), or says it is not applicable or not available. Empty is not zero.</summary>
public enum ValueState { Number = 1, NotApplicable = 2, NotAvailable = 3 }

public readonly record struct CellId(string ElementId, string CategoryKey);

public readonly record struct CellValue(ValueState State, long? Number)
{
    public override string ToString() => State switch
    {
        ValueState.Number => Number!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ValueState.NotApplicable => "not_applicable",
        _ => "not_available",
    };
}

/// <summary>One filled cell of a report. Counts only: nothing here can name a victim or a suspect.</summary>
public sealed class ReportValue
{
    private ReportValue() { }

    public ReportValue(Guid reportId, CellId cell, CellValue value)
    {
        ReportId = reportId;
        ElementId = cell.ElementId;
        CategoryKey = cell.CategoryKey;
        State = value.State;
        Number = value.Number;
    }

    public Guid ReportId { get; private set; }
    public string ElementId { get; private set; } = "";
    public string CategoryKey { get; private set; } = "";
    public ValueState State { get; private set; }
    public long? Number { get; private set; }

    public CellId Cell => new(ElementId, CategoryKey);
    public CellValue Value => new(State, Number);
}

/// <summary>
/// A station's report for one period of a form. The workflow is draft -> submitted -> approved, or returned (with a
/// comment) -> resubmitted -> approved; an approved report is locked and changes only by a correction, which needs a
/// reason and makes a new revision. Every change appends a <see cref="ReportEvent"/>.
/// </summary>
public sealed class Report
{
    private Report() { }

    public Report(Guid id, ReportForm form, string stationId, string regionId, string institutionId, DateOnly periodStart, bool demonstration = false,
        int formVersion = 1)
    {
        var period = form.PeriodOf(periodStart);
        Id = id;
        FormId = form.Id;
        FormVersion = formVersion;
        StationId = stationId;
        RegionId = regionId;
        InstitutionId = institutionId;
        PeriodStart = periodStart;
        PeriodEnd = period.End;
        DueOn = period.DueOn;
        LocksOn = period.LocksOn;
        State = ReportState.Draft;
        Revision = 1;
        Version = 1;
        IsDemonstration = demonstration;
    }

    public Guid Id { get; private set; }
    public string FormId { get; private set; } = "";
    /// <summary>The version of the form the report was created on; it is checked against that version for ever.</summary>
    public int FormVersion { get; private set; } = 1;
    public string StationId { get; private set; } = "";
    /// <summary>The station's parent unit (its region) when the report was created, for aggregates.</summary>
    public string RegionId { get; private set; } = "";
    public string InstitutionId { get; private set; } = "";
    public DateOnly PeriodStart { get; private set; }
    public DateOnly PeriodEnd { get; private set; }
    public DateOnly DueOn { get; private set; }
    public DateOnly LocksOn { get; private set; }
    public ReportState State { get; private set; }
    public int Revision { get; private set; }
    public long Version { get; private set; }
    public DateTime? FirstSubmittedAt { get; private set; }
    public DateTime? LastSubmittedAt { get; private set; }
    public DateTime? ApprovedAt { get; private set; }
    /// <summary>The reviewer's last comment; shown to reviewers and, when returned, to the station's focal point.</summary>
    public string? ReviewComment { get; private set; }
    public bool IsDemonstration { get; private set; }
    /// <summary>Outlier warnings of the last submission, one per line.</summary>
    public string WarningsText { get; private set; } = "";
    public List<ReportValue> Values { get; private set; } = [];

    public IReadOnlyList<string> Warnings => WarningsText.Length == 0 ? [] : WarningsText.Split('\n');
    public bool SubmittedOnTime => FirstSubmittedAt is { } at && DateOnly.FromDateTime(at) <= DueOn;
    public bool IsAwaitingReview => State is ReportState.Submitted or ReportState.Resubmitted;

    public Dictionary<CellId, CellValue> ValueMap() => Values.ToDictionary(v => v.Cell, v => v.Value);

    public void CheckVersion(long expected)
    {
        if (expected != Version) throw RpcErrors.Aborted("report", Id.ToString(), Version);
    }

    /// <summary>Replaces the filled cells (drafts and returned reports only) and returns what changed.</summary>
    public ReportEvent SaveValues(IReadOnlyDictionary<CellId, CellValue> values, Actor actor, DateTime at, bool created)
    {
        if (State is not (ReportState.Draft or ReportState.Returned))
        {
            throw RpcErrors.FailedPrecondition("REPORT_NOT_EDITABLE", Id.ToString(),
                $"A {State.ToString().ToLowerInvariant()} report cannot be edited{(State == ReportState.Approved ? "; correct it with a reason instead" : "")}.");
        }
        var changes = ReplaceValues(values);
        Touch();
        return NewEvent(created ? "created" : "saved", State, State, actor, at, null, changes);
    }

    /// <param name="submittableFrom">The first day the period may be submitted (the day after it ends, unless the form opens it earlier).</param>
    public ReportEvent Submit(Actor actor, DateTime at, IReadOnlyList<string> warnings, DateOnly? submittableFrom = null)
    {
        var opens = submittableFrom ?? PeriodEnd.AddDays(1);
        if (DateOnly.FromDateTime(at) < opens)
        {
            throw RpcErrors.FailedPrecondition("PERIOD_NOT_ENDED", "period_start",
                $"The period starting {PeriodStart:yyyy-MM-dd} ends on {PeriodEnd:yyyy-MM-dd}: its report can be submitted from {opens:yyyy-MM-dd}. Save it as a draft until then.");
        }
        var to = State switch
        {
            ReportState.Draft => ReportState.Submitted,
            ReportState.Returned => ReportState.Resubmitted,
            _ => throw RpcErrors.FailedPrecondition("REPORT_NOT_SUBMITTABLE", Id.ToString(),
                $"A {State.ToString().ToLowerInvariant()} report cannot be submitted."),
        };
        var from = State;
        State = to;
        FirstSubmittedAt ??= at;
        LastSubmittedAt = at;
        WarningsText = string.Join('\n', warnings);
        Touch();
        return NewEvent(to == ReportState.Submitted ? "submitted" : "resubmitted", from, to, actor, at, null, []);
    }

    public ReportEvent Approve(Actor actor, DateTime at, string? comment)
    {
        RequireAwaitingReview("approved");
        // Even a report the form let in early waits for its period's end: approved figures are final.
        if (DateOnly.FromDateTime(at) <= PeriodEnd)
        {
            throw RpcErrors.FailedPrecondition("PERIOD_NOT_ENDED", "period_start",
                $"The period starting {PeriodStart:yyyy-MM-dd} ends on {PeriodEnd:yyyy-MM-dd}: its report can be approved from the day after.");
        }
        var from = State;
        State = ReportState.Approved;
        ApprovedAt = at;
        if (!string.IsNullOrWhiteSpace(comment)) ReviewComment = comment.Trim();
        Touch();
        return NewEvent("approved", from, State, actor, at, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), []);
    }

    public ReportEvent Return(Actor actor, DateTime at, string comment)
    {
        if (string.IsNullOrWhiteSpace(comment))
        {
            throw RpcErrors.InvalidArgument("comment", "a returned report needs a comment saying what to fix");
        }
        RequireAwaitingReview("returned");
        var from = State;
        State = ReportState.Returned;
        ReviewComment = comment.Trim();
        Touch();
        return NewEvent("returned", from, State, actor, at, ReviewComment, []);
    }

    /// <summary>Changes an approved report: a new revision, back to review, with the reason kept in the history.</summary>
    public ReportEvent Correct(IReadOnlyDictionary<CellId, CellValue> values, string reason, Actor actor, DateTime at)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw RpcErrors.InvalidArgument("reason", "a correction of an approved report needs a reason");
        }
        if (State != ReportState.Approved)
        {
            throw RpcErrors.FailedPrecondition("REPORT_NOT_APPROVED", Id.ToString(),
                "Only an approved report is corrected; edit a draft or returned report instead.");
        }
        var changes = ReplaceValues(values);
        Revision++;
        State = ReportState.Submitted;
        ApprovedAt = null;
        LastSubmittedAt = at;
        Touch();
        return NewEvent("corrected", ReportState.Approved, State, actor, at, reason.Trim(), changes);
    }

    public void SetWarnings(IReadOnlyList<string> warnings) => WarningsText = string.Join('\n', warnings);

    private void RequireAwaitingReview(string verb)
    {
        if (!IsAwaitingReview)
        {
            throw RpcErrors.FailedPrecondition("REPORT_NOT_IN_REVIEW", Id.ToString(),
                $"Only a submitted report can be {verb}; this one is {State.ToString().ToLowerInvariant()}.");
        }
    }

    private List<ValueChange> ReplaceValues(IReadOnlyDictionary<CellId, CellValue> values)
    {
        var before = ValueMap();
        var changes = new List<ValueChange>();
        foreach (var cell in before.Keys.Union(values.Keys).OrderBy(c => c.ElementId, StringComparer.Ordinal).ThenBy(c => c.CategoryKey, StringComparer.Ordinal))
        {
            var had = before.TryGetValue(cell, out var old);
            var has = values.TryGetValue(cell, out var now);
            if (had && has && old == now) continue;
            changes.Add(new ValueChange(cell.ElementId, cell.CategoryKey, had ? old.ToString() : "", has ? now.ToString() : ""));
        }
        Values.RemoveAll(v => !values.ContainsKey(v.Cell) || values[v.Cell] != v.Value);
        var kept = Values.Select(v => v.Cell).ToHashSet();
        Values.AddRange(values.Where(kv => !kept.Contains(kv.Key)).Select(kv => new ReportValue(Id, kv.Key, kv.Value)));
        return changes;
    }

    private void Touch() => Version++;

    private readonly List<ReportEvent> _pending = [];

    /// <summary>The history entries made since the last drain (for bulk writers that do not track entities).</summary>
    public IReadOnlyList<ReportEvent> DrainEvents()
    {
        var events = _pending.ToList();
        _pending.Clear();
        return events;
    }

    private ReportEvent NewEvent(string action, ReportState from, ReportState to, Actor actor, DateTime at, string? reason, List<ValueChange> changes)
    {
        var e = new ReportEvent(Id, Revision, action, from, to, actor, at, reason, changes);
        _pending.Add(e);
        return e;
    }
}

/// <summary>Who acted: the token's subject and role.</summary>
public sealed record Actor(string Subject, string Role);
