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

    /// <summary>
    /// The publication regions of <paramref name="root"/>'s subtree: its outermost regions, and the institution itself
    /// (for officers outside every region) when the root is the institution.
    /// </summary>
    public IEnumerable<string> Within(OrganisationUnit root)
    {
        if (root.Kind != OrganisationUnitKind.Institution) return IsPublishedAt(root) ? [root.Id] : [];
        return units.Values.Where(u => u.Kind == OrganisationUnitKind.Region && RegionOf(u.Id) == u.Id
                && (u.Id == root.Id || u.AncestorIds.Contains(root.Id)))
            .Select(u => u.Id).Order(StringComparer.Ordinal).Append(institutionId);
    }

    public bool IsPublishedAt(OrganisationUnit root) =>
        root.Kind == OrganisationUnitKind.Institution || (root.Kind == OrganisationUnitKind.Region && RegionOf(root.Id) == root.Id);
}
