using GenderArchitecture.Disclosure.Tests.Analysis;
using GenderArchitecture.Disclosure.Tests.Collection;
using GenderArchitecture.Disclosure.Tests.DataSets;
using GenderArchitecture.Disclosure.Tests.Model;
using Xunit.Abstractions;

namespace GenderArchitecture.Disclosure.Tests.Harness;

/// <summary>
/// Small-count rounding against a rule between two elements (orders issued &lt;= orders requested), on publications
/// made up in memory with one station per region, so each published region-month cell is one station's count.
/// Rounded independently, an issued count published as 6 ([1, 11]) beside a requested count published as protected
/// (0, so [0, 5]) narrows both to [1, 5], width 4 &lt; 5; the harness must find that. Published so that the rule holds
/// between the published values (an issued count rounded up above the requested one is published rounded down),
/// no interval is narrower than the threshold.
/// </summary>
public sealed class InequalityRuleTests(ITestOutputHelper output)
{
    private const int Threshold = 5;
    private const int RoundingBase = Threshold + 1;
    private static readonly Station[] Stations = Enumerable.Range(1, 12).Select(i => new Station($"s{i}", $"region-{i}", "inst")).ToArray();
    private static readonly ElementSpec[] Elements = [new(SmallCountDataSet.OrdersRequested, []), new(SmallCountDataSet.OrdersIssued, [])];

    [Fact]
    public void Independent_rounding_of_two_elements_under_a_rule_is_narrowed_below_the_threshold_by_the_harness()
    {
        var findings = Attack(keepRuleBetweenPublishedValues: false);
        Assert.Equal(0, Report.Unexplained(output, findings));
        Assert.True(Report.Narrow(output, findings) > 0, "the harness found no interval narrowed by the rule");
    }

    [Fact]
    public void Rounding_that_keeps_the_rule_between_published_values_leaves_every_small_count_an_interval_at_least_the_threshold_wide()
    {
        var findings = Attack(keepRuleBetweenPublishedValues: true);
        Assert.Equal(0, Report.Unexplained(output, findings));
        Assert.Equal(0, Report.Exact(output, findings));
        Assert.Equal(0, Report.Narrow(output, findings));
    }

    private IntruderFindings Attack(bool keepRuleBetweenPublishedValues)
    {
        var truth = new GroundTruth(Stations, Elements, Threshold) { Inequalities = [new(SmallCountDataSet.OrdersIssued, SmallCountDataSet.OrdersRequested)] };
        var random = new Random(17);
        var published = new List<PublishedCell>();
        foreach (var s in Stations)
        {
            for (var month = 1; month <= 12; month++)
            {
                var values = SmallCountDataSet.Generate(random);
                var requested = values[(SmallCountDataSet.OrdersRequested, "")];
                var issued = values[(SmallCountDataSet.OrdersIssued, "")];
                truth.Approve(s.Id, month, new Dictionary<(string, string), long> { [(SmallCountDataSet.OrdersRequested, "")] = requested, [(SmallCountDataSet.OrdersIssued, "")] = issued }, 0);
                var (pubRequested, pubIssued) = (Round(random, requested), Round(random, issued));
                if (keepRuleBetweenPublishedValues && pubIssued > pubRequested && issued / RoundingBase * RoundingBase <= pubRequested) pubIssued = issued / RoundingBase * RoundingBase;
                published.Add(Cell(SmallCountDataSet.OrdersRequested, s.Id, month, pubRequested));
                published.Add(Cell(SmallCountDataSet.OrdersIssued, s.Id, month, pubIssued));
            }
        }
        var declaration = new AdjustmentDeclaration(Threshold, "region x month x element x category", Threshold) { RoundingBase = RoundingBase };
        return new IntruderFindings($"synthetic rule, {(keepRuleBetweenPublishedValues ? "kept" : "independent")}", truth, published, declaration,
            new CollectionStats(0, 0, 0, TimeSpan.Zero));
    }

    /// <summary>Random rounding to a multiple of the base, as the design does.</summary>
    private static long Round(Random random, long count)
    {
        var below = count / RoundingBase * RoundingBase;
        return random.NextDouble() * RoundingBase < count - below ? below + RoundingBase : below;
    }

    /// <summary>As the API answers: a published sum below the threshold has no value and is marked protected.</summary>
    private static PublishedCell Cell(string element, string station, int month, long value) =>
        new("synthetic", new Scope(element, "", [station], [month]), value < Threshold ? null : value, 0, CalendarAligned: true) { Protected = value < Threshold };
}
