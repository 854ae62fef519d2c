using GenderArchitecture.ServiceDefaults.Errors;

namespace GenderArchitecture.Structure.Domain;

public enum OrganisationUnitKind { Institution = 1, Directorate = 2, Region = 3, Station = 4, Unit = 5, Court = 6 }

public enum InstitutionType { Police = 1, ProtectionCorps = 2, Judiciary = 3, Civilian = 4, Coordination = 5 }

/// <summary>
/// A node of an institution's organisation tree: the institution itself, a directorate, region, station, unit
/// or court. Units are never deleted: they close, so that figures for a past period use the units of that time.
/// Opened and closed dates bound a half-open interval: a unit closed on D is no longer open on D.
/// </summary>
public sealed class OrganisationUnit : IVersioned
{
    private OrganisationUnit() { }

    public OrganisationUnit(string id, string name, OrganisationUnitKind kind, OrganisationUnit? parent, DateOnly openedOn,
        InstitutionType? institutionType = null, string? shortName = null)
    {
        if (kind == OrganisationUnitKind.Institution != (parent is null))
        {
            throw RpcErrors.InvalidArgument("parent_id", "an institution has no parent; every other unit has one");
        }
        Id = id;
        Name = name;
        Kind = kind;
        ParentId = parent?.Id;
        InstitutionId = parent?.InstitutionId ?? id;
        InstitutionType = kind == OrganisationUnitKind.Institution ? institutionType : null;
        ShortName = shortName;
        OpenedOn = openedOn;
    }

    public string Id { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? ShortName { get; private set; }
    public OrganisationUnitKind Kind { get; private set; }
    public string? ParentId { get; private set; }
    public string InstitutionId { get; private set; } = "";
    public InstitutionType? InstitutionType { get; private set; }
    public DateOnly OpenedOn { get; private set; }
    public DateOnly? ClosedOn { get; private set; }
    /// <summary>Optimistic concurrency: bumped on every change, compared on every write.</summary>
    public long Version { get; private set; } = 1;

    public bool IsOpenOn(DateOnly date) => OpenedOn <= date && (ClosedOn is null || ClosedOn > date);

    public bool IsOpenDuring(DateOnly from, DateOnly to) => OpenedOn <= to && (ClosedOn is null || ClosedOn > from);

    public static bool IsValidId(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-') && id[0] != '-';

    /// <summary>Renames and, when <paramref name="newParent"/> differs, moves the unit (the caller checked the tree).</summary>
    public void Update(string name, string? shortName, OrganisationUnit? newParent)
    {
        Name = name;
        ShortName = string.IsNullOrEmpty(shortName) ? null : shortName;
        if (newParent is not null) ParentId = newParent.Id;
        Version++;
    }

    public void Close(DateOnly closedOn)
    {
        if (ClosedOn is not null)
        {
            throw RpcErrors.FailedPrecondition("UNIT_CLOSED", $"organisation_units/{Id}", $"'{Id}' was already closed on {ClosedOn:yyyy-MM-dd}.");
        }
        if (closedOn <= OpenedOn) throw RpcErrors.InvalidArgument("closed_on", $"must be after the opening date {OpenedOn:yyyy-MM-dd}");
        ClosedOn = closedOn;
        Version++;
    }
}
