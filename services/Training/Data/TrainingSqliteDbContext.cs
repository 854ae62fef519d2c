using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GenderArchitecture.Training.Data;

/// <summary>
/// The SQLite migration set's context (Data/SqliteMigrations): EF Core finds migrations by their context type, so
/// a derived type keeps SQLite's set apart from PostgreSQL's (Data/Migrations, on <see cref="TrainingDbContext"/>).
/// Used only to migrate at start; the service itself works on <see cref="TrainingDbContext"/>. See README, "Databases".
/// </summary>
public sealed class TrainingSqliteDbContext(DbContextOptions<TrainingSqliteDbContext> options) : TrainingDbContext(options);

/// <summary>For `dotnet ef migrations add &lt;Name&gt; --context TrainingSqliteDbContext -o Data/SqliteMigrations`.</summary>
internal sealed class SqliteDesignTimeDbContextFactory : IDesignTimeDbContextFactory<TrainingSqliteDbContext>
{
    public TrainingSqliteDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TrainingSqliteDbContext>().UseSqlite("Data Source=training.db").Options);
}
