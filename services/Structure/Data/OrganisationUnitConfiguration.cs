using GenderArchitecture.Structure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GenderArchitecture.Structure.Data;

internal sealed class OrganisationUnitConfiguration : IEntityTypeConfiguration<OrganisationUnit>
{
    public void Configure(EntityTypeBuilder<OrganisationUnit> unit)
    {
        unit.ToTable("organisation_units");
        unit.HasKey(u => u.Id);
        unit.Property(u => u.Id).HasMaxLength(64);
        unit.Property(u => u.Name).HasMaxLength(200).IsRequired();
        unit.Property(u => u.ShortName).HasMaxLength(32);
        unit.Property(u => u.ParentId).HasMaxLength(64);
        unit.Property(u => u.InstitutionId).HasMaxLength(64).IsRequired();
        unit.Property(u => u.Kind).HasConversion<string>().HasMaxLength(16);
        unit.Property(u => u.InstitutionType).HasConversion<string>().HasMaxLength(24);
        unit.Property(u => u.Version).IsConcurrencyToken();
        unit.HasOne<OrganisationUnit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        unit.HasIndex(u => u.ParentId);
        unit.HasIndex(u => new { u.InstitutionId, u.Kind });
    }
}
