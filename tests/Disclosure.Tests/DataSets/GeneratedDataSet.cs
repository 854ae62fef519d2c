using GenderArchitecture.Disclosure.Tests.Model;

namespace GenderArchitecture.Disclosure.Tests.DataSets;

/// <summary>
/// Builds data set A through the API on a suite without demonstration data: three stations in each of three KP
/// regions, twelve months of 2025, one report left out (approved later, for the over-time reading) and one report
/// corrected later. Small enough for CI, big enough that every hierarchy (station, region, institution, month,
/// quarter, year, categories) has cells to difference.
/// </summary>
public sealed class GeneratedDataSet
{
    public static readonly string[] Regions = ["kp-region-gjakova", "kp-region-peja", "kp-region-prishtina"];
    public const int StationsPerRegion = 3;
    public const int Threshold = 5;

    private readonly IntruderSuite _suite;
    private readonly IReadOnlyList<(string Element, string Key)> _formCells;
    private readonly Dictionary<(string Station, int Month), string> _reportIds = new();
    private readonly Dictionary<(string Station, int Month), Dictionary<(string, string), long>> _values = new();

    private GeneratedDataSet(IntruderSuite suite, GroundTruth truth, IReadOnlyList<(string Element, string Key)> formCells)
    {
        _suite = suite;
        Truth = truth;
        _formCells = formCells;
    }

    public GroundTruth Truth { get; }
    /// <summary>The report approved only after the first reading.</summary>
    public (string Station, int Month) Late => (Truth.Stations[0].Id, 6);
    /// <summary>The report corrected after the second reading.</summary>
    public (string Station, int Month) Corrected => (Truth.Stations[4].Id, 3);

    public static async Task<GeneratedDataSet> BuildAsync(IntruderSuite suite)
    {
        var all = await suite.StationsAsync("kp");
        var stations = Regions.SelectMany(r => all.Where(s => s.Region == r).Take(StationsPerRegion)).ToList();
        var set = new GeneratedDataSet(suite, new GroundTruth(stations, SmallCountDataSet.Elements, Threshold) { Inequalities = SmallCountDataSet.Inequalities }, await ReportWriter.FormCellsAsync(suite));
        var random = new Random(SmallCountDataSet.Seed);
        foreach (var station in stations)
        {
            for (var month = 1; month <= 12; month++) set._values[(station.Id, month)] = SmallCountDataSet.Generate(random);
        }

        using var writer = new ReportWriter(suite, set._formCells);
        foreach (var station in stations) await writer.OpenLockExceptionAsync(station.Id);
        // Stations in parallel, each station's months in order (the Reporting service serialises writes anyway).
        await Parallel.ForEachAsync(stations, new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (station, _) =>
        {
            for (var month = 1; month <= 12; month++)
            {
                if ((station.Id, month) == set.Late) continue;
                var id = await writer.ApproveNewAsync(station.Id, month, set._values[(station.Id, month)]);
                lock (set._reportIds) set._reportIds[(station.Id, month)] = id;
            }
        });
        foreach (var ((station, month), values) in set._values.Where(kv => kv.Key != set.Late).OrderBy(kv => kv.Key))
        {
            set.Truth.Approve(station, month, values, reading: 0);
        }
        return set;
    }

    /// <summary>Approves the report left out; the figures change from <paramref name="reading"/> on.</summary>
    public async Task ApproveLateReportAsync(int reading)
    {
        using var writer = new ReportWriter(_suite, _formCells);
        var values = _values[Late];
        _reportIds[Late] = await writer.ApproveNewAsync(Late.Station, Late.Month, values);
        Truth.Approve(Late.Station, Late.Month, values, reading);
    }

    /// <summary>Corrects an approved report and approves the correction; the figures change from <paramref name="reading"/> on.</summary>
    public async Task CorrectReportAsync(int reading)
    {
        using var writer = new ReportWriter(_suite, _formCells);
        var values = SmallCountDataSet.Corrected(_values[Corrected]);
        await writer.CorrectAndApproveAsync(_reportIds[Corrected], Corrected.Station, values);
        Truth.Approve(Corrected.Station, Corrected.Month, values, reading);
    }
}
