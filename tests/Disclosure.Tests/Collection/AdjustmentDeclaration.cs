using System.Text.Json;

namespace GenderArchitecture.Disclosure.Tests.Collection;

/// <summary>
/// The adjustment an answer says it applied, read tolerantly from anywhere in the response: a number under a name
/// such as maxAdjustment / maximumAdjustment / adjustmentBound / maxNoise (maximum adjustment per base cell), a rounding base under a name such as roundingBase (an
/// adjustment of at most base - 1), a text under a name containing "grain" (the base-cell grain: station, region,
/// institution), and a positive "threshold" / "suppressionThreshold". No declaration means the figures claim to be
/// exact sums. <see cref="RoundingBase"/> is the declared rounding base of small-count rounding (a base cell is
/// published as 0, as the base, or exactly); <see cref="PerBreakdown"/> the largest adjustment the answers of each
/// breakdown ("" for element totals) declared, since a design may adjust a linked breakdown more than the first.
/// </summary>
public sealed record AdjustmentDeclaration(decimal MaxAdjustment, string? Grain, int? Threshold)
{
    public static readonly AdjustmentDeclaration None = new(0, null, null);

    public bool Adjusts => MaxAdjustment > 0;

    public int? RoundingBase { get; init; }

    public IReadOnlyDictionary<string, decimal> PerBreakdown { get; init; } = new Dictionary<string, decimal>();

    /// <summary>The declared bound for the cells of one breakdown (the overall bound when its answers declared none).</summary>
    public decimal BoundFor(string breakdown) => PerBreakdown.TryGetValue(breakdown, out var bound) && bound > 0 ? bound : MaxAdjustment;

    /// <summary>This declaration, as made by an answer about <paramref name="breakdown"/>.</summary>
    public AdjustmentDeclaration For(string breakdown) => this with { PerBreakdown = new Dictionary<string, decimal> { [breakdown] = MaxAdjustment } };

    /// <summary>The unit level base cells are summed at; region when an adjustment names none.</summary>
    public string BaseGrain => Grain?.ToLowerInvariant() switch
    {
        { } g when g.Contains("station", StringComparison.Ordinal) => "station",
        { } g when g.Contains("region", StringComparison.Ordinal) => "region",
        { } g when g.Contains("institution", StringComparison.Ordinal) => "institution",
        _ => "region",
    };

    public static AdjustmentDeclaration Read(JsonElement root)
    {
        decimal adjust = 0;
        string? grain = null;
        int? threshold = null;
        int? roundingBase = null;
        void Walk(JsonElement e, int depth)
        {
            if (depth > 6) return;
            if (e.ValueKind == JsonValueKind.Array)
            {
                // Cells may each carry the metadata; the first few are enough.
                foreach (var item in e.EnumerateArray().Take(3)) Walk(item, depth + 1);
                return;
            }
            if (e.ValueKind != JsonValueKind.Object) return;
            foreach (var p in e.EnumerateObject())
            {
                var name = p.Name.ToLowerInvariant();
                if (p.Value.ValueKind == JsonValueKind.Number)
                {
                    var n = p.Value.GetDecimal();
                    if (IsBound(name)) adjust = Math.Max(adjust, n);
                    else if (name.Contains("rounding", StringComparison.Ordinal) && name.Contains("base", StringComparison.Ordinal) && n > 1)
                    {
                        adjust = Math.Max(adjust, n - 1);
                        roundingBase ??= (int)n;
                    }
                    else if (name.Contains("threshold", StringComparison.Ordinal) && n > 0) threshold ??= (int)n;
                }
                else if (p.Value.ValueKind == JsonValueKind.String && name.Contains("grain", StringComparison.Ordinal))
                {
                    grain ??= p.Value.GetString();
                }
                else if (p.Value.ValueKind == JsonValueKind.Object && name.Contains("grain", StringComparison.Ordinal))
                {
                    grain ??= p.Value.GetRawText();
                }
                else
                {
                    Walk(p.Value, depth + 1);
                }
            }
        }
        Walk(root, 0);
        return new AdjustmentDeclaration(adjust, grain, threshold) { RoundingBase = roundingBase };
    }

    /// <summary>maxAdjustment, maximumAdjustment, adjustmentBound, maxNoise, perturbationLimit...; not a count of adjusted cells.</summary>
    private static bool IsBound(string name) =>
        (name.Contains("adjust", StringComparison.Ordinal) || name.Contains("noise", StringComparison.Ordinal) || name.Contains("perturb", StringComparison.Ordinal))
        && (name.Contains("max", StringComparison.Ordinal) || name.Contains("bound", StringComparison.Ordinal) || name.Contains("limit", StringComparison.Ordinal));

    public static AdjustmentDeclaration Merge(IEnumerable<AdjustmentDeclaration> all)
    {
        var list = all.ToList();
        return new AdjustmentDeclaration(list.Select(d => d.MaxAdjustment).DefaultIfEmpty(0).Max(),
            list.Select(d => d.Grain).FirstOrDefault(g => g is not null),
            list.Select(d => d.Threshold).FirstOrDefault(t => t is not null))
        {
            RoundingBase = list.Select(d => d.RoundingBase).FirstOrDefault(b => b is not null),
            PerBreakdown = list.SelectMany(d => d.PerBreakdown).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Max(kv => kv.Value)),
        };
    }
}
