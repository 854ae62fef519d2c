using GenderArchitecture.Reporting.Domain;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Reporting.Data;

/// <summary>
/// Keeps the summary tables in step with approvals, inside the approving transaction: an approval adds the report's
/// numbers, a correction of an approved report takes them out again until the new revision is approved. There is no
/// nightly rebuild; aggregates are current the moment a report is approved.
/// </summary>
public static class SummaryTables
{
    public static async Task AddAsync(ReportingDbContext db, Report report, CancellationToken cancellationToken)
    {
        foreach (var value in report.Values.Where(v => v.State == ValueState.Number))
        {
            db.ApprovedCells.Add(CellOf(report, value));
            var number = value.Number ?? 0;
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO approved_totals (form_id, element_id, category_key, period_start, institution_id, region_id, value, reports)
                VALUES ({report.FormId}, {value.ElementId}, {value.CategoryKey}, {report.PeriodStart}, {report.InstitutionId}, {report.RegionId}, {number}, 1)
                ON CONFLICT (form_id, element_id, period_start, institution_id, region_id, category_key)
                DO UPDATE SET value = approved_totals.value + excluded.value, reports = approved_totals.reports + 1
                """, cancellationToken);
        }
    }

    public static async Task RemoveAsync(ReportingDbContext db, Report report, CancellationToken cancellationToken)
    {
        var cells = await db.ApprovedCells.Where(c => c.ReportId == report.Id).ToListAsync(cancellationToken);
        foreach (var cell in cells)
        {
            await db.Database.ExecuteSqlAsync($"""
                UPDATE approved_totals SET value = value - {cell.Value}, reports = reports - 1
                WHERE form_id = {cell.FormId} AND element_id = {cell.ElementId} AND period_start = {cell.PeriodStart}
                  AND institution_id = {cell.InstitutionId} AND region_id = {cell.RegionId} AND category_key = {cell.CategoryKey}
                """, cancellationToken);
        }
        db.ApprovedCells.RemoveRange(cells);
    }

    public static ApprovedCell CellOf(Report report, ReportValue value) => new()
    {
        ReportId = report.Id,
        FormId = report.FormId,
        ElementId = value.ElementId,
        CategoryKey = value.CategoryKey,
        PeriodStart = report.PeriodStart,
        StationId = report.StationId,
        RegionId = report.RegionId,
        InstitutionId = report.InstitutionId,
        Value = value.Number ?? 0,
    };

    /// <summary>The totals rows of many approved reports at once, for bulk loads.</summary>
    public static IEnumerable<ApprovedTotal> TotalsOf(IEnumerable<ApprovedCell> cells) =>
        cells.GroupBy(c => (c.FormId, c.ElementId, c.PeriodStart, c.InstitutionId, c.RegionId, c.CategoryKey))
            .Select(g => new ApprovedTotal
            {
                FormId = g.Key.FormId,
                ElementId = g.Key.ElementId,
                PeriodStart = g.Key.PeriodStart,
                InstitutionId = g.Key.InstitutionId,
                RegionId = g.Key.RegionId,
                CategoryKey = g.Key.CategoryKey,
                Value = g.Sum(c => c.Value),
                Reports = g.Count(),
            });
}
