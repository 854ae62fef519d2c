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
        curriculum.Property(c => c.Title).HasMaxLength(200).IsRequired();
        curriculum.Property(c => c.TotalHours).HasPrecision(6, 2);
        curriculum.HasIndex(c => new { c.Code, c.Version }).IsUnique();
    }
}
