using GenderArchitecture.Structure.Domain;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Structure.Data;

public sealed class StructureDbContext(DbContextOptions<StructureDbContext> options) : DbContext(options)
{
    public DbSet<OrganisationUnit> OrganisationUnits => Set<OrganisationUnit>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(StructureDbContext).Assembly);
}
