using GenderArchitecture.Disclosure.Tests.Analysis;
using GenderArchitecture.Disclosure.Tests.Collection;
using GenderArchitecture.Disclosure.Tests.DataSets;
using GenderArchitecture.Disclosure.Tests.Model;
using Xunit.Abstractions;

namespace GenderArchitecture.Disclosure.Tests.Harness;

/// <summary>
/// The whole attack (model, exact, LP, averaging) on publications made up in memory, to show the harness both
/// ways: it recovers small counts from a publication that leaks them (per-answer suppression, like today's), and
/// finds nothing in one that is protected (only quarter and year sums of region-month base cells, each with a
/// consistent adjustment of at most 2, totals the sums of their categories).
/// </summary>
public sealed class SyntheticPublicationTests(ITestOutputHelper output)
{
    private static readonly Station[] Stations =
        new[] { "a1", "a2", "a3", "b1", "b2", "b3" }.Select(id => new Station(id, "region-" + id[0], "inst")).ToArray();

    private static readonly ElementSpec[] Elements = [SmallCountDataSet.Elements[0]]; // trafficking victims by sex and age

    private static GroundTruth Truth()
    {
        var truth = new GroundTruth(Stations, Elements, threshold: 5);
        var random = new Random(3);
        foreach (var s in Stations)
        {
            for (var month = 1; month <= 12; month++)
            {
                var values = SmallCountDataSet.Generate(random).Where(kv => kv.Key.Element == SmallCountDataSet.Thb).ToDictionary();
                truth.Approve(s.Id, month, values, reading: 0);
            }
        }
        return truth;
    }

    private static long Sum(GroundTruth truth, string key, IEnumerable<string> stations, IEnumerable<int> months) =>
        stations.SelectMany(s => months.Select(m => truth.Cells[new CellRef(s, m, SmallCountDataSet.Thb, key, 0)])).Sum();

    private static PublishedCell Cell(string key, IReadOnlyList<string> stations, IReadOnlyList<int> months, decimal? value) =>
        new("synthetic", new Scope(SmallCountDataSet.Thb, key, stations, months), value, 0, CalendarAligned: true);

    [Fact]
    public void Per_answer_suppression_is_unpicked_by_the_harness()
    {
        var truth = Truth();
        var published = new List<PublishedCell>();
        foreach (var key in Elements[0].AllKeys)
        {
            for (var month = 1; month <= 12; month++)
            {
                foreach (var s in Stations)
                {
                    var v = Sum(truth, key, [s.Id], [month]);
                    published.Add(Cell(key, [s.Id], [month], v is >= 1 and <= 4 ? null : v));
                }
                foreach (var region in Stations.GroupBy(s => s.Region))
                {
                    var ids = region.Select(s => s.Id).ToList();
                    var v = Sum(truth, key, ids, [month]);
                    published.Add(Cell(key, ids, [month], v is >= 1 and <= 4 ? null : v));
                }
            }
        }
        var findings = new IntruderFindings("synthetic leak", truth, published, AdjustmentDeclaration.None, new CollectionStats(0, 0, 0, TimeSpan.Zero));

        var recoveries = Report.Exact(output, findings);
        Report.Averaging(output, findings);

        Assert.Equal(0, Report.Unexplained(output, findings));
        Assert.True(recoveries > 20, $"the harness recovered only {recoveries} small counts from a publication that leaks them");
        Assert.True(findings.Averaging.HitRate > findings.Averaging.ModeShare);
    }

    [Fact]
    public void Consistent_bounded_adjustments_on_a_coarse_grid_leave_nothing_to_recover()
    {
        var truth = Truth();
        const int bound = 2;
        // One adjustment per region x month x key base cell, the same in every sum that contains it.
        var adjustment = new Dictionary<(string Region, int Month, string Key), long>();
        var random = new Random(5);
        foreach (var region in Stations.Select(s => s.Region).Distinct())
        {
            for (var month = 1; month <= 12; month++)
            {
                foreach (var key in Elements[0].AllKeys) adjustment[(region, month, key)] = random.Next(-bound, bound + 1);
            }
        }
        var published = new List<PublishedCell>();
        var groups = Stations.GroupBy(s => s.Region).Select(g => g.ToList()).Append(Stations.ToList());
        var periods = Enumerable.Range(0, 4).Select(q => Enumerable.Range(q * 3 + 1, 3).ToList()).Append(Enumerable.Range(1, 12).ToList());
        foreach (var key in Elements[0].AllKeys)
        {
            foreach (var group in groups)
            {
                foreach (var months in periods)
                {
                    var ids = group.Select(s => s.Id).ToList();
                    // As in the design, a total is the sum of its categories' published base cells.
                    string[] keys = key.Length == 0 ? [.. SmallCountDataSet.SexAge] : [key];
                    var noise = group.Select(s => s.Region).Distinct().SelectMany(r => months.SelectMany(m => keys.Select(k => adjustment[(r, m, k)]))).Sum();
                    published.Add(Cell(key, ids, months, Sum(truth, key, ids, months) + noise));
                }
            }
        }
        var declaration = new AdjustmentDeclaration(bound, "region x month x element x category", 5);
        var findings = new IntruderFindings("synthetic protected", truth, published, declaration, new CollectionStats(0, 0, 0, TimeSpan.Zero));

        Assert.Equal(0, Report.Unexplained(output, findings));
        Assert.Equal(0, Report.Exact(output, findings));
        Assert.Equal(0, Report.Determined(output, findings));
        Assert.Equal(0, Report.Narrow(output, findings));
        var averaging = Report.Averaging(output, findings);
        Assert.True(averaging.HitRate <= averaging.ModeShare);
    }
}
