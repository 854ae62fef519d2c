using GenderArchitecture.Structure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GenderArchitecture.Structure.Data;

internal sealed class FocalPointAppointmentConfiguration : IEntityTypeConfiguration<FocalPointAppointment>
{
    public void Configure(EntityTypeBuilder<FocalPointAppointment> appointment)
    {
        appointment.ToTable("focal_point_appointments");
        appointment.HasKey(a => a.Id);
        appointment.Property(a => a.Id).ValueGeneratedNever();
        appointment.Property(a => a.UnitId).HasMaxLength(64).IsRequired();
        appointment.Property(a => a.Version).IsConcurrencyToken();
        appointment.HasIndex(a => new { a.UnitId, a.StartOn });
        appointment.HasIndex(a => a.PersonId);
        appointment.HasOne<OrganisationUnit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
        appointment.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
