using GenderArchitecture.Training.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GenderArchitecture.Training.Data;

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> certificate)
    {
        certificate.ToTable("certificates");
        certificate.HasKey(c => c.Id);
        certificate.HasOne(c => c.Curriculum).WithMany().HasForeignKey(c => c.CurriculumId).OnDelete(DeleteBehavior.Restrict);
        certificate.HasOne<Session>().WithMany().HasForeignKey(c => c.SessionId).OnDelete(DeleteBehavior.Restrict);
        certificate.Property(c => c.Number).HasMaxLength(64).IsRequired();
        certificate.Property(c => c.VerificationCode).HasMaxLength(16).IsRequired();
        certificate.Property(c => c.InstitutionId).HasMaxLength(64).IsRequired();
        certificate.Property(c => c.ServiceNumber).HasMaxLength(32).IsRequired();
        certificate.Property(c => c.PersonId).HasMaxLength(64).IsRequired();
        certificate.Property(c => c.HolderName).HasMaxLength(200).IsRequired();
        certificate.Property(c => c.CurriculumCode).HasMaxLength(64).IsRequired();
        certificate.Property(c => c.RevocationReason).HasMaxLength(500);
        certificate.Property(c => c.RequestId).HasMaxLength(100);
        certificate.Property(c => c.Revision).IsConcurrencyToken();
        certificate.HasIndex(c => c.Number).IsUnique();
        certificate.HasIndex(c => c.VerificationCode).IsUnique();
        // One certificate per officer per session, however often issuance is retried (imports have no session).
        certificate.HasIndex(c => new { c.SessionId, c.InstitutionId, c.ServiceNumber }).IsUnique();
        certificate.HasIndex(c => new { c.InstitutionId, c.ServiceNumber });
        certificate.HasIndex(c => new { c.CurriculumCode, c.InstitutionId });
    }
}
