using GenderArchitecture.ServiceDefaults.Idempotency;
using GenderArchitecture.Training.Domain;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Training.Data;

public class TrainingDbContext : DbContext
{
    public TrainingDbContext(DbContextOptions<TrainingDbContext> options) : base(options) { }

    /// <summary>For <see cref="TrainingSqliteDbContext"/>: the same model, with the SQLite migration set.</summary>
    protected TrainingDbContext(DbContextOptions options) : base(options) { }

    public DbSet<Curriculum> Curricula => Set<Curriculum>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<Enrolment> Enrolments => Set<Enrolment>();
    public DbSet<Certificate> Certificates => Set<Certificate>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TrainingDbContext).Assembly).AddAuditLog().AddIdempotencyRecords();
}
