using GenderArchitecture.Structure.Domain;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Structure.Data;

/// <summary>
/// Keeps the organisation tree in memory, because the other services resolve units on almost every call. Writes to
/// units call <see cref="Invalidate"/>; a load that raced with a write is used once but not kept.
/// </summary>
public sealed class OrganisationTreeCache
{
    private readonly object _gate = new();
    private OrganisationTree? _tree;
    private long _generation;

    public async Task<OrganisationTree> GetAsync(StructureDbContext db, CancellationToken cancellationToken)
    {
        long generation;
        lock (_gate)
        {
            if (_tree is not null) return _tree;
            generation = _generation;
        }

        var units = await db.OrganisationUnits.AsNoTracking().ToListAsync(cancellationToken);
        var ranks = await db.Ranks.AsNoTracking().ToListAsync(cancellationToken);
        var tree = new OrganisationTree(units, ranks);
        lock (_gate)
        {
            if (_generation == generation) _tree = tree;
        }
        return tree;
    }

    public void Invalidate()
    {
        lock (_gate)
        {
            _tree = null;
            _generation++;
        }
    }
}
