using GenderArchitecture.ServiceDefaults.Idempotency;
using GenderArchitecture.Structure.Domain;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Structure.Data;

public class StructureDbContext : DbContext
{
    public StructureDbContext(DbContextOptions<StructureDbContext> options) : base(options) { }

    /// <summary>For <see cref="StructureSqliteDbContext"/>: the same model, with the SQLite migration set.</summary>
    protected StructureDbContext(DbContextOptions options) : base(options) { }

    public DbSet<OrganisationUnit> OrganisationUnits => Set<OrganisationUnit>();
    public DbSet<Rank> Ranks => Set<Rank>();
    public DbSet<Person> Personnel => Set<Person>();
    public DbSet<PersonPosting> PersonPostings => Set<PersonPosting>();
    public DbSet<FocalPointAppointment> FocalPointAppointments => Set<FocalPointAppointment>();
    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();
    public DbSet<GenderBody> GenderBodies => Set<GenderBody>();
    public DbSet<Regulation> Regulations => Set<Regulation>();
    public DbSet<BodyMember> BodyMembers => Set<BodyMember>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<Decision> Decisions => Set<Decision>();
    public DbSet<ActionPlan> ActionPlans => Set<ActionPlan>();
    public DbSet<PlanAction> PlanActions => Set<PlanAction>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(StructureDbContext).Assembly).AddAuditLog().AddIdempotencyRecords();
}
