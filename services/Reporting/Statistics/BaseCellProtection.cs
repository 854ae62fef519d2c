using GenderArchitecture.Reporting.Domain;
using GenderArchitecture.ServiceDefaults.Disclosure;

namespace GenderArchitecture.Reporting.Statistics;

/// <summary>
/// The protected values of Reporting's base cells (form x element x category x form period x region; a reporting unit
/// without a region counts under its institution). Everything oversight reads is a sum of these values, so combining
/// answers, or reading again after an approval, only ever reveals protected base values
/// (docs/decisions/0001-disclosure-control.md).
/// <para>
/// An element's cells are linked by add-up rules the attacker knows (total = each breakdown's sum), so they are
/// protected together, per base group (one element in one region and period): the first breakdown's cells by
/// small-count rounding; the element total as the sum of those protected cells (it adds nothing to them); every
/// further breakdown by a keyed controlled rounding that keeps its sum equal to that published total and moves no
/// cell by more than <see cref="LinkedMaxAdjustment"/>. When that is impossible the further breakdown's cells of the
/// group are withheld (null), and every figure containing one is published as protected.
/// </para>
/// </summary>
public sealed class BaseCellProtection(DisclosureControl disclosure)
{
    private const string Dataset = "reporting";
    private const int OrderBits = 16;

    public int Threshold => disclosure.Threshold;

    /// <summary>
    /// The largest adjustment of a cell of a second or later breakdown. At least the threshold, so the link to the
    /// first breakdown cannot narrow a small cell of either below the threshold (checked in BaseCellProtectionTests).
    /// </summary>
    public int LinkedMaxAdjustment => 2 * disclosure.Threshold;

    public DisclosureControl Disclosure => disclosure;

    /// <summary>A base group's stable identity: never a reading date or a revision, so the same count gets the same draw.</summary>
    public static string GroupId(string formId, string elementId, DateOnly periodStart, string regionId) =>
        $"{formId}|{elementId}|{periodStart:yyyy-MM-dd}|{regionId}";

    /// <summary>
    /// Protects one base group. <paramref name="trueValues"/> holds the true sums of the cells that have data (a
    /// missing key counts 0); the answer holds a protected value for every key in <paramref name="trueValues"/>, null
    /// where a linked breakdown was withheld.
    /// </summary>
    public IReadOnlyDictionary<string, long?> Protect(FormDefinition form, DataElement element, string group, IReadOnlyDictionary<string, long> trueValues)
    {
        long TrueOf(string key) => trueValues.GetValueOrDefault(key);
        long Adjust(string key) => disclosure.Adjust(Dataset, group + "|" + key, TrueOf(key));
        var result = new Dictionary<string, long?>();
        var breakdowns = element.DisaggregationsOrEmpty.Select(form.CategoryKeys).ToList();
        var first = breakdowns.FirstOrDefault(keys => keys.Any(trueValues.ContainsKey));

        long total;
        if (first is null)
        {
            total = Adjust("");
        }
        else
        {
            foreach (var key in first) result[key] = Adjust(key);
            total = first.Sum(key => result[key]!.Value);
        }
        result[""] = total;

        foreach (var keys in breakdowns.Where(keys => !ReferenceEquals(keys, first)))
        {
            var linked = ControlledRounding(keys, TrueOf, Adjust, total, LinkedMaxAdjustment, key => OrderScore(group, key));
            foreach (var key in keys) result[key] = linked?[key];
        }
        return trueValues.Keys.ToDictionary(key => key, key => result.GetValueOrDefault(key));
    }

    /// <summary>
    /// Rounds a breakdown's cells as usual, then moves them one unit at a time, in a keyed order, until they add up to
    /// <paramref name="target"/>; no cell goes below 0 or further than <paramref name="maxAdjustment"/> from its true
    /// count. Null when that cannot be done.
    /// </summary>
    public static IReadOnlyDictionary<string, long>? ControlledRounding(IReadOnlyList<string> keys, Func<string, long> trueOf,
        Func<string, long> adjust, long target, int maxAdjustment, Func<string, int> orderScore)
    {
        var published = keys.ToDictionary(k => k, adjust);
        var order = keys.OrderBy(orderScore).ThenBy(k => k, StringComparer.Ordinal).ToList();
        var gap = target - published.Values.Sum();
        while (gap != 0)
        {
            var moved = false;
            foreach (var key in order)
            {
                if (gap == 0) break;
                var step = Math.Sign(gap);
                var next = published[key] + step;
                if (next < 0 || Math.Abs(next - trueOf(key)) > maxAdjustment) continue;
                published[key] = next;
                gap -= step;
                moved = true;
            }
            if (!moved) return null;
        }
        return published;
    }

    /// <summary>
    /// The form's rules that order two element totals (left &lt;= right, or left &lt; right, either way round), where
    /// the left element has no breakdown: every report keeps them, so every base cell does, and an attacker reads them.
    /// </summary>
    public static IReadOnlyList<(string Left, string Right)> OrderedTotals(FormDefinition form, IEnumerable<ValidationRule> rules)
    {
        var pairs = new List<(string, string)>();
        foreach (var rule in rules)
        {
            if (rule.LeftTerms is not [var a] || rule.RightTerms is not [var b] || a.Contains(" by ", StringComparison.Ordinal) || b.Contains(" by ", StringComparison.Ordinal)) continue;
            var (left, right) = rule.Operator switch { "<=" or "<" => (a, b), ">=" or ">" => (b, a), _ => ("", "") };
            if (form.Element(left) is { } element && element.DisaggregationsOrEmpty.Count == 0 && form.Element(right) is not null) pairs.Add((left, right));
        }
        return pairs;
    }

    /// <summary>
    /// The left total's protected value once the rule left &lt;= right is kept between published values. Rounded
    /// independently, a left count rounded up beside a right total rounded down below it would narrow both (issued 3
    /// published 6, so [1, 11]; requested 4 published 0, so [0, 5]; issued &lt;= requested leaves both in [1, 5], width
    /// 4). The left total is then published rounded down instead - a value its rounding can give, so what a published
    /// value says stays true - whenever that keeps it at or below the right one (Disclosure.Tests' InequalityRuleTests
    /// and intruder tests check the result).
    /// </summary>
    public long KeepOrder(long leftTrue, long leftProtected, long rightProtected)
    {
        if (leftProtected <= rightProtected) return leftProtected;
        var roundedDown = leftTrue / disclosure.RoundingBase * disclosure.RoundingBase;
        return roundedDown <= rightProtected ? roundedDown : leftProtected;
    }

    /// <summary>A keyed number per cell, so the order in which a linked breakdown absorbs the gap is not public.</summary>
    private int OrderScore(string group, string key)
    {
        // A count of half the rounding base rounds up with probability about 1/2: one fair-enough keyed bit per draw.
        var half = (disclosure.Threshold + 1) / 2;
        var score = 0;
        for (var bit = 0; bit < OrderBits; bit++)
        {
            if (disclosure.Adjust(Dataset, $"{group}|order|{key}|{bit}", half) > 0) score |= 1 << bit;
        }
        return score;
    }
}
