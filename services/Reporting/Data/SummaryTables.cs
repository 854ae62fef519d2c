using GenderArchitecture.Reporting.Domain;
using GenderArchitecture.Reporting.Statistics;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Reporting.Data;

/// <summary>
/// Keeps the summary tables in step with approvals, inside the approving transaction: an approval puts the report's
/// numbers in, replacing those of its previous approved revision if it is a correction. Until a correction is
/// approved (while it waits for review, is returned or abandoned) the figures keep the last approved revision, so a
/// correction never makes a station-month vanish from the aggregates. There is no nightly rebuild; aggregates are
/// current the moment a report is approved. The protected values of the report's base cells (its region and period,
/// every element it touches) are recomputed from their new true sums in the same transaction; no other base cell changes.
/// </summary>
public static class SummaryTables
{
    public static async Task ApproveAsync(ReportingDbContext db, Report report, BaseCellProtection protection, CancellationToken cancellationToken)
    {
        // Read untracked and deleted in the database: the new revision's cells reuse their keys.
        var previous = await db.ApprovedCells.AsNoTracking().Where(c => c.ReportId == report.Id).ToListAsync(cancellationToken);
        foreach (var cell in previous)
        {
            await db.Database.ExecuteSqlAsync($"""
                UPDATE approved_totals SET value = value - {cell.Value}, reports = reports - 1
                WHERE form_id = {cell.FormId} AND element_id = {cell.ElementId} AND period_start = {cell.PeriodStart}
                  AND institution_id = {cell.InstitutionId} AND region_id = {cell.RegionId} AND category_key = {cell.CategoryKey}
                """, cancellationToken);
        }
        if (previous.Count > 0) await db.ApprovedCells.Where(c => c.ReportId == report.Id).ExecuteDeleteAsync(cancellationToken);

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
        await ProtectAsync(db, report, protection, report.Values.Select(v => v.ElementId).Concat(previous.Select(c => c.ElementId)), cancellationToken);
    }

    /// <summary>Recomputes the protected values of the report's base groups (its region and period) from their true sums.</summary>
    private static async Task ProtectAsync(ReportingDbContext db, Report report, BaseCellProtection protection, IEnumerable<string> elementIds,
        CancellationToken cancellationToken)
    {
        var elements = elementIds.Distinct().ToList();
        var form = await db.Forms.AsNoTracking().FirstAsync(f => f.Id == report.FormId, cancellationToken);
        var rows = await db.ApprovedTotals.Where(t => t.FormId == report.FormId && t.PeriodStart == report.PeriodStart
            && t.InstitutionId == report.InstitutionId && t.RegionId == report.RegionId && elements.Contains(t.ElementId)).ToListAsync(cancellationToken);
        var rules = await db.Rules.AsNoTracking().Where(r => r.FormId == report.FormId).ToListAsync(cancellationToken);
        Protect(protection, form.Definition, rules, rows);
    }

    /// <summary>
    /// Sets the protected value of every base cell given, group by group (one element in one region and period), then
    /// keeps the form's rules between element totals in the published values of each region and period.
    /// </summary>
    public static void Protect(BaseCellProtection protection, FormDefinition form, IReadOnlyList<ValidationRule> rules, IEnumerable<ApprovedTotal> baseCells)
    {
        var cells = baseCells.ToList();
        foreach (var group in cells.GroupBy(t => (t.FormId, t.ElementId, t.PeriodStart, t.RegionId)))
        {
            var withData = group.Where(t => t.Reports > 0).ToList();
            var element = form.Element(group.Key.ElementId) ?? new DataElement(group.Key.ElementId, group.Key.ElementId);
            var id = BaseCellProtection.GroupId(group.Key.FormId, group.Key.ElementId, group.Key.PeriodStart, group.Key.RegionId);
            var values = protection.Protect(form, element, id, withData.ToDictionary(t => t.CategoryKey, t => t.Value));
            foreach (var cell in group) cell.ProtectedValue = cell.Reports > 0 ? values[cell.CategoryKey] : 0;
        }

        var ordered = BaseCellProtection.OrderedTotals(form, rules);
        if (ordered.Count == 0) return;
        foreach (var place in cells.Where(t => t.CategoryKey.Length == 0 && t.Reports > 0).GroupBy(t => (t.FormId, t.PeriodStart, t.RegionId)))
        {
            var totals = place.ToDictionary(t => t.ElementId);
            foreach (var (left, right) in ordered)
            {
                if (totals.TryGetValue(left, out var l) && totals.TryGetValue(right, out var r) && l.ProtectedValue is { } lp && r.ProtectedValue is { } rp)
                {
                    l.ProtectedValue = protection.KeepOrder(l.Value, lp, rp);
                }
            }
        }
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
