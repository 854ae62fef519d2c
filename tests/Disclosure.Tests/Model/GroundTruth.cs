namespace GenderArchitecture.Disclosure.Tests.Model;

/// <summary>
/// What the test knows and the intruder does not: every station-month's true counts in each of its states, and
/// which state each reading saw. A station-month without an approved report at a reading counts as a known zero.
/// </summary>
public sealed class GroundTruth(IReadOnlyList<Station> stations, IReadOnlyList<ElementSpec> elements, int threshold)
{
    private readonly Dictionary<(string Station, int Month), List<(int FromReading, int State)>> _history = new();

    public IReadOnlyList<Station> Stations { get; } = stations;
    public IReadOnlyList<ElementSpec> Elements { get; } = elements;
    /// <summary>The form's inequality rules between the elements of the data set.</summary>
    public IReadOnlyList<InequalityRule> Inequalities { get; init; } = [];
    public int Threshold { get; } = threshold;
    public Dictionary<CellRef, long> Cells { get; } = new();
    public int Readings { get; private set; } = 1;

    public bool IsProtected(long value) => value >= 1 && value < Threshold;

    /// <summary>Records the station-month's values as approved from <paramref name="reading"/> on; returns the new state.</summary>
    public int Approve(string station, int month, IReadOnlyDictionary<(string Element, string Key), long> values, int reading)
    {
        var history = _history.TryGetValue((station, month), out var h) ? h : _history[(station, month)] = [];
        var state = history.Count;
        history.Add((reading, state));
        foreach (var ((element, key), value) in values)
        {
            if (Elements.Any(e => e.Element == element)) Cells[new CellRef(station, month, element, key, state)] = value;
        }
        Readings = Math.Max(Readings, reading + 1);
        return state;
    }

    /// <summary>The state of the station-month a reading saw, or null when it had no approved report then.</summary>
    public int? StateAt(int reading, string station, int month)
    {
        if (!_history.TryGetValue((station, month), out var history)) return null;
        int? state = null;
        foreach (var (from, s) in history) if (from <= reading) state = s;
        return state;
    }

    public IEnumerable<(string Station, int Month, int State)> StationMonthStates() =>
        _history.SelectMany(kv => kv.Value.Select(h => (kv.Key.Station, kv.Key.Month, h.State)));

    public ElementSpec Element(string id) => Elements.Single(e => e.Element == id);
}
