using GenderArchitecture.ServiceDefaults.Errors;

namespace GenderArchitecture.Structure.Domain;

public enum MeetingStatus { Planned = 1, Held = 2, Cancelled = 3 }

public enum FollowUpStatus { Open = 1, InProgress = 2, Done = 3, Dropped = 4 }

/// <summary>A meeting of a body: planned, then held (with attendance and quorum) or cancelled.</summary>
public sealed class Meeting : IVersioned
{
    private Meeting() { }

    public Meeting(Guid id, string bodyId, DateOnly plannedOn, string? agenda)
    {
        Id = id;
        BodyId = bodyId;
        PlannedOn = plannedOn;
        Agenda = agenda ?? "";
        Status = MeetingStatus.Planned;
    }

    public Guid Id { get; private set; }
    public string BodyId { get; private set; } = "";
    public DateOnly PlannedOn { get; private set; }
    public MeetingStatus Status { get; private set; }
    public DateOnly? HeldOn { get; private set; }
    public string Agenda { get; private set; } = "";
    /// <summary>Computed when the meeting is recorded, from the members sitting that day: later changes to the body do not rewrite it.</summary>
    public bool QuorumMet { get; private set; }
    public List<MeetingAttendance> Attendance { get; private set; } = [];
    public long Version { get; private set; } = 1;

    /// <summary>Records the meeting as held by <paramref name="attendees"/>, out of <paramref name="sitting"/> members of the body.</summary>
    public void RecordHeld(GenderBody body, DateOnly heldOn, IReadOnlyCollection<Guid> attendees, int sitting) =>
        RecordHeld(heldOn, attendees, body.IsQuorum(attendees.Count, sitting));

    public void RecordHeld(DateOnly heldOn, IReadOnlyCollection<Guid> attendees, bool quorumMet)
    {
        if (Status != MeetingStatus.Planned)
        {
            throw RpcErrors.FailedPrecondition("MEETING_NOT_PLANNED", $"meetings/{Id}", $"The meeting is {Status.ToString().ToLowerInvariant()}, not planned.");
        }
        Status = MeetingStatus.Held;
        HeldOn = heldOn;
        Attendance = attendees.Select(a => new MeetingAttendance(Id, a)).ToList();
        QuorumMet = quorumMet;
        Version++;
    }

    public void Cancel()
    {
        if (Status != MeetingStatus.Planned)
        {
            throw RpcErrors.FailedPrecondition("MEETING_NOT_PLANNED", $"meetings/{Id}", $"The meeting is {Status.ToString().ToLowerInvariant()}, not planned.");
        }
        Status = MeetingStatus.Cancelled;
        Version++;
    }
}

public sealed class MeetingAttendance(Guid meetingId, Guid memberId)
{
    public Guid MeetingId { get; private set; } = meetingId;
    public Guid MemberId { get; private set; } = memberId;
}

/// <summary>A decision taken at a held meeting, followed up until done or dropped.</summary>
public sealed class Decision : IVersioned
{
    private Decision() { }

    public Decision(Guid id, Meeting meeting, string text, DateOnly? dueOn)
    {
        if (meeting.Status != MeetingStatus.Held || meeting.HeldOn is null)
        {
            throw RpcErrors.FailedPrecondition("MEETING_NOT_HELD", $"meetings/{meeting.Id}", "Decisions are recorded for meetings that were held.");
        }
        Id = id;
        BodyId = meeting.BodyId;
        MeetingId = meeting.Id;
        TakenOn = meeting.HeldOn.Value;
        Text = text;
        DueOn = dueOn;
        FollowUpStatus = FollowUpStatus.Open;
    }

    public Guid Id { get; private set; }
    public string BodyId { get; private set; } = "";
    public Guid MeetingId { get; private set; }
    public DateOnly TakenOn { get; private set; }
    public string Text { get; private set; } = "";
    public DateOnly? DueOn { get; private set; }
    public FollowUpStatus FollowUpStatus { get; private set; }
    public long Version { get; private set; } = 1;

    public void SetFollowUp(FollowUpStatus status)
    {
        FollowUpStatus = status;
        Version++;
    }
}
