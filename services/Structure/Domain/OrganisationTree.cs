namespace GenderArchitecture.Structure.Domain;

/// <summary>
/// An immutable snapshot of every organisation unit and rank, with parent/child links resolved: subtree and ancestor
/// questions are answered in memory instead of with recursive SQL. The tree is small (hundreds of units).
/// </summary>
public sealed class OrganisationTree
{
    private readonly Dictionary<string, OrganisationUnit> _units;
    private readonly Dictionary<string, List<OrganisationUnit>> _children;
    private readonly Dictionary<(string Institution, string Code), Rank> _ranks;
    private readonly Dictionary<string, string[]> _ancestors = [];

    public OrganisationTree(IEnumerable<OrganisationUnit> units, IEnumerable<Rank> ranks)
    {
        _units = units.ToDictionary(u => u.Id);
        _children = _units.Values.Where(u => u.ParentId is not null)
            .GroupBy(u => u.ParentId!)
            .ToDictionary(g => g.Key, g => g.OrderBy(u => u.Id, StringComparer.Ordinal).ToList());
        _ranks = ranks.ToDictionary(r => (r.InstitutionId, r.Code));
        foreach (var unit in _units.Values) _ancestors[unit.Id] = BuildAncestors(unit);
    }

    public IReadOnlyCollection<OrganisationUnit> Units => _units.Values;

    public OrganisationUnit? Find(string id) => _units.GetValueOrDefault(id);

    /// <summary>Ids of the ancestors, the institution first, the parent last.</summary>
    public IReadOnlyList<string> AncestorsOf(string id) => _ancestors.GetValueOrDefault(id) ?? [];

    public bool IsInSubtree(string id, string rootId) => id == rootId || AncestorsOf(id).Contains(rootId);

    /// <summary>The unit and all its descendants, in depth-first order.</summary>
    public IEnumerable<OrganisationUnit> Subtree(string rootId)
    {
        if (Find(rootId) is not { } root) yield break;
        var stack = new Stack<OrganisationUnit>([root]);
        while (stack.Count > 0)
        {
            var unit = stack.Pop();
            yield return unit;
            if (_children.TryGetValue(unit.Id, out var children))
            {
                for (var i = children.Count - 1; i >= 0; i--) stack.Push(children[i]);
            }
        }
    }

    public Rank? FindRank(string institutionId, string code) => _ranks.GetValueOrDefault((institutionId, code));

    public IEnumerable<Rank> RanksOf(string institutionId) =>
        _ranks.Values.Where(r => r.InstitutionId == institutionId).OrderBy(r => r.Order);

    private string[] BuildAncestors(OrganisationUnit unit)
    {
        var chain = new List<string>();
        var seen = new HashSet<string> { unit.Id };
        for (var parentId = unit.ParentId; parentId is not null && _units.TryGetValue(parentId, out var parent); parentId = parent.ParentId)
        {
            if (!seen.Add(parent.Id)) break;
            chain.Add(parent.Id);
        }
        chain.Reverse();
        return [.. chain];
    }
}
