using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GenderArchitecture.Identity.Data;

/// <summary>
/// For `dotnet ef migrations add`: migrations are the PostgreSQL schema (see README, "Databases"), so they are
/// generated against the Npgsql provider. No server is contacted.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<IdentityDb>
{
    public IdentityDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<IdentityDb>().UseNpgsql("Host=localhost;Database=identity").Options);
}
