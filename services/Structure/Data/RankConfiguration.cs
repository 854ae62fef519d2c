using GenderArchitecture.Structure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GenderArchitecture.Structure.Data;

internal sealed class RankConfiguration : IEntityTypeConfiguration<Rank>
{
    public void Configure(EntityTypeBuilder<Rank> rank)
    {
        rank.ToTable("ranks");
        rank.HasKey(r => new { r.InstitutionId, r.Code });
        rank.Property(r => r.InstitutionId).HasMaxLength(64);
        rank.Property(r => r.Code).HasMaxLength(32);
        rank.Property(r => r.Name).HasMaxLength(100).IsRequired();
        rank.Property(r => r.Band).HasConversion<string>().HasMaxLength(16);
        rank.HasOne<OrganisationUnit>().WithMany().HasForeignKey(r => r.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}
