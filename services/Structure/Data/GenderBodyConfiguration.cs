using GenderArchitecture.Structure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GenderArchitecture.Structure.Data;

internal sealed class GenderBodyConfiguration : IEntityTypeConfiguration<GenderBody>
{
    public void Configure(EntityTypeBuilder<GenderBody> body)
    {
        body.ToTable("gender_bodies");
        body.HasKey(b => b.Id);
        body.Property(b => b.Id).HasMaxLength(64);
        body.Property(b => b.Name).HasMaxLength(200).IsRequired();
        body.Property(b => b.Kind).HasConversion<string>().HasMaxLength(24);
        body.Property(b => b.OwnerUnitId).HasMaxLength(64).IsRequired();
        body.Property(b => b.Mandate).HasMaxLength(2000);
        body.Property(b => b.Version).IsConcurrencyToken();
        body.HasIndex(b => b.OwnerUnitId);
        body.HasOne<OrganisationUnit>().WithMany().HasForeignKey(b => b.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
