using GenderArchitecture.Reporting.Data;
using GenderArchitecture.Reporting.Domain;
using GenderArchitecture.ServiceDefaults.Disclosure;
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

    /// <summary>Station rows or a set of stations: finer than the publication grid, so never in the protected view.</summary>
    public bool IsStationDetail => Level == AggregateLevel.Station || Filter.StationIds is not null;
}

public sealed record AggregateCell(string Period, string UnitId, string CategoryKey, PublishedCount Count, Coverage Coverage)
{
    public int Reports => Coverage.Reports;

    public string Key => Aggregates.KeyOf(Period, UnitId, CategoryKey);
}

public sealed record TrendPoint(string Period, PublishedCount Count, Coverage Coverage, double? ChangePercent)
{
    public int Reports => Coverage.Reports;
}

public sealed record AggregateTable(IReadOnlyList<AggregateCell> Cells, IReadOnlyList<TrendPoint> Trend);

/// <summary>A sum over base cells: true and protected values, contributing reports, and base cells withheld.</summary>
public sealed record SummedRow(DateOnly PeriodStart, string UnitId, string CategoryKey, long Value, long Protected, int Reports, int Withheld);

/// <summary>
/// Aggregates of approved values, read from the summary tables kept up to date on approval: national, institution
/// and region figures from the base cells in <c>approved_totals</c>, station figures and arbitrary subtrees (exact
/// view only) from <c>approved_cells</c>. Every figure of the protected view is a sum of protected base values, so
/// the same base cell counts the same in every answer (JSON, CSV, dashboard, any grouping or window).
/// </summary>
public static class Aggregates
{
    public static string KeyOf(string period, string unit, string category) => $"{period}|{unit}|{category}";

    /// <summary>The keys a query reads: the breakdown's cells and the element total.</summary>
    public static IReadOnlyList<string> KeysOf(AggregateQuery q) => q.IsDisaggregated ? [.. q.CategoryKeys, ""] : [""];

    public static async Task<IReadOnlyList<SummedRow>> SumAsync(ReportingDbContext db, AggregateQuery q, CancellationToken cancellationToken)
    {
        var keys = KeysOf(q).ToList();
        if (q.IsStationDetail)
        {
            var cells = db.ApprovedCells.AsNoTracking().Where(c => c.FormId == q.FormId && c.ElementId == q.ElementId
                && c.PeriodStart >= q.From && c.PeriodStart <= q.To && keys.Contains(c.CategoryKey));
            if (q.Filter.StationIds is { } stations) cells = cells.Where(c => stations.Contains(c.StationId));
            if (q.Filter.InstitutionId is { } ci) cells = cells.Where(c => c.InstitutionId == ci);
            if (q.Filter.RegionId is { } cr) cells = cells.Where(c => c.RegionId == cr);
            return q.Level switch
            {
                AggregateLevel.Station => await cells.GroupBy(c => new { c.PeriodStart, c.StationId, c.CategoryKey })
                    .Select(g => new SummedRow(g.Key.PeriodStart, g.Key.StationId, g.Key.CategoryKey, g.Sum(c => c.Value), 0, g.Count(), 0)).ToListAsync(cancellationToken),
                AggregateLevel.Region => await cells.GroupBy(c => new { c.PeriodStart, c.RegionId, c.CategoryKey })
                    .Select(g => new SummedRow(g.Key.PeriodStart, g.Key.RegionId, g.Key.CategoryKey, g.Sum(c => c.Value), 0, g.Count(), 0)).ToListAsync(cancellationToken),
                AggregateLevel.Institution => await cells.GroupBy(c => new { c.PeriodStart, c.InstitutionId, c.CategoryKey })
                    .Select(g => new SummedRow(g.Key.PeriodStart, g.Key.InstitutionId, g.Key.CategoryKey, g.Sum(c => c.Value), 0, g.Count(), 0)).ToListAsync(cancellationToken),
                _ => await cells.GroupBy(c => new { c.PeriodStart, c.CategoryKey })
                    .Select(g => new SummedRow(g.Key.PeriodStart, "", g.Key.CategoryKey, g.Sum(c => c.Value), 0, g.Count(), 0)).ToListAsync(cancellationToken),
            };
        }

        var totals = db.ApprovedTotals.AsNoTracking().Where(t => t.FormId == q.FormId && t.ElementId == q.ElementId
            && t.PeriodStart >= q.From && t.PeriodStart <= q.To && keys.Contains(t.CategoryKey));
        if (q.Filter.InstitutionId is { } institution) totals = totals.Where(t => t.InstitutionId == institution);
        if (q.Filter.RegionId is { } region) totals = totals.Where(t => t.RegionId == region);
        return q.Level switch
        {
            AggregateLevel.Region => await totals.GroupBy(t => new { t.PeriodStart, t.RegionId, t.CategoryKey })
                .Select(g => new SummedRow(g.Key.PeriodStart, g.Key.RegionId, g.Key.CategoryKey, g.Sum(t => t.Value), g.Sum(t => t.ProtectedValue ?? 0),
                    g.Sum(t => t.Reports), g.Count(t => t.ProtectedValue == null))).ToListAsync(cancellationToken),
            AggregateLevel.Institution => await totals.GroupBy(t => new { t.PeriodStart, t.InstitutionId, t.CategoryKey })
                .Select(g => new SummedRow(g.Key.PeriodStart, g.Key.InstitutionId, g.Key.CategoryKey, g.Sum(t => t.Value), g.Sum(t => t.ProtectedValue ?? 0),
                    g.Sum(t => t.Reports), g.Count(t => t.ProtectedValue == null))).ToListAsync(cancellationToken),
            _ => await totals.GroupBy(t => new { t.PeriodStart, t.CategoryKey })
                .Select(g => new SummedRow(g.Key.PeriodStart, "", g.Key.CategoryKey, g.Sum(t => t.Value), g.Sum(t => t.ProtectedValue ?? 0),
                    g.Sum(t => t.Reports), g.Count(t => t.ProtectedValue == null))).ToListAsync(cancellationToken),
        };
    }

    /// <summary>
    /// Lays the sums out as a table per period: a row per unit and, above unit level, a row over all units; each cell
    /// exact (<paramref name="disclosure"/> null) or published from protected base values, with its coverage: the
    /// reports it includes of those <paramref name="expected"/> (every unit expected to report gets a row, with or
    /// without data).
    /// </summary>
    public static AggregateTable Build(AggregateQuery q, PeriodType periodType, IReadOnlyList<SummedRow> rows, DisclosureControl? disclosure,
        IReadOnlyCollection<ExpectedReport>? expected = null)
    {
        var keys = KeysOf(q);
        var periods = Period.Starts(periodType, q.From, q.To).Select(d => PeriodLabels.Label(q.Grouping, d)).Distinct().ToList();
        var byCell = rows.GroupBy(r => (PeriodLabels.Label(q.Grouping, r.PeriodStart), r.UnitId, r.CategoryKey))
            .ToDictionary(g => g.Key, g => g.Aggregate(Sum.Zero, (s, r) => s + new Sum(r.Value, r.Protected, r.Reports, r.Withheld)));
        expected ??= [];
        var expectedByRow = expected.GroupBy(e => (PeriodLabels.Label(q.Grouping, e.PeriodStart), q.Level == AggregateLevel.Total ? "" : e.RowUnitId))
            .ToDictionary(g => g.Key, g => g.Count());
        List<string> units = q.Level == AggregateLevel.Total ? [""]
            : rows.Select(r => r.UnitId).Concat(expected.Select(e => e.RowUnitId)).Distinct().Order(StringComparer.Ordinal).ToList();
        int Expected(string period, string unit) => expectedByRow.GetValueOrDefault((period, unit));

        var sums = new Dictionary<(string Period, string Unit, string Key), Sum>();
        foreach (var period in periods)
        {
            foreach (var unit in units)
            {
                foreach (var key in keys) sums[(period, unit, key)] = byCell.GetValueOrDefault((period, unit, key), Sum.Zero);
            }
            if (q.Level == AggregateLevel.Total) continue;
            foreach (var key in keys) sums[(period, "", key)] = units.Aggregate(Sum.Zero, (s, u) => s + sums[(period, u, key)]);
        }

        Coverage CoverageOf((string Period, string Unit, string Key) cell) => new(sums[cell].Reports,
            cell.Unit.Length == 0 && q.Level != AggregateLevel.Total ? units.Sum(u => Expected(cell.Period, u)) : Expected(cell.Period, cell.Unit));

        var cells = sums.Select(kv => new AggregateCell(kv.Key.Period, kv.Key.Unit, kv.Key.Key, Publish(kv.Value, disclosure), CoverageOf(kv.Key)))
            .OrderBy(c => c.Period, StringComparer.Ordinal).ThenBy(c => c.UnitId.Length == 0 ? 1 : 0).ThenBy(c => c.UnitId, StringComparer.Ordinal)
            .ThenBy(c => c.CategoryKey.Length == 0 ? 1 : 0).ThenBy(c => c.CategoryKey, StringComparer.Ordinal).ToList();

        // A change is computed only between two published, complete points: never from or to a protected, missing or
        // incomplete one (six of thirty reports against thirty is not a fall of 80 %).
        var trend = new List<TrendPoint>();
        TrendPoint? previous = null;
        foreach (var period in periods)
        {
            var count = Publish(sums[(period, "", "")], disclosure);
            var coverage = CoverageOf((period, "", ""));
            double? change = previous is { Coverage.State: CoverageState.Complete, Count.Value: long before } && before > 0
                && coverage.State == CoverageState.Complete && count.Value is long now
                ? Math.Round(100.0 * (now - before) / before, 1)
                : null;
            previous = new TrendPoint(period, count, coverage, change);
            trend.Add(previous);
        }
        return new AggregateTable(cells, trend);
    }

    private static PublishedCount Publish(Sum sum, DisclosureControl? disclosure) =>
        sum.Reports == 0 ? PublishedCount.NoData
        : disclosure is null ? DisclosureControl.Exact(sum.Value)
        : sum.Withheld > 0 ? new PublishedCount(null, Protection.Protected)
        : disclosure.Publish(sum.Protected);

    private readonly record struct Sum(long Value, long Protected, int Reports, int Withheld)
    {
        public static readonly Sum Zero = new(0, 0, 0, 0);
        public static Sum operator +(Sum a, Sum b) => new(a.Value + b.Value, a.Protected + b.Protected, a.Reports + b.Reports, a.Withheld + b.Withheld);
    }
}
