namespace GenderArchitecture.Structure.Domain;

public enum ActionStatus { NotStarted = 1, InProgress = 2, Done = 3, Cancelled = 4 }

/// <summary>An institution's, unit's or body's action plan (e.g. the KPC gender action plan).</summary>
public sealed class ActionPlan : IVersioned
{
    private ActionPlan() { }

    public ActionPlan(string id, string title, string ownerUnitId, string? bodyId, DateOnly periodStart, DateOnly periodEnd)
    {
        Id = id;
        Title = title;
        OwnerUnitId = ownerUnitId;
        BodyId = bodyId;
        PeriodStart = periodStart;
        PeriodEnd = periodEnd;
    }

    public string Id { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string OwnerUnitId { get; private set; } = "";
    public string? BodyId { get; private set; }
    public DateOnly PeriodStart { get; private set; }
    public DateOnly PeriodEnd { get; private set; }
    public long Version { get; private set; } = 1;

    public void Update(string title, DateOnly periodStart, DateOnly periodEnd)
    {
        Title = title;
        PeriodStart = periodStart;
        PeriodEnd = periodEnd;
        Version++;
    }
}

/// <summary>One action of a plan, with the unit responsible, a due date, a status and dated progress notes.</summary>
public sealed class PlanAction : IVersioned
{
    private PlanAction() { }

    public PlanAction(Guid id, string planId, string title, string responsibleUnitId, DateOnly dueOn)
    {
        Id = id;
        PlanId = planId;
        Title = title;
        ResponsibleUnitId = responsibleUnitId;
        DueOn = dueOn;
        Status = ActionStatus.NotStarted;
    }

    public Guid Id { get; private set; }
    public string PlanId { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string ResponsibleUnitId { get; private set; } = "";
    public DateOnly DueOn { get; private set; }
    public ActionStatus Status { get; private set; }
    public List<ProgressNote> Notes { get; private set; } = [];
    public long Version { get; private set; } = 1;

    /// <summary>Overdue at <paramref name="date"/>: due before it and neither done nor cancelled.</summary>
    public bool IsOverdueOn(DateOnly date) => DueOn < date && Status is ActionStatus.NotStarted or ActionStatus.InProgress;

    public void Update(string title, string responsibleUnitId, DateOnly dueOn, ActionStatus status)
    {
        Title = title;
        ResponsibleUnitId = responsibleUnitId;
        DueOn = dueOn;
        Status = status;
        Version++;
    }

    public ProgressNote AddNote(Guid id, DateOnly writtenOn, string text)
    {
        // A note is appended, not an edit: it leaves the version alone so it never invalidates someone's pending update.
        var note = new ProgressNote(id, Id, writtenOn, text);
        Notes.Add(note);
        return note;
    }
}

public sealed class ProgressNote(Guid id, Guid actionId, DateOnly writtenOn, string text)
{
    public Guid Id { get; private set; } = id;
    public Guid ActionId { get; private set; } = actionId;
    public DateOnly WrittenOn { get; private set; } = writtenOn;
    public string Text { get; private set; } = text;
}
