using GenderArchitecture.Structure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GenderArchitecture.Structure.Data;

internal sealed class ActionPlanConfiguration : IEntityTypeConfiguration<ActionPlan>
{
    public void Configure(EntityTypeBuilder<ActionPlan> plan)
    {
        plan.ToTable("action_plans");
        plan.HasKey(p => p.Id);
        plan.Property(p => p.Id).HasMaxLength(64);
        plan.Property(p => p.Title).HasMaxLength(200).IsRequired();
        plan.Property(p => p.OwnerUnitId).HasMaxLength(64).IsRequired();
        plan.Property(p => p.BodyId).HasMaxLength(64);
        plan.Property(p => p.Version).IsConcurrencyToken();
        plan.HasIndex(p => p.OwnerUnitId);
        plan.HasIndex(p => p.BodyId);
        plan.HasOne<OrganisationUnit>().WithMany().HasForeignKey(p => p.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
        plan.HasOne<GenderBody>().WithMany().HasForeignKey(p => p.BodyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PlanActionConfiguration : IEntityTypeConfiguration<PlanAction>
{
    public void Configure(EntityTypeBuilder<PlanAction> action)
    {
        action.ToTable("plan_actions");
        action.HasKey(a => a.Id);
        action.Property(a => a.Id).ValueGeneratedNever();
        action.Property(a => a.PlanId).HasMaxLength(64).IsRequired();
        action.Property(a => a.Title).HasMaxLength(500).IsRequired();
        action.Property(a => a.ResponsibleUnitId).HasMaxLength(64).IsRequired();
        action.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        action.Property(a => a.Version).IsConcurrencyToken();
        action.HasIndex(a => a.PlanId);
        action.HasOne<ActionPlan>().WithMany().HasForeignKey(a => a.PlanId).OnDelete(DeleteBehavior.Restrict);
        action.HasOne<OrganisationUnit>().WithMany().HasForeignKey(a => a.ResponsibleUnitId).OnDelete(DeleteBehavior.Restrict);
        action.HasMany(a => a.Notes).WithOne().HasForeignKey(n => n.ActionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProgressNoteConfiguration : IEntityTypeConfiguration<ProgressNote>
{
    public void Configure(EntityTypeBuilder<ProgressNote> note)
    {
        note.ToTable("progress_notes");
        note.HasKey(n => n.Id);
        note.Property(n => n.Id).ValueGeneratedNever();
        note.Property(n => n.Text).HasMaxLength(2000).IsRequired();
    }
}
