using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GenderArchitecture.Identity.Data;

/// <summary>
/// The SQLite migration set's context (Data/SqliteMigrations): EF Core finds migrations by their context type, so
/// a derived type keeps SQLite's set apart from PostgreSQL's (Data/Migrations, on <see cref="IdentityDb"/>).
/// Used only to migrate at start; the service itself works on <see cref="IdentityDb"/>. See README, "Databases".
/// </summary>
public sealed class IdentitySqliteDb(DbContextOptions<IdentitySqliteDb> options) : IdentityDb(options);

/// <summary>For `dotnet ef migrations add &lt;Name&gt; --context IdentitySqliteDb -o Data/SqliteMigrations`.</summary>
internal sealed class SqliteDesignTimeDbContextFactory : IDesignTimeDbContextFactory<IdentitySqliteDb>
{
    public IdentitySqliteDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<IdentitySqliteDb>().UseSqlite("Data Source=identity.db").Options);
}
