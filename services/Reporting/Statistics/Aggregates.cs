using GenderArchitecture.Reporting.Data;
using GenderArchitecture.Reporting.Domain;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Reporting.Statistics;

public enum AggregateLevel { Station = 1, Region = 2, Institution = 3, Total = 4 }

/// <summary>Which approved values to sum: the whole country, an institution, a region, or a set of stations.</summary>
public sealed record UnitFilter(string? InstitutionId = null, string? RegionId = null, IReadOnlyCollection<string>? StationIds = null)
{
    public static readonly UnitFilter National = new();
}

public sealed record AggregateQuery(string FormId, string ElementId, IReadOnlyList<string> CategoryKeys, DateOnly From, DateOnly To,
    Grouping Grouping, AggregateLevel Level, UnitFilter Filter)
{
    public bool IsDisaggregated => CategoryKeys.Count > 0;
}

public sealed record AggregateCell(string Period, string UnitId, string CategoryKey, long Value, bool Suppressed)
{
    public string Key => Aggregates.KeyOf(Period, UnitId, CategoryKey);
}

public sealed record TrendPoint(string Period, long Total, bool Suppressed, double? ChangePercent);

public sealed record AggregateTable(IReadOnlyList<AggregateCell> Cells, IReadOnlyList<TrendPoint> Trend, int Threshold, bool Exact);

public sealed record SummedRow(DateOnly PeriodStart, string UnitId, string CategoryKey, long Value);

/// <summary>
/// Aggregates of approved values, read from the summary tables kept up to date on approval: national, institution
/// and region figures from <c>approved_totals</c> (a few rows per period), station figures and arbitrary subtrees
/// from <c>approved_cells</c>. Then the table is laid out (rows, row totals, column totals) and, for audiences
/// without the right to small counts, suppressed.
/// </summary>
public static class Aggregates
{
    public static string KeyOf(string period, string unit, string category) => $"{period}|{unit}|{category}";

    public static async Task<IReadOnlyList<SummedRow>> SumAsync(ReportingDbContext db, AggregateQuery q, CancellationToken cancellationToken)
    {
        var keys = q.IsDisaggregated ? q.CategoryKeys.ToList() : [""];
        if (q.Level == AggregateLevel.Station || q.Filter.StationIds is not null)
        {
            var cells = db.ApprovedCells.AsNoTracking().Where(c => c.FormId == q.FormId && c.ElementId == q.ElementId
                && c.PeriodStart >= q.From && c.PeriodStart <= q.To && keys.Contains(c.CategoryKey));
            if (q.Filter.StationIds is { } stations) cells = cells.Where(c => stations.Contains(c.StationId));
            if (q.Filter.InstitutionId is { } ci) cells = cells.Where(c => c.InstitutionId == ci);
            if (q.Filter.RegionId is { } cr) cells = cells.Where(c => c.RegionId == cr);
            return q.Level switch
            {
                AggregateLevel.Station => await cells.GroupBy(c => new { c.PeriodStart, c.StationId, c.CategoryKey })
                    .Select(g => new SummedRow(g.Key.PeriodStart, g.Key.StationId, g.Key.CategoryKey, g.Sum(c => c.Value))).ToListAsync(cancellationToken),
                AggregateLevel.Region => await cells.GroupBy(c => new { c.PeriodStart, c.RegionId, c.CategoryKey })
                    .Select(g => new SummedRow(g.Key.PeriodStart, g.Key.RegionId, g.Key.CategoryKey, g.Sum(c => c.Value))).ToListAsync(cancellationToken),
                AggregateLevel.Institution => await cells.GroupBy(c => new { c.PeriodStart, c.InstitutionId, c.CategoryKey })
                    .Select(g => new SummedRow(g.Key.PeriodStart, g.Key.InstitutionId, g.Key.CategoryKey, g.Sum(c => c.Value))).ToListAsync(cancellationToken),
                _ => await cells.GroupBy(c => new { c.PeriodStart, c.CategoryKey })
                    .Select(g => new SummedRow(g.Key.PeriodStart, "", g.Key.CategoryKey, g.Sum(c => c.Value))).ToListAsync(cancellationToken),
            };
        }

        var totals = db.ApprovedTotals.AsNoTracking().Where(t => t.FormId == q.FormId && t.ElementId == q.ElementId
            && t.PeriodStart >= q.From && t.PeriodStart <= q.To && keys.Contains(t.CategoryKey));
        if (q.Filter.InstitutionId is { } institution) totals = totals.Where(t => t.InstitutionId == institution);
        if (q.Filter.RegionId is { } region) totals = totals.Where(t => t.RegionId == region);
        return q.Level switch
        {
            AggregateLevel.Region => await totals.GroupBy(t => new { t.PeriodStart, t.RegionId, t.CategoryKey })
                .Select(g => new SummedRow(g.Key.PeriodStart, g.Key.RegionId, g.Key.CategoryKey, g.Sum(t => t.Value))).ToListAsync(cancellationToken),
            AggregateLevel.Institution => await totals.GroupBy(t => new { t.PeriodStart, t.InstitutionId, t.CategoryKey })
                .Select(g => new SummedRow(g.Key.PeriodStart, g.Key.InstitutionId, g.Key.CategoryKey, g.Sum(t => t.Value))).ToListAsync(cancellationToken),
            _ => await totals.GroupBy(t => new { t.PeriodStart, t.CategoryKey })
                .Select(g => new SummedRow(g.Key.PeriodStart, "", g.Key.CategoryKey, g.Sum(t => t.Value))).ToListAsync(cancellationToken),
        };
    }

    /// <summary>
    /// Lays the sums out as a table per period: a row per unit (each with its total) and, above unit level, a row
    /// over all units; then hides small counts when <paramref name="threshold"/> is given.
    /// </summary>
    public static AggregateTable Build(AggregateQuery q, PeriodType periodType, IReadOnlyList<SummedRow> rows, int? threshold)
    {
        var categories = q.IsDisaggregated ? q.CategoryKeys : [];
        var periods = Period.Starts(periodType, q.From, q.To).Select(d => PeriodLabels.Label(q.Grouping, d)).Distinct().ToList();
        var values = new Dictionary<string, long>();
        var byLabel = rows.GroupBy(r => (Label: PeriodLabels.Label(q.Grouping, r.PeriodStart), r.UnitId, r.CategoryKey))
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Value));
        var units = q.Level == AggregateLevel.Total ? [""] : rows.Select(r => r.UnitId).Distinct().Order(StringComparer.Ordinal).ToList();
        var groups = new List<SuppressionGroup>();

        foreach (var period in periods)
        {
            foreach (var unit in units)
            {
                if (categories.Count == 0)
                {
                    values[KeyOf(period, unit, "")] = byLabel.GetValueOrDefault((period, unit, ""));
                    continue;
                }
                foreach (var category in categories) values[KeyOf(period, unit, category)] = byLabel.GetValueOrDefault((period, unit, category));
                values[KeyOf(period, unit, "")] = categories.Sum(c => values[KeyOf(period, unit, c)]);
                groups.Add(new SuppressionGroup(categories.Select(c => KeyOf(period, unit, c)).ToList(), KeyOf(period, unit, "")));
            }
            if (q.Level == AggregateLevel.Total) continue;

            // The row over all units, and the columns whose members are the units' cells.
            foreach (var category in categories.Append(""))
            {
                values[KeyOf(period, "", category)] = units.Sum(u => values[KeyOf(period, u, category)]);
                if (units.Count > 0) groups.Add(new SuppressionGroup(units.Select(u => KeyOf(period, u, category)).ToList(), KeyOf(period, "", category)));
            }
            if (categories.Count > 0) groups.Add(new SuppressionGroup(categories.Select(c => KeyOf(period, "", c)).ToList(), KeyOf(period, "", "")));
        }

        var hidden = threshold is { } k ? Suppression.Apply(values, groups, k) : [];
        var cells = values.Select(kv =>
        {
            var parts = kv.Key.Split('|');
            var suppressed = hidden.Contains(kv.Key);
            return new AggregateCell(parts[0], parts[1], parts[2], suppressed ? 0 : kv.Value, suppressed);
        }).OrderBy(c => c.Period, StringComparer.Ordinal).ThenBy(c => c.UnitId.Length == 0 ? 1 : 0).ThenBy(c => c.UnitId, StringComparer.Ordinal)
          .ThenBy(c => c.CategoryKey.Length == 0 ? 1 : 0).ThenBy(c => c.CategoryKey, StringComparer.Ordinal).ToList();

        var trend = new List<TrendPoint>();
        TrendPoint? previous = null;
        foreach (var period in periods)
        {
            var key = KeyOf(period, "", "");
            var suppressed = hidden.Contains(key);
            var total = suppressed ? 0 : values.GetValueOrDefault(key);
            double? change = previous is { Suppressed: false, Total: > 0 } && !suppressed
                ? Math.Round(100.0 * (total - previous.Total) / previous.Total, 1)
                : null;
            previous = new TrendPoint(period, total, suppressed, change);
            trend.Add(previous);
        }
        return new AggregateTable(cells, trend, threshold ?? 0, threshold is null);
    }
}
