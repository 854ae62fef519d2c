using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GenderArchitecture.Reporting.Data;

/// <summary>
/// The SQLite migration set's context (Data/SqliteMigrations): EF Core finds migrations by their context type, so
/// a derived type keeps SQLite's set apart from PostgreSQL's (Data/Migrations, on <see cref="ReportingDbContext"/>).
/// Used only to migrate at start; the service itself works on <see cref="ReportingDbContext"/>. See README, "Databases".
/// </summary>
public sealed class ReportingSqliteDbContext(DbContextOptions<ReportingSqliteDbContext> options) : ReportingDbContext(options);

/// <summary>For `dotnet ef migrations add &lt;Name&gt; --context ReportingSqliteDbContext -o Data/SqliteMigrations`.</summary>
internal sealed class SqliteDesignTimeDbContextFactory : IDesignTimeDbContextFactory<ReportingSqliteDbContext>
{
    public ReportingSqliteDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ReportingSqliteDbContext>().UseSqlite("Data Source=reporting.db").Options);
}
