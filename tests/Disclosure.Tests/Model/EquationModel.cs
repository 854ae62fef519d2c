using GenderArchitecture.Disclosure.Tests.Collection;
using GenderArchitecture.Disclosure.Tests.Solvers;

namespace GenderArchitecture.Disclosure.Tests.Model;

/// <summary>A published number as an equation: value = sum of the cells in its scope + the adjustments of its base cells.</summary>
public sealed record Equation(int[] Cells, int[] Noise, Rational Value, string Element, string Source);

/// <summary>A small true count the intruder must not pin down: one station cell, or a published-grid cell (a sum).</summary>
public sealed record ProtectedTarget(string Name, int[] Cells, long Truth, bool IsStationCell, string Element);

/// <summary>
/// The intruder's model of everything collected. Unknowns: one per station cell (per state, so successive readings
/// share the cells that did not change) and, when the answers declare an adjustment, one per base cell - grain unit
/// x month x element x category key, in the state of its station-months - bounded by the declared maximum and the
/// same in every answer containing it. Known constraints: the form's add-up rules (total = sum of each
/// disaggregation), which an attacker reads from the form definition.
/// </summary>
public sealed class EquationModel
{
    private readonly Dictionary<string, int> _noiseIndex = new();
    private readonly Dictionary<string, Equation> _signatures = new();
    private readonly Dictionary<(string Unit, int Month, int Reading), string> _baseStates = new();

    public EquationModel(GroundTruth truth, IEnumerable<PublishedCell> published, AdjustmentDeclaration declaration)
    {
        Truth = truth;
        Declaration = declaration;
        var all = published.ToList();
        var readings = all.Select(c => c.Reading).Distinct().ToList();
        // Only the states some reading saw are unknowns (a report approved later is not in an earlier reading).
        Cells = truth.Cells.Keys.Where(c => readings.Any(r => truth.StateAt(r, c.Station, c.Month) == c.State)).OrderBy(c => c.Element, StringComparer.Ordinal).ThenBy(c => c.Station, StringComparer.Ordinal)
            .ThenBy(c => c.Month).ThenBy(c => c.Key, StringComparer.Ordinal).ThenBy(c => c.State).ToList();
        Index = Cells.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        PublishedCount = all.Count;
        foreach (var cell in all.Where(c => c.Value is not null))
        {
            var cells = CellsOf(cell);
            var noise = declaration.Adjusts ? BaseCellsOf(cell) : [];
            if (cells.Length == 0 && noise.Length == 0) continue;
            var equation = new Equation(cells, noise, Rational.FromDecimal(cell.Value!.Value), cell.Scope.Element, cell.Source);
            NumericCount++;
            // The same sum read twice (JSON and CSV, or two overlapping questions) is one equation; a different value
            // for the same sum means the answers are not consistent, which the model counts.
            var signature = $"{cell.Scope.Element}|{string.Join(',', cells.Order())}|{string.Join(',', noise)}";
            if (_signatures.TryGetValue(signature, out var earlier))
            {
                if (earlier.Value != equation.Value) Conflicting++;
                continue;
            }
            _signatures[signature] = equation;
            Equations.Add(equation);
        }
        AddUpRules();
        Targets = StationTargets().Concat(GridTargets(all)).ToList();
    }

    public GroundTruth Truth { get; }
    public AdjustmentDeclaration Declaration { get; }
    public IReadOnlyList<CellRef> Cells { get; }
    public IReadOnlyDictionary<CellRef, int> Index { get; }
    public List<Equation> Equations { get; } = [];
    /// <summary>Add-up rules: +1 on the total, -1 on each category of one disaggregation, = 0.</summary>
    public List<(int[] Cells, long[] Coefficients, string Element)> Rules { get; } = [];
    public IReadOnlyList<ProtectedTarget> Targets { get; }
    public int PublishedCount { get; }
    /// <summary>Published cells with a number (each an equation before duplicates are merged).</summary>
    public int NumericCount { get; private set; }
    /// <summary>Sums published twice with different values.</summary>
    public int Conflicting { get; private set; }
    public int NoiseCount => _noiseIndex.Count;
    public int VariableCount => Cells.Count + NoiseCount;
    public long TruthOf(int cell) => Truth.Cells[Cells[cell]];

    /// <summary>Every equation and rule, over cells then noise variables (noise index = Cells.Count + base cell).</summary>
    public IEnumerable<SparseRow> Rows(string? element = null)
    {
        foreach (var e in Equations.Where(e => element is null || e.Element == element))
        {
            var variables = e.Cells.Concat(e.Noise.Select(n => Cells.Count + n)).ToArray();
            yield return new SparseRow(variables, variables.Select(_ => 1L).ToArray(), e.Value);
        }
        foreach (var r in Rules.Where(r => element is null || r.Element == element)) yield return new SparseRow(r.Cells, r.Coefficients, 0);
    }

    /// <summary>
    /// Equations the model cannot explain: the published value differs from the true sum by more than the declared
    /// adjustments of its base cells allow. Non-empty means a harness bug or an undeclared adjustment.
    /// </summary>
    public IEnumerable<(Equation Equation, long Truth)> Unexplained() =>
        Equations.Select(e => (e, e.Cells.Sum(TruthOf)))
            .Where(p => Math.Abs(p.e.Value.ToDouble() - p.Item2) > (double)Declaration.MaxAdjustment * p.e.Noise.Length + 1e-9);

    private int[] CellsOf(PublishedCell p)
    {
        var cells = new List<int>();
        foreach (var station in p.Scope.Stations)
        {
            foreach (var month in p.Scope.Months)
            {
                if (Truth.StateAt(p.Reading, station, month) is not { } state) continue; // no approved report: a known zero
                if (Index.TryGetValue(new CellRef(station, month, p.Scope.Element, p.Scope.Key, state), out var i)) cells.Add(i);
            }
        }
        return cells.ToArray();
    }

    private int[] BaseCellsOf(PublishedCell p)
    {
        var grain = Declaration.BaseGrain;
        string UnitOf(Station s) => grain switch { "station" => s.Id, "institution" => s.Institution, _ => s.Region };
        var noise = new HashSet<int>();
        foreach (var station in Truth.Stations.Where(s => p.Scope.Stations.Contains(s.Id)))
        {
            var unit = UnitOf(station);
            foreach (var month in p.Scope.Months)
            {
                // A base cell whose contents changed between readings is a new base cell with its own adjustment.
                if (!_baseStates.TryGetValue((unit, month, p.Reading), out var states))
                {
                    _baseStates[(unit, month, p.Reading)] = states = string.Join(',',
                        Truth.Stations.Where(s => UnitOf(s) == unit).Select(s => Truth.StateAt(p.Reading, s.Id, month)?.ToString() ?? "-"));
                }
                var key = $"{unit}|{month}|{p.Scope.Element}|{p.Scope.Key}|{states}";
                if (!_noiseIndex.TryGetValue(key, out var index)) _noiseIndex[key] = index = _noiseIndex.Count;
                noise.Add(index);
            }
        }
        return noise.Order().ToArray();
    }

    private void AddUpRules()
    {
        foreach (var total in Cells.Where(c => c.Key.Length == 0))
        {
            foreach (var d in Truth.Element(total.Element).Disaggregations)
            {
                var members = d.Keys.Select(k => Index[total with { Key = k }]).ToArray();
                Rules.Add(([Index[total], .. members], [1, .. members.Select(_ => -1L)], total.Element));
            }
        }
    }

    private IEnumerable<ProtectedTarget> StationTargets() =>
        Cells.Select((c, i) => (c, i)).Where(p => Truth.IsProtected(Truth.Cells[p.c]))
            .Select(p => new ProtectedTarget(p.c.ToString(), [p.i], Truth.Cells[p.c], true, p.c.Element));

    /// <summary>Published-grid cells (whole calendar periods, more than one station cell) whose true sum is small.</summary>
    private IEnumerable<ProtectedTarget> GridTargets(IEnumerable<PublishedCell> all)
    {
        var seen = new HashSet<string>();
        foreach (var p in all.Where(p => p.CalendarAligned))
        {
            var cells = CellsOf(p);
            if (cells.Length < 2) continue;
            var truth = cells.Sum(TruthOf);
            if (!Truth.IsProtected(truth) || !seen.Add(string.Join(',', cells.Order()))) continue;
            var s = p.Scope;
            var name = $"{s.Element}/{(s.Key.Length == 0 ? "total" : s.Key)}/{s.Stations.Count} stations/months {string.Join(',', s.Months)}/reading {p.Reading}";
            yield return new ProtectedTarget(name, cells, truth, false, s.Element);
        }
    }
}
