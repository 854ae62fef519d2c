using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GenderArchitecture.ServiceDefaults.Audit;

/// <summary>
/// Every change saved through EF Core gets one audit row per added, modified or deleted entity (type, key, the names
/// of the changed properties - never their values), written by the same SaveChanges and so in the same transaction:
/// the change and its record commit or fail together.
/// Start-up seeding (no current request) is recorded as "system:seed" with one summary row per save instead: demo
/// data runs to tens of thousands of rows whose origin is the seeds/ folder under version control; a row each would
/// double the start-up writes and drown the audit, while the summary still says what the seeder changed and when.
/// Idempotency records are the write contract's bookkeeping (the stored first answer), not a business change: the
/// change they answer for is audited, they are not.
/// Plain-SQL writes (Reporting's bulk demo insert and summary upserts, both derived or seed data) are not seen here.
/// </summary>
public sealed class AuditChangesInterceptor(AuditTrail trail) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db) Record(db);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) Record(db);
        return ValueTask.FromResult(result);
    }

    private void Record(DbContext db)
    {
        var changed = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is not (AuditEvent or Idempotency.IdempotencyRecord))
            .ToList();
        if (changed.Count == 0) return;

        if (trail.OutsideRequest)
        {
            var summary = string.Join(", ", changed.GroupBy(e => (e.State, Name: e.Metadata.DisplayName()))
                .OrderBy(g => g.Key.Name).Select(g => $"{Verb(g.Key.State)} {g.Count()} {g.Key.Name}"));
            db.Set<AuditEvent>().Add(trail.Create(AuditActions.Seed, "seed data", summary));
            return;
        }
        foreach (var entry in changed)
        {
            var action = entry.State switch
            {
                EntityState.Added => AuditActions.Create,
                EntityState.Deleted => AuditActions.Delete,
                _ => AuditActions.Update,
            };
            var description = entry.State == EntityState.Modified
                ? "changed " + string.Join(", ", entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name))
                : Verb(entry.State);
            db.Set<AuditEvent>().Add(trail.Create(action, $"{entry.Metadata.DisplayName()}/{KeyOf(entry)}", description));
        }
    }

    private static string Verb(EntityState state) => state switch
    {
        EntityState.Added => "added",
        EntityState.Deleted => "deleted",
        _ => "modified",
    };

    /// <summary>The primary key's values; a key the database generates is not known before the insert.</summary>
    private static string KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        if (key is null) return "?";
        var parts = key.Properties.Select(p => entry.Property(p.Name)).ToList();
        if (parts.Any(p => p.IsTemporary)) return "(new)";
        return string.Join("/", parts.Select(p => Convert.ToString(entry.State == EntityState.Deleted ? p.OriginalValue : p.CurrentValue,
            System.Globalization.CultureInfo.InvariantCulture)));
    }
}
