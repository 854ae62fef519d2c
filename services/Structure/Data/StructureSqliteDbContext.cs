using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GenderArchitecture.Structure.Data;

/// <summary>
/// The SQLite migration set's context (Data/SqliteMigrations): EF Core finds migrations by their context type, so
/// a derived type keeps SQLite's set apart from PostgreSQL's (Data/Migrations, on <see cref="StructureDbContext"/>).
/// Used only to migrate at start; the service itself works on <see cref="StructureDbContext"/>. See README, "Databases".
/// </summary>
public sealed class StructureSqliteDbContext(DbContextOptions<StructureSqliteDbContext> options) : StructureDbContext(options);

/// <summary>For `dotnet ef migrations add &lt;Name&gt; --context StructureSqliteDbContext -o Data/SqliteMigrations`.</summary>
internal sealed class SqliteDesignTimeDbContextFactory : IDesignTimeDbContextFactory<StructureSqliteDbContext>
{
    public StructureSqliteDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<StructureSqliteDbContext>().UseSqlite("Data Source=structure.db").Options);
}
