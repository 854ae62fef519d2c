using GenderArchitecture.Structure.Domain;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Structure.Data;

/// <summary>
/// Keeps the organisation tree in memory, because the other services resolve units on almost every call. Replicas share
/// one database but not this memory, so the tree is compared with the database through a stamp (how many units there
/// are and the sum of their versions, which every create, change and close raises; how many ranks, which are only ever
/// added) and reloaded when the stamp moved. The stamp is one aggregate query, asked at most once per
/// <see cref="CheckInterval"/>, and at once when a call looks for something the tree lacks.
/// <para>
/// The promise: a unit or rank created on another replica is found at once (a miss checks before answering not found);
/// any other change made on another replica is seen within a second (plus the one stamp query then in flight). Writes
/// made here call <see cref="Invalidate"/>, so this replica reads its own writes at once; a load that raced with such a
/// write is used once but not kept.
/// </para>
/// </summary>
public sealed class OrganisationTreeCache(TimeProvider time)
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private readonly object _gate = new();
    private Snapshot? _snapshot;
    private long _checkedAt;
    private long _generation;
    private long _writtenAt = long.MinValue / 2;

    private sealed record Snapshot(OrganisationTree Tree, Stamp Stamp);

    private readonly record struct Stamp(long Units, long Versions, long Ranks);

    public Task<OrganisationTree> GetAsync(StructureDbContext db, CancellationToken cancellationToken) =>
        GetAsync(db, holds: null, cancellationToken);

    /// <param name="holds">
    /// Whether the tree holds what the call is about to look up (a unit or rank named in the request); when it does
    /// not, the stamp is checked now, so a unit another replica has just created is loaded rather than not found. An id
    /// that exists nowhere costs that one aggregate query, never a reload.
    /// </param>
    public async Task<OrganisationTree> GetAsync(StructureDbContext db, Func<OrganisationTree, bool>? holds, CancellationToken cancellationToken)
    {
        Snapshot? snapshot;
        long generation;
        var due = false;
        lock (_gate)
        {
            snapshot = _snapshot;
            generation = _generation;
            // For a second after a local write every use checks: the write calls Invalidate before its transaction
            // commits (the idempotent write commits after the handler), so a tree loaded in between is older than it.
            if (snapshot is not null && (time.GetElapsedTime(_checkedAt) >= CheckInterval || time.GetElapsedTime(_writtenAt) < CheckInterval))
            {
                // Claimed by this call: the others keep using the tree until the check is done, not all asking at once.
                _checkedAt = time.GetTimestamp();
                due = true;
            }
        }

        Stamp? stamp = null;
        if (snapshot is not null)
        {
            if (!due && (holds is null || holds(snapshot.Tree))) return snapshot.Tree;
            if (!due) lock (_gate) _checkedAt = time.GetTimestamp();
            stamp = await ReadStampAsync(db, cancellationToken);
            if (stamp == snapshot.Stamp) return snapshot.Tree;
        }

        var checkedAt = time.GetTimestamp();
        // The stamp is read before the rows: if they move in between, the tree is newer than its stamp and the next
        // check reloads once more, never the other way round (a stamp newer than its tree would hide the change).
        stamp ??= await ReadStampAsync(db, cancellationToken);
        var units = await db.OrganisationUnits.AsNoTracking().ToListAsync(cancellationToken);
        var ranks = await db.Ranks.AsNoTracking().ToListAsync(cancellationToken);
        var tree = new OrganisationTree(units, ranks);
        lock (_gate)
        {
            if (_generation == generation)
            {
                _snapshot = new Snapshot(tree, stamp.Value);
                if (snapshot is null) _checkedAt = checkedAt;
            }
        }
        return tree;
    }

    public void Invalidate()
    {
        lock (_gate)
        {
            _snapshot = null;
            _generation++;
            _writtenAt = time.GetTimestamp();
        }
    }

    private static async Task<Stamp> ReadStampAsync(StructureDbContext db, CancellationToken cancellationToken) =>
        await db.OrganisationUnits.GroupBy(_ => 1)
            .Select(g => new Stamp(g.LongCount(), g.Sum(u => u.Version), db.Ranks.LongCount()))
            .FirstOrDefaultAsync(cancellationToken);
}
