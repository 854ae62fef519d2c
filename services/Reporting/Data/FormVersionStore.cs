using GenderArchitecture.Reporting.Domain;
using GenderArchitecture.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Reporting.Data;

/// <summary>Finding the version of a form that a period or a report is checked against.</summary>
public static class FormVersionStore
{
    public static async Task<IReadOnlyList<FormVersion>> VersionsAsync(this ReportingDbContext db, string formId, CancellationToken cancellationToken) =>
        await db.FormVersions.AsNoTracking().Where(v => v.FormId == formId).OrderBy(v => v.Version).ToListAsync(cancellationToken);

    /// <summary>The version a new report of the period starting <paramref name="periodStart"/> is created on.</summary>
    public static async Task<FormVersion> VersionAtAsync(this ReportingDbContext db, string formId, DateOnly periodStart, CancellationToken cancellationToken) =>
        FormVersion.InEffect(await db.VersionsAsync(formId, cancellationToken), periodStart) ?? throw RpcErrors.NotFound("form version", $"{formId}@{periodStart:yyyy-MM-dd}");

    /// <summary>The version a report was created on.</summary>
    public static async Task<FormVersion> VersionOfAsync(this ReportingDbContext db, Report report, CancellationToken cancellationToken) =>
        await db.FormVersions.AsNoTracking().FirstOrDefaultAsync(v => v.FormId == report.FormId && v.Version == report.FormVersion, cancellationToken)
        ?? throw RpcErrors.NotFound("form version", $"{report.FormId}/{report.FormVersion}");

    /// <summary>
    /// Refuses an aggregate of <paramref name="elementId"/> over periods whose form versions give it different meanings
    /// (FAILED_PRECONDITION ELEMENT_CHANGED_ACROSS_VERSIONS, with the reason): a sum across them would add unlike counts.
    /// </summary>
    public static async Task EnsureComparableAsync(this ReportingDbContext db, string formId, string elementId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var versions = FormVersion.InEffect(await db.VersionsAsync(formId, cancellationToken), from, to);
        if (versions.Count < 2) return;
        if (FormVersionRules.Compare(versions).LeftOut.FirstOrDefault(l => l.ElementId == elementId) is { } leftOut)
        {
            throw RpcErrors.FailedPrecondition("ELEMENT_CHANGED_ACROSS_VERSIONS", $"{formId}/{elementId}", FormTexts.AcrossVersions(elementId, leftOut.Reason));
        }
    }
}
