using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GenderArchitecture.Structure.Data;

/// <summary>
/// For `dotnet ef migrations add`: migrations are the PostgreSQL schema (see README, "Databases"), so they are
/// generated against the Npgsql provider. No server is contacted.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<StructureDbContext>
{
    public StructureDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<StructureDbContext>().UseNpgsql("Host=localhost;Database=structure").Options);
}
