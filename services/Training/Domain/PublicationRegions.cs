using GenderArchitecture.Structure.V1;

namespace GenderArchitecture.Training.Domain;

/// <summary>
/// The geography oversight figures are published at: each unit belongs to its outermost region, or to its institution
/// when no region contains it. Only an institution or an outermost region can be published as a sum of whole regions.
/// </summary>
public sealed class PublicationRegions(IReadOnlyDictionary<string, OrganisationUnit> units, string institutionId)
{
    public string RegionOf(string unitId)
    {
        if (!units.TryGetValue(unitId, out var unit)) return institutionId;
        return unit.AncestorIds.Append(unit.Id)
            .FirstOrDefault(id => units.TryGetValue(id, out var u) && u.Kind == OrganisationUnitKind.Region) ?? institutionId;
    }

    public bool IsPublishedAt(OrganisationUnit root) =>
        root.Kind == OrganisationUnitKind.Institution || (root.Kind == OrganisationUnitKind.Region && RegionOf(root.Id) == root.Id);
}
