using GenderArchitecture.ServiceDefaults.Errors;

namespace GenderArchitecture.Reporting.Domain;

public enum LockExceptionState { Active = 1, Expired = 2, Withdrawn = 3 }

/// <summary>
/// An administrator's permission for one station to edit the locked periods it names (one, or a bounded range of a
/// form's periods) until an end date, with a reason. It can be withdrawn before it expires; who withdrew it and when
/// are kept, so the list of exceptions is their history.
/// </summary>
public sealed class LockException
{
    /// <summary>An exception opens a year of monthly periods at most: a wider one would unlock history wholesale.</summary>
    public const int MaxPeriods = 12;
    /// <summary>How far ahead an exception may run: long enough to file late reports, short enough to be reviewed.</summary>
    public const int MaxDaysOpen = 90;

    private LockException() { }

    public LockException(Guid id, string stationId, string formId, DateOnly periodFrom, DateOnly periodTo, string reason, DateOnly endsOn,
        string createdBy, DateTime createdAt)
    {
        Id = id;
        StationId = stationId;
        FormId = formId;
        PeriodFrom = periodFrom;
        PeriodTo = periodTo;
        Reason = reason;
        EndsOn = endsOn;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    public string StationId { get; private set; } = "";
    /// <summary>The form whose periods are opened.</summary>
    public string FormId { get; private set; } = "";
    /// <summary>The first and last period starts opened.</summary>
    public DateOnly PeriodFrom { get; private set; }
    public DateOnly PeriodTo { get; private set; }
    public string Reason { get; private set; } = "";
    /// <summary>The last day the exception is open.</summary>
    public DateOnly EndsOn { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public string? WithdrawnBy { get; private set; }
    public DateTime? WithdrawnAt { get; private set; }
    public string? WithdrawalReason { get; private set; }

    public LockExceptionState StateOn(DateOnly day) =>
        WithdrawnAt is not null ? LockExceptionState.Withdrawn : day > EndsOn ? LockExceptionState.Expired : LockExceptionState.Active;

    public bool IsOpenOn(DateOnly day) => StateOn(day) == LockExceptionState.Active && day >= DateOnly.FromDateTime(CreatedAt);

    /// <summary>Open today for this report: its station, its form, and a period in the named range.</summary>
    public bool Opens(Report report, DateOnly today) =>
        IsOpenOn(today) && report.StationId == StationId && report.FormId == FormId && report.PeriodStart >= PeriodFrom && report.PeriodStart <= PeriodTo;

    public void Withdraw(string by, DateTime at, string? reason)
    {
        var state = StateOn(DateOnly.FromDateTime(at));
        if (state != LockExceptionState.Active)
        {
            throw RpcErrors.FailedPrecondition("LOCK_EXCEPTION_NOT_ACTIVE", Id.ToString(),
                $"The lock exception is {state.ToString().ToLowerInvariant()} already; only an active one can be withdrawn.");
        }
        WithdrawnBy = by;
        WithdrawnAt = at;
        WithdrawalReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
    }
}

public static class Locks
{
    /// <summary>Refuses an edit of a locked period unless an exception open today names the station, form and period.</summary>
    public static void EnsureEditable(Report report, DateOnly today, IEnumerable<LockException> exceptions)
    {
        if (today < report.LocksOn) return;
        if (exceptions.Any(e => e.Opens(report, today))) return;
        throw RpcErrors.FailedPrecondition("PERIOD_LOCKED", report.StationId,
            $"The period starting {report.PeriodStart:yyyy-MM-dd} locked on {report.LocksOn:yyyy-MM-dd}; an administrator can open a lock exception for the station and that period.");
    }
}
