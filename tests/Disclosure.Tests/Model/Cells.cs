namespace GenderArchitecture.Disclosure.Tests.Model;

/// <summary>
/// One unknown of the intruder: a station's count for one month, element and category key ("" is the element's
/// total), in one state of that station-month (0 = first approval; a later approval or correction of the same
/// station-month is a new unknown, so successive readings are modelled with the before and after cells).
/// </summary>
public readonly record struct CellRef(string Station, int Month, string Element, string Key, int State)
{
    public override string ToString() => $"{Station}/2025-{Month:00}/{Element}/{(Key.Length == 0 ? "total" : Key)}#{State}";
}

/// <summary>The part of the data a published number sums: stations x months of one element and category key.</summary>
public sealed record Scope(string Element, string Key, IReadOnlyList<string> Stations, IReadOnlyList<int> Months)
{
    public string Signature => $"{Element}|{Key}|{string.Join(',', Stations.Order(StringComparer.Ordinal))}|{string.Join(',', Months.Order())}";
}

/// <summary>
/// A number oversight read, with where it came from. <see cref="Value"/> is null when the answer gave no number
/// (suppressed, protected, no data): such a cell yields no equation but is still a published-grid cell whose true
/// value may be small. <see cref="Protected"/>: the answer said the published sum is below the threshold, which an
/// attacker uses as a constraint (0 &lt;= published sum &lt;= threshold - 1).
/// </summary>
public sealed record PublishedCell(string Source, Scope Scope, decimal? Value, int Reading, bool CalendarAligned)
{
    public bool Protected { get; init; }
}

/// <summary>Which element and disaggregations the collection covers, and their category keys.</summary>
public sealed record ElementSpec(string Element, IReadOnlyList<ElementSpec.Disaggregation> Disaggregations)
{
    public sealed record Disaggregation(string Name, IReadOnlyList<string> Keys);

    public IEnumerable<string> AllKeys => Disaggregations.SelectMany(d => d.Keys).Prepend("");
}

/// <summary>A station of the data set and the units above it.</summary>
public sealed record Station(string Id, string Region, string Institution);

/// <summary>
/// A validation rule between two elements' totals that every station-month satisfies (left &lt;= right, e.g. victims
/// referred &lt;= victims identified): the attacker reads it from the form's rules and uses it as a constraint.
/// </summary>
public sealed record InequalityRule(string Left, string Right);
