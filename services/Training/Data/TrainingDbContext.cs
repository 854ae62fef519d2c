using GenderArchitecture.Training.Domain;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Training.Data;

public sealed class TrainingDbContext(DbContextOptions<TrainingDbContext> options) : DbContext(options)
{
    public DbSet<Curriculum> Curricula => Set<Curriculum>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TrainingDbContext).Assembly);
}
