using GenderArchitecture.Structure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GenderArchitecture.Structure.Data;

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> meeting)
    {
        meeting.ToTable("meetings");
        meeting.HasKey(m => m.Id);
        meeting.Property(m => m.Id).ValueGeneratedNever();
        meeting.Property(m => m.BodyId).HasMaxLength(64).IsRequired();
        meeting.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        meeting.Property(m => m.Agenda).HasMaxLength(2000);
        meeting.Property(m => m.Version).IsConcurrencyToken();
        meeting.HasIndex(m => new { m.BodyId, m.PlannedOn });
        meeting.HasOne<GenderBody>().WithMany().HasForeignKey(m => m.BodyId).OnDelete(DeleteBehavior.Restrict);
        meeting.HasMany(m => m.Attendance).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MeetingAttendanceConfiguration : IEntityTypeConfiguration<MeetingAttendance>
{
    public void Configure(EntityTypeBuilder<MeetingAttendance> attendance)
    {
        attendance.ToTable("meeting_attendance");
        attendance.HasKey(a => new { a.MeetingId, a.MemberId });
        attendance.HasOne<BodyMember>().WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
