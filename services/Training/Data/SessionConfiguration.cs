using GenderArchitecture.Training.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GenderArchitecture.Training.Data;

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> session)
    {
        session.ToTable("sessions");
        session.HasKey(s => s.Id);
        session.HasOne(s => s.Curriculum).WithMany().HasForeignKey(s => s.CurriculumId).OnDelete(DeleteBehavior.Restrict);
        session.Property(s => s.InstitutionId).HasMaxLength(64).IsRequired();
        session.Property(s => s.Location).HasMaxLength(200).IsRequired();
        session.Property(s => s.Trainers).AsJson();
        session.Property(s => s.Revision).IsConcurrencyToken();
        session.Ignore(s => s.Days);
        session.Ignore(s => s.FreePlaces);
        session.HasIndex(s => new { s.InstitutionId, s.StartDate });
    }
}

internal sealed class EnrolmentConfiguration : IEntityTypeConfiguration<Enrolment>
{
    public void Configure(EntityTypeBuilder<Enrolment> enrolment)
    {
        enrolment.ToTable("enrolments");
        enrolment.HasKey(e => e.Id);
        enrolment.HasOne<Session>().WithMany().HasForeignKey(e => e.SessionId).OnDelete(DeleteBehavior.Cascade);
        enrolment.Property(e => e.InstitutionId).HasMaxLength(64).IsRequired();
        enrolment.Property(e => e.ServiceNumber).HasMaxLength(32).IsRequired();
        enrolment.Property(e => e.PersonId).HasMaxLength(64).IsRequired();
        enrolment.Property(e => e.Name).HasMaxLength(200).IsRequired();
        enrolment.Property(e => e.Sex).HasMaxLength(16).IsRequired();
        enrolment.Property(e => e.RankBand).HasMaxLength(16).IsRequired();
        enrolment.Property(e => e.DaysAttended).AsJson();
        // One enrolment per officer per session.
        enrolment.HasIndex(e => new { e.SessionId, e.InstitutionId, e.ServiceNumber }).IsUnique();
        enrolment.HasIndex(e => new { e.InstitutionId, e.ServiceNumber });
    }
}
