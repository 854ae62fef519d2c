namespace GenderArchitecture.ServiceDefaults.Disclosure;

/// <summary>How a published count relates to the true count (the wire's genderarchitecture.disclosure.v1.Protection).</summary>
public enum Protection { Exact = 1, Adjusted = 2, Protected = 3, NoData = 4 }

/// <summary>A published count: a value, or none and the reason (never a 0 that stands for "hidden" or "missing").</summary>
public readonly record struct PublishedCount(long? Value, Protection Protection)
{
    public static readonly PublishedCount NoData = new(null, Protection.NoData);
}

/// <summary>
/// The suite's one disclosure-control rule, used by every service that publishes statistics: readers who may see
/// exact figures get them; everyone else gets sums of protected base cells, and a sum below the threshold is not
/// published at all. A service adjusts each base cell of its publication grid with <see cref="Adjust"/> and sums
/// those adjusted counts for every figure it publishes; it never publishes a sum of true counts to such a reader.
/// </summary>
public sealed class DisclosureControl(SmallCountRounding rounding)
{
    public int Threshold => rounding.Threshold;
    public int RoundingBase => rounding.RoundingBase;
    public int MaxAdjustment => rounding.MaxAdjustment;

    /// <summary>A base cell's protected count. <paramref name="dataset"/> and <paramref name="cell"/> name it stably.</summary>
    public long Adjust(string dataset, string cell, long trueCount) => rounding.Adjust(dataset + "\u001e" + cell, trueCount);

    /// <summary>An exact figure (for analysts and administrators).</summary>
    public static PublishedCount Exact(long? trueCount) => trueCount is { } v ? new(v, Protection.Exact) : PublishedCount.NoData;

    /// <summary>A figure made of adjusted base cells; <paramref name="hasData"/> is false when no report/record contributes.</summary>
    public PublishedCount Publish(long adjustedSum, bool hasData = true) =>
        !hasData ? PublishedCount.NoData
        : adjustedSum < rounding.Threshold ? new(null, Protection.Protected)
        : new(adjustedSum, Protection.Adjusted);

    /// <summary>For the answer's metadata: what the figures mean. <paramref name="grain"/> names the base cells.</summary>
    public MethodDescription Describe(string grain) => new("small_count_rounding", Threshold, RoundingBase, MaxAdjustment, grain,
        $"Figures are sums of base cells ({grain}). Each base cell's count is rounded to a multiple of {RoundingBase} at random " +
        $"(unbiased, the same way every time; a count from 1 to {Threshold} becomes 0 or {RoundingBase}); figures below {Threshold} are not published.");

    public static MethodDescription DescribeExact() => new("exact", 0, 0, 0, "", "Exact figures; every such read is recorded in the audit.");
}

public sealed record MethodDescription(string Method, int Threshold, int RoundingBase, int MaxAdjustment, string BaseCellGrain, string Explanation);
