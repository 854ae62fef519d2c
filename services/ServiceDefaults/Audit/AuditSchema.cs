using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.ServiceDefaults.Audit;

/// <summary>
/// The audit_events table, the same in every service's database, and the triggers with which the database itself
/// refuses UPDATE, DELETE (and on PostgreSQL TRUNCATE) - so neither a bug nor a hand-written statement can rewrite history.
/// </summary>
public static class AuditSchema
{
    public const string Table = "audit_events";
    internal const int ServiceLength = 32, ActorLength = 200, RoleLength = 32, ActionLength = 64, ResourceLength = 300,
        DescriptionLength = 1000, ClientAddressLength = 100;

    /// <summary>SQLite: created after EnsureCreated; IF NOT EXISTS makes it safe at every start.</summary>
    public const string SqliteTriggers = """
        CREATE TRIGGER IF NOT EXISTS audit_events_no_update BEFORE UPDATE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE refused'); END;
        CREATE TRIGGER IF NOT EXISTS audit_events_no_delete BEFORE DELETE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: DELETE refused'); END;
        """;

    /// <summary>PostgreSQL: created by each service's migration. TRUNCATE skips row triggers, hence the statement trigger.</summary>
    public const string PostgresTriggers = """
        CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END $$;
        CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
          FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
        CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
          FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
        """;

    public const string PostgresDropTriggers = """
        DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events;
        DROP TRIGGER IF EXISTS audit_events_no_update_delete ON audit_events;
        DROP FUNCTION IF EXISTS audit_events_append_only();
        """;

    /// <summary>Adds audit_events to a service's model: <c>modelBuilder.AddAuditLog()</c> in OnModelCreating.</summary>
    public static ModelBuilder AddAuditLog(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AuditEvent>(e =>
        {
            e.ToTable(Table);
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
            e.Property(x => x.OccurredAt).HasColumnName("occurred_at");
            e.Property(x => x.Service).HasColumnName("service").HasMaxLength(ServiceLength);
            e.Property(x => x.Actor).HasColumnName("actor").HasMaxLength(ActorLength);
            e.Property(x => x.Role).HasColumnName("role").HasMaxLength(RoleLength);
            e.Property(x => x.Action).HasColumnName("action").HasMaxLength(ActionLength);
            e.Property(x => x.Resource).HasColumnName("resource").HasMaxLength(ResourceLength);
            e.Property(x => x.Description).HasColumnName("description").HasMaxLength(DescriptionLength);
            e.Property(x => x.ClientAddress).HasColumnName("client_address").HasMaxLength(ClientAddressLength);
            e.HasIndex(x => new { x.OccurredAt, x.Id }).HasDatabaseName("ix_audit_events_occurred_at_id");
            e.HasIndex(x => x.Actor).HasDatabaseName("ix_audit_events_actor");
        });
        return modelBuilder;
    }

    /// <summary>The SQLite triggers, for a database created from the model (PostgreSQL gets them by migration).</summary>
    public static async Task EnsureAuditTriggersAsync(this DbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync(SqliteTriggers, cancellationToken);
    }
}
