using System.Globalization;

namespace GenderArchitecture.ServiceDefaults.Errors;

/// <summary>
/// The calendar the suite accepts, written once for the gateway and every service. Dates far outside it are always a
/// caller's mistake, and near the ends of <see cref="DateOnly"/> the period arithmetic (quarters, months before and
/// after) would overflow into a server error; refusing them up front keeps every such request a 400.
/// </summary>
public static class SuiteDates
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);
    public static readonly DateOnly Latest = new(2199, 12, 31);

    /// <summary>The longest range a query may ask for; the services narrow it further where a range costs more.</summary>
    public const int MaxSpanYears = 100;

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string RangeDescription => $"must be a date between {Iso(Earliest)} and {Iso(Latest)}";

    public static bool InRange(DateOnly date) => date >= Earliest && date <= Latest;

    /// <summary>Parses yyyy-MM-dd within the suite's calendar; <paramref name="problem"/> says what is wrong otherwise.</summary>
    public static bool TryParse(string value, out DateOnly date, out string? problem)
    {
        problem = null;
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            problem = "must be a date in the form yyyy-MM-dd";
            return false;
        }
        if (InRange(date)) return true;
        problem = RangeDescription;
        return false;
    }

    /// <summary>Parses a date or an ISO 8601 date and time (audit filters) within the suite's calendar.</summary>
    public static bool TryParseDateOrTime(string value, out DateOnly date, out string? problem)
    {
        if (TryParse(value, out date, out problem)) return true;
        if (problem != "must be a date in the form yyyy-MM-dd") return false;
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time))
        {
            date = DateOnly.FromDateTime(time.UtcDateTime);
            problem = InRange(date) ? null : RangeDescription;
            return problem is null;
        }
        problem = "must be a date (yyyy-MM-dd) or an ISO 8601 date and time";
        return false;
    }

    /// <summary>Why <paramref name="from"/>..<paramref name="to"/> is not a usable range, or null.</summary>
    public static string? RangeProblem(DateOnly from, DateOnly to, string fromName)
    {
        if (to < from) return $"must not be before {fromName}";
        if (to > from.AddYears(MaxSpanYears)) return $"the range from {fromName} may span at most {MaxSpanYears} years";
        return null;
    }
}
