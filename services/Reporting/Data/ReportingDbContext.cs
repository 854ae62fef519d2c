using System.Text;
using GenderArchitecture.Reporting.Domain;
using GenderArchitecture.ServiceDefaults.Idempotency;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Reporting.Data;

public class ReportingDbContext : DbContext
{
    public ReportingDbContext(DbContextOptions<ReportingDbContext> options) : base(options) { }

    /// <summary>For <see cref="ReportingSqliteDbContext"/>: the same model, with the SQLite migration set.</summary>
    protected ReportingDbContext(DbContextOptions options) : base(options) { }

    public DbSet<ReportForm> Forms => Set<ReportForm>();
    public DbSet<ValidationRule> Rules => Set<ValidationRule>();
    public DbSet<FormVersion> FormVersions => Set<FormVersion>();
    public DbSet<Report> Reports => Set<Report>();
    public DbSet<ReportValue> Values => Set<ReportValue>();
    public DbSet<ReportEvent> Events => Set<ReportEvent>();
    public DbSet<LockException> LockExceptions => Set<LockException>();
    public DbSet<ApprovedCell> ApprovedCells => Set<ApprovedCell>();
    public DbSet<ApprovedTotal> ApprovedTotals => Set<ApprovedTotal>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ReportingDbContext).Assembly).AddAuditLog().AddIdempotencyRecords();
        // snake_case columns: the summary tables are also written with plain SQL (upserts), on both providers.
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties()) property.SetColumnName(SnakeCase(property.Name));
        }
    }

    /// <summary>The history is append-only: an entry is never changed or removed.</summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (ChangeTracker.Entries<ReportEvent>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Report history is append-only: entries are never changed or deleted.");
        }
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    internal static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
