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
        form.Property(f => f.ReportingUnitKind).HasMaxLength(32);
        form.Property(f => f.DefinitionJson).IsRequired();
        form.Property(f => f.SeedDifference).HasMaxLength(1000);
        form.Ignore(f => f.Definition);
    }
}

internal sealed class FormVersionConfiguration : IEntityTypeConfiguration<FormVersion>
{
    public void Configure(EntityTypeBuilder<FormVersion> version)
    {
        version.ToTable("form_versions");
        // The key is the database's guard against two administrators publishing the same version at once.
        version.HasKey(v => new { v.FormId, v.Version });
        version.Property(v => v.FormId).HasMaxLength(64);
        version.Property(v => v.DefinitionJson).IsRequired();
        version.Property(v => v.RulesJson).IsRequired();
        version.Property(v => v.CreatedBy).HasMaxLength(200);
        version.HasIndex(v => new { v.FormId, v.ValidFrom }).IsUnique();
        version.Ignore(v => v.Definition);
        version.Ignore(v => v.Rules);
    }
}

internal sealed class ValidationRuleConfiguration : IEntityTypeConfiguration<ValidationRule>
{
    public void Configure(EntityTypeBuilder<ValidationRule> rule)
    {
        rule.ToTable("validation_rules");
        rule.HasKey(r => r.Id);
        rule.Property(r => r.Id).HasMaxLength(100);
        rule.Property(r => r.FormId).HasMaxLength(64);
        rule.Property(r => r.Description).HasMaxLength(500);
        rule.Property(r => r.Left).HasMaxLength(1000);
        rule.Property(r => r.Right).HasMaxLength(1000);
        rule.Property(r => r.Operator).HasMaxLength(2);
        rule.Ignore(r => r.LeftTerms);
        rule.Ignore(r => r.RightTerms);
        rule.HasIndex(r => r.FormId);
    }
}

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> report)
    {
        report.ToTable("reports");
        report.HasKey(r => r.Id);
        report.Property(r => r.FormId).HasMaxLength(64);
        report.Property(r => r.StationId).HasMaxLength(100);
        report.Property(r => r.RegionId).HasMaxLength(100);
        report.Property(r => r.InstitutionId).HasMaxLength(100);
        report.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        report.Property(r => r.Version).IsConcurrencyToken();
        report.Property(r => r.ReviewComment).HasMaxLength(2000);
        report.Ignore(r => r.Warnings);
        report.Ignore(r => r.SubmittedOnTime);
        report.Ignore(r => r.IsAwaitingReview);
        report.HasMany(r => r.Values).WithOne().HasForeignKey(v => v.ReportId).OnDelete(DeleteBehavior.Cascade);
        report.HasIndex(r => new { r.FormId, r.StationId, r.PeriodStart }).IsUnique();
        report.HasIndex(r => new { r.FormId, r.State, r.PeriodStart });
        report.HasIndex(r => new { r.StationId, r.PeriodStart });
    }
}

internal sealed class ReportValueConfiguration : IEntityTypeConfiguration<ReportValue>
{
    public void Configure(EntityTypeBuilder<ReportValue> value)
    {
        value.ToTable("report_values");
        value.HasKey(v => new { v.ReportId, v.ElementId, v.CategoryKey });
        value.Property(v => v.ElementId).HasMaxLength(100);
        value.Property(v => v.CategoryKey).HasMaxLength(200);
        value.Property(v => v.State).HasConversion<string>().HasMaxLength(16);
        value.Ignore(v => v.Cell);
        value.Ignore(v => v.Value);
    }
}

internal sealed class ReportEventConfiguration : IEntityTypeConfiguration<ReportEvent>
{
    public void Configure(EntityTypeBuilder<ReportEvent> e)
    {
        e.ToTable("report_events");
        e.HasKey(x => x.Sequence);
        e.Property(x => x.Sequence).ValueGeneratedOnAdd();
        e.Property(x => x.Action).HasMaxLength(32);
        e.Property(x => x.FromState).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.ToState).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Actor).HasMaxLength(200);
        e.Property(x => x.ActorRole).HasMaxLength(32);
        e.Property(x => x.Reason).HasMaxLength(2000);
        e.Ignore(x => x.Changes);
        e.HasIndex(x => x.ReportId);
    }
}

internal sealed class LockExceptionConfiguration : IEntityTypeConfiguration<LockException>
{
    public void Configure(EntityTypeBuilder<LockException> e)
    {
        e.ToTable("lock_exceptions");
        e.HasKey(x => x.Id);
        e.Property(x => x.StationId).HasMaxLength(100);
        e.Property(x => x.Reason).HasMaxLength(1000);
        e.Property(x => x.CreatedBy).HasMaxLength(200);
        e.Property(x => x.FormId).HasMaxLength(64);
        e.Property(x => x.WithdrawnBy).HasMaxLength(200);
        e.Property(x => x.WithdrawalReason).HasMaxLength(1000);
        e.HasIndex(x => new { x.StationId, x.EndsOn });
    }
}

internal sealed class ApprovedCellConfiguration : IEntityTypeConfiguration<ApprovedCell>
{
    public void Configure(EntityTypeBuilder<ApprovedCell> e)
    {
        e.ToTable("approved_cells");
        e.HasKey(x => new { x.ReportId, x.ElementId, x.CategoryKey });
        e.Property(x => x.FormId).HasMaxLength(64);
        e.Property(x => x.ElementId).HasMaxLength(100);
        e.Property(x => x.CategoryKey).HasMaxLength(200);
        e.Property(x => x.StationId).HasMaxLength(100);
        e.Property(x => x.RegionId).HasMaxLength(100);
        e.Property(x => x.InstitutionId).HasMaxLength(100);
        // Covering: station-level and subtree aggregates read the index alone, never the table rows.
        e.HasIndex(x => new { x.FormId, x.ElementId, x.PeriodStart, x.CategoryKey, x.StationId, x.Value });
        e.HasIndex(x => new { x.StationId, x.FormId, x.ElementId, x.PeriodStart });
    }
}

internal sealed class ApprovedTotalConfiguration : IEntityTypeConfiguration<ApprovedTotal>
{
    public void Configure(EntityTypeBuilder<ApprovedTotal> e)
    {
        e.ToTable("approved_totals");
        e.HasKey(x => new { x.FormId, x.ElementId, x.PeriodStart, x.InstitutionId, x.RegionId, x.CategoryKey });
        e.Property(x => x.FormId).HasMaxLength(64);
        e.Property(x => x.ElementId).HasMaxLength(100);
        e.Property(x => x.CategoryKey).HasMaxLength(200);
        e.Property(x => x.RegionId).HasMaxLength(100);
        e.Property(x => x.InstitutionId).HasMaxLength(100);
    }
}
