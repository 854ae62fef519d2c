using GenderArchitecture.ServiceDefaults.Errors;

namespace GenderArchitecture.Structure.Domain;

/// <summary>The duties the register assigns besides focal points; each grants the matching scope for its dates.</summary>
public enum AssignmentRole
{
    /// <summary>Reviews the reports of the stations in a unit's subtree.</summary>
    Reviewer = 1,
    /// <summary>Runs training and certification for one institution.</summary>
    TrainingOfficer = 2,
}

/// <summary>
/// A person assigned a duty for [StartOn, EndOn): reviewer of a unit's subtree, or training officer of an institution.
/// Several people may hold the same duty for the same unit (a review team); one person holds it at most once at a time.
/// </summary>
public sealed class RoleAssignment : IVersioned
{
    private RoleAssignment() { }

    public RoleAssignment(Guid id, Guid personId, AssignmentRole role, string unitId, DateOnly startOn, DateOnly? endOn)
    {
        Id = id;
        PersonId = personId;
        Role = role;
        UnitId = unitId;
        StartOn = startOn;
        EndOn = endOn;
    }

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public AssignmentRole Role { get; private set; }
    /// <summary>The reviewed unit (its whole subtree), or the institution of a training officer.</summary>
    public string UnitId { get; private set; } = "";
    public DateOnly StartOn { get; private set; }
    public DateOnly? EndOn { get; private set; }
    public long Version { get; private set; } = 1;

    public bool IsActiveOn(DateOnly date) => Periods.Contains(StartOn, EndOn, date);

    public bool Overlaps(DateOnly start, DateOnly? end) => Periods.Overlap(StartOn, EndOn, start, end);

    /// <summary>Ends the assignment on <paramref name="endOn"/> (the first day it no longer holds); it can be shortened, never extended.</summary>
    public void End(DateOnly endOn)
    {
        if (endOn <= StartOn) throw RpcErrors.InvalidArgument("end_on", $"must be after the start {StartOn:yyyy-MM-dd}");
        if (EndOn is { } current && endOn > current)
        {
            throw RpcErrors.FailedPrecondition("ASSIGNMENT_ENDED", $"role_assignments/{Id}",
                $"The assignment already ends on {current:yyyy-MM-dd}; it can be shortened, not extended.");
        }
        EndOn = endOn;
        Version++;
    }
}
