using GenderArchitecture.Reporting.Domain;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Reporting.Data;

public sealed class ReportingDbContext(DbContextOptions<ReportingDbContext> options) : DbContext(options)
{
    public DbSet<ReportForm> Forms => Set<ReportForm>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ReportingDbContext).Assembly);
}
