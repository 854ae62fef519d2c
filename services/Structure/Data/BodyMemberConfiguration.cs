using GenderArchitecture.Structure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GenderArchitecture.Structure.Data;

internal sealed class BodyMemberConfiguration : IEntityTypeConfiguration<BodyMember>
{
    public void Configure(EntityTypeBuilder<BodyMember> member)
    {
        member.ToTable("body_members");
        member.HasKey(m => m.Id);
        member.Property(m => m.Id).ValueGeneratedNever();
        member.Property(m => m.BodyId).HasMaxLength(64).IsRequired();
        member.Property(m => m.Name).HasMaxLength(200).IsRequired();
        member.Property(m => m.Sex).HasConversion<string>().HasMaxLength(8);
        member.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
        member.Property(m => m.RepresentedOrganisation).HasMaxLength(200);
        member.Property(m => m.Version).IsConcurrencyToken();
        member.HasIndex(m => m.BodyId);
        member.HasOne<GenderBody>().WithMany().HasForeignKey(m => m.BodyId).OnDelete(DeleteBehavior.Restrict);
        member.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
