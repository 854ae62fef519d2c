using GenderArchitecture.Disclosure.Tests.Model;

namespace GenderArchitecture.Disclosure.Tests.DataSets;

/// <summary>
/// Data set A: deterministic station x month counts, most of them small. Each category cell is 0 with probability
/// ~0.4, 1..4 with ~0.45 and 5..9 otherwise, so at least 30% of the non-total cells are small counts (checked by
/// <see cref="SmallShare"/>). Totals follow from the categories, as the form's add-up rules require; the split by
/// the perpetrator's relationship is a random split of the same total.
/// </summary>
public static class SmallCountDataSet
{
    public const int Seed = 20251;
    public const string Thb = "thb-victims-identified";
    public const string Dv = "dv-cases-reported";
    public const string ThbReferred = "thb-victims-referred";
    public const string OrdersRequested = "protection-orders-requested";
    public const string OrdersIssued = "protection-orders-issued";

    public static readonly string[] SexAge =
        ["sex=female;age=child", "sex=female;age=adult", "sex=male;age=child", "sex=male;age=adult"];
    public static readonly string[] Relationship =
        ["relationship=intimate-partner", "relationship=other-family", "relationship=other"];

    public static readonly ElementSpec[] Elements =
    [
        new(Thb, [new ElementSpec.Disaggregation("sex,age", SexAge)]),
        new(Dv, [new ElementSpec.Disaggregation("sex,age", SexAge), new ElementSpec.Disaggregation("relationship", Relationship)]),
        new(ThbReferred, []),
        new(OrdersRequested, []),
        new(OrdersIssued, []),
    ];

    /// <summary>The form's rules between these elements (seeds/reporting/validation-rules.json).</summary>
    public static readonly InequalityRule[] Inequalities = [new(ThbReferred, Thb), new(OrdersIssued, OrdersRequested)];

    /// <summary>Values of one station-month: (element, category key) -> count, totals included.</summary>
    public static Dictionary<(string Element, string Key), long> Generate(Random random)
    {
        var values = new Dictionary<(string, string), long>();
        foreach (var key in SexAge) values[(Thb, key)] = Draw(random);
        values[(Thb, "")] = SexAge.Sum(k => values[(Thb, k)]);

        foreach (var key in SexAge) values[(Dv, key)] = Draw(random);
        var total = SexAge.Sum(k => values[(Dv, k)]);
        values[(Dv, "")] = total;
        var split = new long[Relationship.Length];
        for (var i = 0; i < total; i++) split[random.NextDouble() < 0.55 ? 0 : random.NextDouble() < 0.6 ? 1 : 2]++;
        for (var i = 0; i < Relationship.Length; i++) values[(Dv, Relationship[i])] = split[i];

        // Most identified victims are referred, and most requested orders issued: the pairs are often equal or close.
        values[(ThbReferred, "")] = Binomial(random, values[(Thb, "")], 0.8);
        values[(OrdersRequested, "")] = Draw(random);
        values[(OrdersIssued, "")] = Binomial(random, values[(OrdersRequested, "")], 0.7);
        return values;
    }

    /// <summary>A changed copy for the correction scenario: one small category cell up by one, totals kept adding up.</summary>
    public static Dictionary<(string Element, string Key), long> Corrected(Dictionary<(string Element, string Key), long> values)
    {
        var changed = new Dictionary<(string, string), long>(values);
        var key = SexAge.FirstOrDefault(k => values[(Thb, k)] is >= 1 and <= 3) ?? SexAge[0];
        changed[(Thb, key)]++;
        changed[(Thb, "")]++;
        changed[(Dv, SexAge[1])]++;
        changed[(Dv, "")]++;
        changed[(Dv, Relationship[1])]++;
        return changed;
    }

    public static double SmallShare(IEnumerable<KeyValuePair<CellRef, long>> cells)
    {
        var categories = cells.Where(c => c.Key.Key.Length > 0).ToList();
        return categories.Count == 0 ? 0 : (double)categories.Count(c => c.Value is >= 1 and <= 4) / categories.Count;
    }

    private static long Binomial(Random random, long trials, double p)
    {
        var successes = 0L;
        for (var i = 0; i < trials; i++) if (random.NextDouble() < p) successes++;
        return successes;
    }

    private static long Draw(Random random)
    {
        var u = random.NextDouble();
        if (u < 0.40) return 0;
        if (u < 0.85) return 1 + random.Next(0, 4);
        return 5 + random.Next(0, 5);
    }
}
