using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GenderArchitecture.Training.Data;

/// <summary>
/// For `dotnet ef migrations add`: migrations are the PostgreSQL schema (see README, "Databases"), so they are
/// generated against the Npgsql provider. No server is contacted.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<TrainingDbContext>
{
    public TrainingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TrainingDbContext>().UseNpgsql("Host=localhost;Database=training").Options);
}
