using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GenderArchitecture.Reporting.Data;

/// <summary>
/// For `dotnet ef migrations add`: migrations are the PostgreSQL schema (see README, "Databases"), so they are
/// generated against the Npgsql provider. No server is contacted.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ReportingDbContext>
{
    public ReportingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ReportingDbContext>().UseNpgsql("Host=localhost;Database=reporting").Options);
}
