using GenderArchitecture.Structure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GenderArchitecture.Structure.Data;

internal sealed class RegulationConfiguration : IEntityTypeConfiguration<Regulation>
{
    public void Configure(EntityTypeBuilder<Regulation> regulation)
    {
        regulation.ToTable("regulations");
        regulation.HasKey(r => new { r.BodyId, r.Number });
        regulation.Property(r => r.BodyId).HasMaxLength(64);
        regulation.Property(r => r.Title).HasMaxLength(200).IsRequired();
        regulation.Property(r => r.Summary).HasMaxLength(2000);
        regulation.HasOne<GenderBody>().WithMany().HasForeignKey(r => r.BodyId).OnDelete(DeleteBehavior.Restrict);
    }
}
