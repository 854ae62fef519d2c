using GenderArchitecture.Structure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GenderArchitecture.Structure.Data;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> person)
    {
        person.ToTable("personnel");
        person.HasKey(p => p.Id);
        person.Property(p => p.Id).ValueGeneratedNever();
        person.Property(p => p.InstitutionId).HasMaxLength(64).IsRequired();
        person.Property(p => p.ServiceNumber).HasMaxLength(32).IsRequired();
        person.Property(p => p.GivenName).HasMaxLength(100).IsRequired();
        person.Property(p => p.FamilyName).HasMaxLength(100).IsRequired();
        person.Property(p => p.Sex).HasConversion<string>().HasMaxLength(8);
        person.Property(p => p.RankCode).HasMaxLength(32).IsRequired();
        person.Property(p => p.Position).HasMaxLength(100);
        person.Property(p => p.UnitId).HasMaxLength(64).IsRequired();
        person.Property(p => p.Community).HasMaxLength(40);
        person.Property(p => p.Version).IsConcurrencyToken();
        person.Ignore(p => p.FullName);
        // Unique per institution: the rule behind AlreadyExists, and the index ResolveOfficers reads.
        person.HasIndex(p => new { p.InstitutionId, p.ServiceNumber }).IsUnique();
        person.HasIndex(p => p.UnitId);
        person.HasOne<OrganisationUnit>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
        person.HasOne<Rank>().WithMany().HasForeignKey(p => new { p.InstitutionId, p.RankCode }).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PersonPostingConfiguration : IEntityTypeConfiguration<PersonPosting>
{
    public void Configure(EntityTypeBuilder<PersonPosting> posting)
    {
        posting.ToTable("person_postings");
        posting.HasKey(p => p.Id);
        posting.Property(p => p.Id).ValueGeneratedNever();
        posting.Property(p => p.UnitId).HasMaxLength(64).IsRequired();
        posting.HasIndex(p => new { p.PersonId, p.From });
        posting.HasIndex(p => p.UnitId);
        posting.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
        posting.HasOne<OrganisationUnit>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
