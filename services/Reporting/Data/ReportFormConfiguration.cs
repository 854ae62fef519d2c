using GenderArchitecture.Reporting.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GenderArchitecture.Reporting.Data;

internal sealed class ReportFormConfiguration : IEntityTypeConfiguration<ReportForm>
{
    public void Configure(EntityTypeBuilder<ReportForm> form)
    {
        form.ToTable("report_forms");
        form.HasKey(f => f.Id);
        form.Property(f => f.Id).HasMaxLength(64);
        form.Property(f => f.Name).HasMaxLength(200).IsRequired();
        form.Property(f => f.PeriodType).HasConversion<string>().HasMaxLength(16);
    }
}
