using System.Text;
using GenderArchitecture.Reporting.Domain;
using GenderArchitecture.Reporting.Statistics;
using GenderArchitecture.ServiceDefaults.Disclosure;
using GenderArchitecture.TestSupport;

namespace GenderArchitecture.Reporting.Tests;

/// <summary>
/// The base-cell grid and the joint protection of an element's linked breakdowns, without a database. The attacker
/// knows the add-up rule (total = each breakdown's sum) and the published method; the linking check computes, for
/// every small cell, the exact feasible interval left by one equality over boxes (what an LP over the group finds).
/// </summary>
public sealed class BaseCellProtectionTests
{
    private const int T = 5;
    private static readonly FormDefinition Form = new(
        [new DataElement("cases", "Cases", [["sex", "age"], ["relationship"]]), new DataElement("orders", "Orders")],
        [
            new Category("sex", "Sex", [new CategoryOption("female", "F"), new CategoryOption("male", "M")]),
            new Category("age", "Age", [new CategoryOption("child", "C"), new CategoryOption("adult", "A")]),
            new Category("relationship", "Relationship", [new CategoryOption("partner", "P"), new CategoryOption("family", "F"), new CategoryOption("other", "O")]),
        ]);
    private static readonly IReadOnlyList<string> SexAge = Form.CategoryKeys(["sex", "age"]);
    private static readonly IReadOnlyList<string> Relationship = Form.CategoryKeys(["relationship"]);

    private static BaseCellProtection Protection(string key = TestKeys.Disclosure) =>
        new(new DisclosureControl(new SmallCountRounding(Convert.FromBase64String(key), T)));

    [Fact]
    public void A_base_cell_is_rounded_to_a_multiple_of_T_plus_1_the_same_way_every_time_and_a_small_one_becomes_0_or_T_plus_1()
    {
        var protection = Protection();
        var element = Form.Element("orders")!;
        for (var count = 0; count <= 40; count++)
        {
            var values = new Dictionary<string, long> { [""] = count };
            var first = protection.Protect(Form, element, $"g{count}", values)[""]!.Value;
            Assert.Equal(first, protection.Protect(Form, element, $"g{count}", values)[""]);
            Assert.Equal(0, first % (T + 1));
            Assert.InRange(first - count, -T, T);
            if (count is >= 1 and <= T) Assert.Contains(first, new long[] { 0, T + 1 });
            if (count % (T + 1) == 0) Assert.Equal(count, first);
        }
    }

    [Fact]
    public void Rounding_small_cells_is_unbiased_over_many_cells()
    {
        var protection = Protection();
        var element = Form.Element("orders")!;
        var total = Enumerable.Range(0, 6000).Sum(i => protection.Protect(Form, element, $"cell-{i}", new Dictionary<string, long> { [""] = 2 })[""]!.Value);
        // 6,000 cells of 2: expected 12,000; the standard deviation of the sum is about 6 * sqrt(6000 * 1/3 * 2/3) = 219.
        Assert.InRange(total, 12000 - 1000, 12000 + 1000);
    }

    [Fact]
    public void The_total_is_the_sum_of_the_first_breakdown_and_a_further_breakdown_adds_up_to_it_within_its_bound()
    {
        var protection = Protection();
        var element = Form.Element("cases")!;
        var random = new Random(7);
        var withheld = 0;
        for (var i = 0; i < 2000; i++)
        {
            var values = Group(random);
            var published = protection.Protect(Form, element, $"group-{i}", values);
            Assert.Equal(SexAge.Sum(k => published[k]), published[""]);
            if (Relationship.Any(k => published[k] is null))
            {
                Assert.All(Relationship, k => Assert.Null(published[k]));
                withheld++;
                continue;
            }
            Assert.Equal(published[""], Relationship.Sum(k => published[k]));
            Assert.All(Relationship, k => Assert.InRange(published[k]!.Value, Math.Max(0, values[k] - protection.LinkedMaxAdjustment), values[k] + protection.LinkedMaxAdjustment));
        }
        Assert.True(withheld < 20, $"{withheld} of 2000 groups withheld");
    }

    [Fact]
    public void The_link_between_breakdowns_cannot_narrow_a_small_cell_below_the_threshold()
    {
        var protection = Protection();
        var element = Form.Element("cases")!;
        var random = new Random(11);
        var small = 0;
        for (var i = 0; i < 3000; i++)
        {
            var values = Group(random);
            var published = protection.Protect(Form, element, $"group-{i}", values);
            if (Relationship.Any(k => published[k] is null)) continue;
            var first = SexAge.Select(k => RoundedBox(published[k]!.Value)).ToArray();
            var second = Relationship.Select(k => LinkedBox(published[k]!.Value, protection.LinkedMaxAdjustment)).ToArray();
            var firstTrue = SexAge.Select(k => values[k]).ToArray();
            var secondTrue = Relationship.Select(k => values[k]).ToArray();
            small += AssertNotNarrowed(first, second, firstTrue, $"group {i}, sex x age") + AssertNotNarrowed(second, first, secondTrue, $"group {i}, relationship");
        }
        Assert.True(small > 3000, $"only {small} small cells were checked");
    }

    [Fact]
    public void Independent_rounding_of_the_second_breakdown_would_let_the_link_narrow_a_small_cell()
    {
        // Why the second breakdown is rounded jointly: rounded on its own, the add-up rule pins a small cell.
        // Sex x age (20, 20, 20, x) with x published 0 -> [0, 5]; relationship (30, 27, y) with y in [1, 6].
        // x + 60 = y + 57 gives x = y - 3, so x is in [0, 3]: narrower than 5.
        // (The large cells are taken as known exactly: the link alone narrows x.)
        (long, long)[] first = [(20, 20), (20, 20), (20, 20), (0, T)];
        (long, long)[] second = [(30, 30), (27, 27), (1, T + 1)];
        var (lo, hi) = Feasible(first, second, 3);
        Assert.True(hi - lo < T, $"[{lo}, {hi}]");
    }

    [Fact]
    public void Approving_one_more_report_redraws_only_the_changed_cells()
    {
        var protection = Protection();
        var element = Form.Element("cases")!;
        var before = new Dictionary<string, long> { [""] = 9, [SexAge[0]] = 2, [SexAge[1]] = 3, [SexAge[2]] = 4, [SexAge[3]] = 0 };
        var after = new Dictionary<string, long>(before) { [""] = 10, [SexAge[1]] = 4 };
        var first = protection.Protect(Form, element, "g", before);
        var second = protection.Protect(Form, element, "g", after);
        Assert.Equal(first[SexAge[0]], second[SexAge[0]]);
        Assert.Equal(first[SexAge[2]], second[SexAge[2]]);
        Assert.Equal(first[SexAge[3]], second[SexAge[3]]);
        // Another key draws differently: the protected values are a secret function of the key.
        var other = Protection(Convert.ToBase64String(Encoding.UTF8.GetBytes("another-key-for-tests-only-0123456789-abcdef")));
        var differs = Enumerable.Range(0, 50).Any(i => other.Protect(Form, element, $"g{i}", before)[SexAge[1]] != protection.Protect(Form, element, $"g{i}", before)[SexAge[1]]);
        Assert.True(differs);
    }

    /// <summary>A group with many small counts: sex x age cells 0-8, relationship cells adding up to the same total.</summary>
    [Fact]
    public void A_rule_between_element_totals_holds_between_their_published_values_and_narrows_no_small_count()
    {
        var protection = Protection();
        var rules = new[] { new ValidationRule("orders-within-cases", "f", "Orders cannot exceed cases", ["orders"], "<=", ["cases"]) };
        Assert.Equal([("orders", "cases")], BaseCellProtection.OrderedTotals(Form, rules));
        var lowered = 0;
        for (var trial = 0; trial < 4000; trial++)
        {
            var group = $"f|orders|2025-{trial % 12 + 1:00}-01|r{trial}";
            long cases = trial % 7, orders = trial % (cases + 1);
            long casesPublished = protection.Disclosure.Adjust("reporting", $"f|cases|{trial}", cases);
            long ordersRounded = protection.Disclosure.Adjust("reporting", group, orders);
            var ordersPublished = protection.KeepOrder(orders, ordersRounded, casesPublished);
            if (ordersPublished != ordersRounded) lowered++;

            Assert.True(ordersPublished <= casesPublished || orders > T, $"orders {orders} published {ordersPublished} above cases published {casesPublished}");
            var (orderBox, caseBox) = (RoundedBox(ordersPublished), RoundedBox(casesPublished));
            Assert.InRange(orders, orderBox.Lo, orderBox.Hi);
            // What the rule adds: orders <= cases, so orders <= the cases box's top and cases >= the orders box's bottom.
            var ordersLeft = (orderBox.Lo, Math.Min(orderBox.Hi, caseBox.Hi));
            var casesLeft = (Math.Max(caseBox.Lo, orderBox.Lo), caseBox.Hi);
            if (orders is >= 1 and < T) Assert.True(ordersLeft.Item2 - ordersLeft.Item1 >= T, $"orders {orders} narrowed to {ordersLeft}");
            if (cases is >= 1 and < T) Assert.True(casesLeft.Item2 - casesLeft.Item1 >= T, $"cases {cases} narrowed to {casesLeft}");
        }
        Assert.True(lowered > 100, $"only {lowered} of 4000 pairs needed the rule kept: the test does not exercise it");
    }

    [Fact]
    public void Without_keeping_the_rule_a_rounded_up_count_beside_a_rounded_down_one_narrows_both_below_the_threshold()
    {
        // orders published 6 says [1, 6]; cases published 0 says [0, 5]; orders <= cases leaves both in [1, 5].
        var (orders, cases) = (RoundedBox(T + 1), RoundedBox(0));
        var width = Math.Min(orders.Hi, cases.Hi) - Math.Max(orders.Lo, cases.Lo);
        Assert.True(width < T);
        Assert.Equal(0, Protection().KeepOrder(leftTrue: 3, leftProtected: T + 1, rightProtected: 0));
    }

    private static Dictionary<string, long> Group(Random random)
    {
        var values = SexAge.ToDictionary(k => k, _ => (long)random.Next(0, 9));
        var total = values.Values.Sum();
        var partner = random.NextInt64(0, total + 1);
        var family = random.NextInt64(0, total - partner + 1);
        values[Relationship[0]] = partner;
        values[Relationship[1]] = family;
        values[Relationship[2]] = total - partner - family;
        values[""] = total;
        return values;
    }

    /// <summary>What a published small-count-rounded value says about the true count.</summary>
    private static (long Lo, long Hi) RoundedBox(long published) => (Math.Max(0, published - T), published + T);

    private static (long Lo, long Hi) LinkedBox(long published, int bound) => (Math.Max(0, published - bound), published + bound);

    /// <summary>Checks every small true cell of <paramref name="own"/>; returns how many it checked.</summary>
    private static int AssertNotNarrowed((long Lo, long Hi)[] own, (long Lo, long Hi)[] other, long[] truth, string what)
    {
        var checkedCells = 0;
        for (var k = 0; k < own.Length; k++)
        {
            Assert.InRange(truth[k], own[k].Lo, own[k].Hi);
            if (truth[k] is < 1 or > T) continue;
            var (lo, hi) = Feasible(own, other, k);
            Assert.True(hi - lo >= T, $"{what}: cell {k} (true {truth[k]}) narrowed to [{lo}, {hi}]");
            Assert.InRange(truth[k], lo, hi);
            checkedCells++;
        }
        return checkedCells;
    }

    /// <summary>The feasible interval of own[k] given sum(own) = sum(other) and every cell in its box (exact for one equality).</summary>
    private static (long Lo, long Hi) Feasible((long Lo, long Hi)[] own, (long Lo, long Hi)[] other, int k)
    {
        long otherLo = other.Sum(b => b.Lo), otherHi = other.Sum(b => b.Hi);
        long restLo = own.Where((_, i) => i != k).Sum(b => b.Lo), restHi = own.Where((_, i) => i != k).Sum(b => b.Hi);
        return (Math.Max(own[k].Lo, otherLo - restHi), Math.Min(own[k].Hi, otherHi - restLo));
    }
}
