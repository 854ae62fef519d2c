namespace GenderArchitecture.Reporting.Domain;

/// <summary>
/// Flags a value far from the station's own history: median-based, so one unusual month in the history does not
/// hide the next. A warning on the report, never an error: real surges happen.
/// </summary>
public static class Outliers
{
    public const int MinimumHistory = 6;
    private const double Threshold = 3.5;

    public static string? Check(string elementName, long value, IReadOnlyList<long> history)
    {
        if (history.Count < MinimumHistory) return null;
        var median = Median(history.Select(h => (double)h));
        var mad = Median(history.Select(h => Math.Abs(h - median)));
        // A floor of one keeps a station that always reports the same figure from flagging every small change.
        var scale = Math.Max(1.4826 * mad, 1.0);
        var score = Math.Abs(value - median) / scale;
        if (score <= Threshold) return null;
        return $"{elementName}: {value} is far from this station's median of {median:0.#} over its last {history.Count} approved periods.";
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
