using GenderArchitecture.ServiceDefaults.Errors;

namespace GenderArchitecture.Reporting.Domain;

/// <summary>An administrator's permission for one station to edit locked periods until an end date, with a reason.</summary>
public sealed class LockException
{
    private LockException() { }

    public LockException(Guid id, string stationId, string reason, DateOnly endsOn, string createdBy, DateTime createdAt)
    {
        Id = id;
        StationId = stationId;
        Reason = reason;
        EndsOn = endsOn;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    public string StationId { get; private set; } = "";
    public string Reason { get; private set; } = "";
    /// <summary>The last day the exception is open.</summary>
    public DateOnly EndsOn { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }

    public bool IsOpenOn(DateOnly day) => day <= EndsOn && day >= DateOnly.FromDateTime(CreatedAt);
}

public static class Locks
{
    /// <summary>Refuses an edit of a locked period unless one of the station's exceptions is open today.</summary>
    public static void EnsureEditable(Report report, DateOnly today, IEnumerable<LockException> exceptions)
    {
        if (today < report.LocksOn) return;
        if (exceptions.Any(e => e.StationId == report.StationId && e.IsOpenOn(today))) return;
        throw RpcErrors.FailedPrecondition("PERIOD_LOCKED", report.StationId,
            $"The period starting {report.PeriodStart:yyyy-MM-dd} locked on {report.LocksOn:yyyy-MM-dd}; an administrator can open a lock exception for the station.");
    }
}
