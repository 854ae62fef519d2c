using GenderArchitecture.Structure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GenderArchitecture.Structure.Data;

internal sealed class DecisionConfiguration : IEntityTypeConfiguration<Decision>
{
    public void Configure(EntityTypeBuilder<Decision> decision)
    {
        decision.ToTable("decisions");
        decision.HasKey(d => d.Id);
        decision.Property(d => d.Id).ValueGeneratedNever();
        decision.Property(d => d.BodyId).HasMaxLength(64).IsRequired();
        decision.Property(d => d.Text).HasMaxLength(2000).IsRequired();
        decision.Property(d => d.FollowUpStatus).HasConversion<string>().HasMaxLength(16);
        decision.Property(d => d.Version).IsConcurrencyToken();
        decision.HasIndex(d => new { d.BodyId, d.TakenOn });
        decision.HasOne<Meeting>().WithMany().HasForeignKey(d => d.MeetingId).OnDelete(DeleteBehavior.Restrict);
    }
}
