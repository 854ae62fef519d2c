using GenderArchitecture.Structure.Domain;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Structure.Data;

/// <summary>
/// Keeps the organisation tree in memory, because the other services resolve units on almost every call. Another
/// replica may have changed units since the tree was loaded, so each use first asks the database for a stamp of the
/// units (their count and the sum of their versions, which every create and change raises) and reloads when it moved:
/// one aggregate query instead of the whole tree. Writes here call <see cref="Invalidate"/> as well.
/// </summary>
public sealed class OrganisationTreeCache
{
    private readonly object _gate = new();
    private (OrganisationTree Tree, Stamp Stamp)? _cached;

    private readonly record struct Stamp(long Units, long Versions);

    public async Task<OrganisationTree> GetAsync(StructureDbContext db, CancellationToken cancellationToken)
    {
        var stamp = await db.OrganisationUnits.GroupBy(_ => 1)
            .Select(g => new Stamp(g.LongCount(), g.Sum(u => u.Version)))
            .FirstOrDefaultAsync(cancellationToken);
        lock (_gate)
        {
            if (_cached is { } cached && cached.Stamp == stamp) return cached.Tree;
        }

        var units = await db.OrganisationUnits.AsNoTracking().ToListAsync(cancellationToken);
        var ranks = await db.Ranks.AsNoTracking().ToListAsync(cancellationToken);
        var tree = new OrganisationTree(units, ranks);
        // The stamp was read before the units: if they moved in between, the next use reloads again.
        lock (_gate) _cached = (tree, stamp);
        return tree;
    }

    public void Invalidate()
    {
        lock (_gate) _cached = null;
    }
}
