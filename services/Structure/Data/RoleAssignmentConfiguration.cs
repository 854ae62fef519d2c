using GenderArchitecture.Structure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GenderArchitecture.Structure.Data;

internal sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> assignment)
    {
        assignment.ToTable("role_assignments");
        assignment.HasKey(a => a.Id);
        assignment.Property(a => a.Id).ValueGeneratedNever();
        assignment.Property(a => a.Role).HasConversion<string>().HasMaxLength(32);
        assignment.Property(a => a.UnitId).HasMaxLength(64).IsRequired();
        assignment.Property(a => a.Version).IsConcurrencyToken();
        // The scopes question reads one person's assignments; the administrators' list reads one unit's.
        assignment.HasIndex(a => new { a.PersonId, a.StartOn });
        assignment.HasIndex(a => new { a.UnitId, a.Role });
        assignment.HasOne<OrganisationUnit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
        assignment.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
