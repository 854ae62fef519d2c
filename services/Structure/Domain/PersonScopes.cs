namespace GenderArchitecture.Structure.Domain;

public enum GrantKind { FocalPoint = 1, Reviewer = 2, TrainingOfficer = 3 }

/// <summary>One dated grant of scope from the register: an appointment or an assignment, to a unit, for [StartOn, EndOn).</summary>
public sealed record Grant(GrantKind Kind, string UnitId, DateOnly StartOn, DateOnly? EndOn);

/// <summary>
/// The scopes a person holds on one date. A grant counts only while it holds, while the person is in service and while
/// its unit is open: the register, not the token, decides, and a token's scope is only as fresh as the last time it asked.
/// </summary>
public sealed class PersonScopes
{
    private readonly IReadOnlyList<Grant> _active;

    private PersonScopes(bool inService, IReadOnlyList<Grant> active, DateOnly? nextChangeOn)
    {
        InService = inService;
        _active = active;
        NextChangeOn = nextChangeOn;
    }

    public bool InService { get; }

    /// <summary>The first day after the date asked about on which the answer may differ; null when nothing is scheduled.</summary>
    public DateOnly? NextChangeOn { get; }

    /// <summary>Distinct unit ids of one kind of grant, in ordinal order.</summary>
    public IReadOnlyList<string> UnitsOf(GrantKind kind) =>
        [.. _active.Where(g => g.Kind == kind).Select(g => g.UnitId).Distinct().Order(StringComparer.Ordinal)];

    public static PersonScopes On(DateOnly on, Person person, OrganisationTree tree, IEnumerable<Grant> grants)
    {
        var all = grants.ToList();
        var inService = person.IsInServiceOn(on);
        var active = inService
            ? all.Where(g => Periods.Contains(g.StartOn, g.EndOn, on) && tree.Find(g.UnitId)?.IsOpenOn(on) == true).ToList()
            : [];

        // Every date on which a grant, the service or a granted unit starts or stops holding; the earliest one after `on`.
        var changes = all.SelectMany(g => new[] { (DateOnly?)g.StartOn, g.EndOn })
            .Concat(active.Select(g => tree.Find(g.UnitId)?.ClosedOn))
            .Append(person.ServiceStart).Append(person.ServiceEnd)
            .Where(d => d is { } day && day > on)
            .Min();
        return new PersonScopes(inService, active, changes);
    }
}
