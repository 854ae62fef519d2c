using GenderArchitecture.Training.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GenderArchitecture.Training.Data;

internal sealed class CurriculumConfiguration : IEntityTypeConfiguration<Curriculum>
{
    public void Configure(EntityTypeBuilder<Curriculum> curriculum)
    {
        curriculum.ToTable("curricula");
        curriculum.HasKey(c => c.Id);
        curriculum.Property(c => c.Code).HasMaxLength(64).IsRequired();
        curriculum.Property(c => c.InstitutionId).HasMaxLength(64).IsRequired();
        curriculum.Property(c => c.Title).HasMaxLength(300).IsRequired();
        curriculum.Property(c => c.Modules).AsJson();
        curriculum.Property(c => c.Audiences).AsJson();
        curriculum.Property(c => c.PrerequisiteCodes).AsJson();
        curriculum.Property(c => c.Mandates).AsJson();
        curriculum.Property(c => c.Revision).IsConcurrencyToken();
        curriculum.Ignore(c => c.TotalHours);
        curriculum.Ignore(c => c.IsForTrainers);
        curriculum.HasIndex(c => new { c.Code, c.Version }).IsUnique();
    }
}
