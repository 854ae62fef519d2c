using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using GenderArchitecture.Disclosure.Tests.Model;

namespace GenderArchitecture.Disclosure.Tests.Collection;

/// <summary>
/// Asks every question of a plan as oversight would, through the gateway, and turns each answered cell into a
/// <see cref="PublishedCell"/> with the stations and months it sums. Reading is generic: a cell gives a number iff
/// its <c>value</c> is a JSON number (or the CSV's value column parses as one), and a cell without one marked
/// <c>protection: "protected"</c> says its published sum is below the threshold; every other field is ignored except
/// the adjustment a response declares (see <see cref="AdjustmentDeclaration"/>).
/// </summary>
public sealed class AnswerCollector(HttpClient oversight, GroundTruth truth, int reading)
{
    private readonly ConcurrentBag<PublishedCell> _cells = [];
    private int _answers;

    public AdjustmentDeclaration Declaration { get; private set; } = AdjustmentDeclaration.None;
    public int Answers => _answers;
    public IReadOnlyCollection<PublishedCell> Cells => _cells;

    /// <summary>Asks the questions (a few at a time); every <paramref name="csvEvery"/>-th is also read as CSV.</summary>
    public async Task CollectAsync(IReadOnlyList<AggregateQuestion> questions, int csvEvery)
    {
        var declarations = new ConcurrentBag<AdjustmentDeclaration>();
        await Parallel.ForEachAsync(questions.Select((q, i) => (q, i)), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (item, ct) =>
        {
            var (q, i) = item;
            var json = await GetAsync($"/api/v1/reporting/aggregates?{q.Query}", ct);
            if (json is null) return;
            var root = JsonDocument.Parse(json).RootElement;
            declarations.Add(AdjustmentDeclaration.Read(root).For(q.Disaggregation ?? ""));
            if (root.TryGetProperty("cells", out var cells))
            {
                foreach (var cell in cells.EnumerateArray())
                {
                    Add("json", q, Text(cell, "period"), Text(cell, "unitId"), Text(cell, "categoryKey"), Number(cell, "value"), IsProtected(cell));
                }
            }
            if (root.TryGetProperty("trend", out var trend))
            {
                foreach (var point in trend.EnumerateArray()) Add("trend", q, Text(point, "period"), "", "", Number(point, "value"), IsProtected(point));
            }
            if (csvEvery > 0 && i % csvEvery == 0 && await GetAsync($"/api/v1/reporting/aggregates.csv?{q.Query}", ct) is { } csv) ReadCsv(q, csv);
        });
        Declaration = AdjustmentDeclaration.Merge(declarations);
    }

    public async Task CollectDashboardsAsync(IReadOnlyList<DashboardQuestion> questions)
    {
        foreach (var d in questions)
        {
            var json = await GetAsync($"/api/v1/dashboards/{d.Unit}?from=2025-{d.From:00}-01&to={new DateOnly(2025, d.To, 1).AddMonths(1).AddDays(-1):yyyy-MM-dd}", default);
            if (json is null) continue;
            var root = JsonDocument.Parse(json).RootElement;
            if (!root.TryGetProperty("reporting", out var reporting) || !reporting.TryGetProperty("data", out var data)
                || data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("series", out var series)) continue;
            foreach (var s in series.EnumerateArray())
            {
                var element = Text(s, "elementId");
                if (truth.Elements.All(e => e.Element != element)) continue;
                var q = new AggregateQuestion(element, null, "total", d.Unit, d.From, d.To, "month");
                foreach (var point in s.GetProperty("points").EnumerateArray()) Add("dashboard", q, Text(point, "period"), "", "", Number(point, "value"), IsProtected(point));
            }
        }
    }

    private void ReadCsv(AggregateQuestion q, string csv)
    {
        // Lines starting with '#' explain the figures to a reader; the first other line is the header.
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith('#')).ToList();
        if (lines.Count == 0) return;
        var header = lines[0].Split(',').Select(h => h.Trim()).ToList();
        int Column(string name) => header.IndexOf(name);
        var (period, unit, category, value, protection) = (Column("period"), Column("unit_id"), Column("category"), Column("value"), Column("protection"));
        if (period < 0 || unit < 0 || category < 0 || value < 0) throw new InvalidOperationException("The CSV lacks a column the test reads: " + lines[0]);
        foreach (var line in lines.Skip(1))
        {
            // Our keys and ids hold no commas or quotes, so a plain split reads every field the test needs.
            var f = line.Split(',');
            if (f.Length <= Math.Max(Math.Max(period, unit), Math.Max(category, value))) continue;
            decimal? number = decimal.TryParse(f[value], NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;
            Interlocked.Increment(ref _csvCells);
            Add("csv", q, f[period], f[unit] == "all" ? "" : f[unit], f[category] == "total" ? "" : f[category], number,
                protection >= 0 && protection < f.Length && f[protection] == "protected");
        }
    }

    private void Add(string source, AggregateQuestion q, string period, string unit, string key, decimal? value, bool isProtected)
    {
        var months = Months(period).Where(m => m >= q.From && m <= q.To).ToList();
        if (months.Count == 0) return;
        var inFilter = truth.Stations.Where(s => q.Unit is null || s.Institution == q.Unit || s.Region == q.Unit || s.Id == q.Unit);
        var stations = (unit.Length == 0 ? inFilter : q.Level switch
        {
            "station" => inFilter.Where(s => s.Id == unit),
            "region" => inFilter.Where(s => s.Region == unit),
            "institution" => inFilter.Where(s => s.Institution == unit),
            _ => inFilter,
        }).Select(s => s.Id).ToList();
        var aligned = months.Count == Months(period).Count();
        _cells.Add(new PublishedCell(source, new Scope(q.Element, key, stations, months), value, reading, aligned) { Protected = value is null && isProtected });
    }

    /// <summary>2025-03, 2025-Q2 or 2025: the months of 2025 the label covers.</summary>
    private static IEnumerable<int> Months(string label)
    {
        if (!label.StartsWith("2025", StringComparison.Ordinal)) return [];
        if (label.Length == 4) return Enumerable.Range(1, 12);
        if (label[5] == 'Q') return Enumerable.Range((label[6] - '1') * 3 + 1, 3);
        return [int.Parse(label[5..7], CultureInfo.InvariantCulture)];
    }

    /// <summary>CSV rows read (a CSV the test could not read would silently weaken the attack).</summary>
    public int CsvCells => _csvCells;
    private int _csvCells;

    public int RateLimited => _rateLimited;
    private int _rateLimited;
    /// <summary>Questions the API refused (400, 403, 404): a design may stop answering some; they give no equation.</summary>
    public int Refused => _refused;
    private int _refused;

    private async Task<string?> GetAsync(string path, CancellationToken ct)
    {
        // A rate limit slows the intruder down; it does not stop a patient one, so wait as told and ask again.
        // A busy machine can make the gateway's deadline pass (504): ask again too.
        var response = await oversight.GetAsync(path, ct);
        for (var attempt = 0; ((int)response.StatusCode == 429 || (int)response.StatusCode >= 502) && attempt < 30; attempt++)
        {
            if ((int)response.StatusCode == 429) Interlocked.Increment(ref _rateLimited);
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait < TimeSpan.FromSeconds(10) ? wait : TimeSpan.FromSeconds(10), ct);
            response = await oversight.GetAsync(path, ct);
        }
        using var _ = response;
        var body = await response.Content.ReadAsStringAsync(ct);
        if ((int)response.StatusCode is 400 or 403 or 404)
        {
            Interlocked.Increment(ref _refused);
            return null;
        }
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {body}");
        Interlocked.Increment(ref _answers);
        return body;
    }

    private static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "";

    private static bool IsProtected(JsonElement e) => Text(e, "protection") == "protected";

    private static decimal? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDecimal() : null;
}
