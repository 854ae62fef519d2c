using GenderArchitecture.Training.Domain;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Training.Data;

public sealed class TrainingDbContext(DbContextOptions<TrainingDbContext> options) : DbContext(options)
{
    public DbSet<Curriculum> Curricula => Set<Curriculum>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<Enrolment> Enrolments => Set<Enrolment>();
    public DbSet<Certificate> Certificates => Set<Certificate>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TrainingDbContext).Assembly).AddAuditLog();
}
