using BenchmarkDotNet.Attributes;
using GenderArchitecture.Reporting.Data;
using GenderArchitecture.Reporting.Domain;
using GenderArchitecture.Reporting.Statistics;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Benchmarks;

/// <summary>
/// The national yearly aggregate of domestic violence cases by victim sex and age group, three ways, on the same
/// data in the same run: from the totals summary (what the service reads), from the per-station summary cells,
/// and by a naive GROUP BY over the raw report values joined to their reports.
/// </summary>
[MemoryDiagnoser]
public class NationalAggregateBenchmarks
{
    private static readonly DateOnly From = new(2025, 1, 1);
    private static readonly DateOnly To = new(2025, 12, 1);
    private ReportingDbContext _db = null!;
    private AggregateQuery _query = null!;
    private PeriodType _periodType;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await NationalDatabase.EnsureAsync();
        _db = NationalDatabase.Open();
        var form = await _db.Forms.AsNoTracking().SingleAsync(f => f.Id == "station-monthly");
        var element = form.Definition.Element("dv-cases-reported")!;
        var keys = form.Definition.CategoryKeys(form.Definition.FindDisaggregation(element, "sex,age")!);
        _periodType = form.PeriodType;
        _query = new AggregateQuery(form.Id, element.Id, keys, From, To, Grouping.Year, AggregateLevel.Total, UnitFilter.National);

        // The three must agree, or the comparison means nothing.
        var summary = Totals(await SummaryTotals());
        var cells = Totals(await SummaryCells());
        var naive = await NaiveGroupBy();
        if (!summary.SequenceEqual(cells) || !summary.SequenceEqual(naive.OrderBy(kv => kv.Key, StringComparer.Ordinal)))
        {
            throw new InvalidOperationException("The summary tables and the raw values disagree.");
        }
        Console.WriteLine($"National 2025 by sex and age: {string.Join(", ", summary.Select(kv => $"{kv.Key}={kv.Value}"))}");
    }

    [GlobalCleanup]
    public void Cleanup() => _db.Dispose();

    [Benchmark(Baseline = true, Description = "naive GROUP BY over raw values")]
    public async Task<Dictionary<string, long>> NaiveGroupBy()
    {
        var keys = _query.CategoryKeys.ToList();
        return await (from v in _db.Values.AsNoTracking()
                      join r in _db.Reports.AsNoTracking() on v.ReportId equals r.Id
                      where r.FormId == _query.FormId && r.State == ReportState.Approved && r.PeriodStart >= From && r.PeriodStart <= To
                            && v.ElementId == _query.ElementId && v.State == ValueState.Number && keys.Contains(v.CategoryKey)
                      group v by v.CategoryKey into g
                      select new { g.Key, Sum = g.Sum(x => x.Number ?? 0) })
            .ToDictionaryAsync(x => x.Key, x => x.Sum);
    }

    [Benchmark(Description = "summary: approved_totals (service path)")]
    public async Task<AggregateTable> SummaryTotals() =>
        Aggregates.Build(_query, _periodType, await Aggregates.SumAsync(_db, _query, CancellationToken.None), disclosure: null);

    [Benchmark(Description = "summary: approved_cells per station")]
    public async Task<AggregateTable> SummaryCells()
    {
        var stationLevel = _query with { Filter = new UnitFilter(InstitutionId: null, RegionId: null, StationIds: null), Level = AggregateLevel.Total };
        var rows = await _db.ApprovedCells.AsNoTracking()
            .Where(c => c.FormId == stationLevel.FormId && c.ElementId == stationLevel.ElementId && c.PeriodStart >= From && c.PeriodStart <= To
                && (stationLevel.CategoryKeys.Contains(c.CategoryKey) || c.CategoryKey == ""))
            .GroupBy(c => new { c.PeriodStart, c.CategoryKey })
            .Select(g => new SummedRow(g.Key.PeriodStart, "", g.Key.CategoryKey, g.Sum(c => c.Value), 0, g.Count(), 0))
            .ToListAsync();
        return Aggregates.Build(stationLevel, _periodType, rows, disclosure: null);
    }

    private static IEnumerable<KeyValuePair<string, long>> Totals(AggregateTable table) =>
        table.Cells.Where(c => c.CategoryKey.Length > 0).OrderBy(c => c.CategoryKey, StringComparer.Ordinal)
            .Select(c => new KeyValuePair<string, long>(c.CategoryKey, c.Count.Value ?? 0));
}
