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
/// x month x element x category key, in the state of its station-months - the same in every answer containing it.
/// The published design (docs/decisions/0001-disclosure-control.md) is modelled as an attacker who read it would:
/// <list type="bullet">
/// <item>an element's total is the sum of its first breakdown's published base cells, so a total's adjustment is the
/// sum of those cells' adjustments (not one of its own);</item>
/// <item>each breakdown's adjustments are bounded by what its answers declare (a linked breakdown may declare more);</item>
/// <item>with a declared rounding base B, a first-breakdown base cell read on its own as 0 has a true count in
/// [0, B - 1], so its adjustment lies in [-(B - 1), 0]; any other value v, in [v - (B - 1), v + (B - 1)]; and a sum of
/// such cells published as protected (below the threshold) is 0, an equation like any other.</item>
/// </list>
/// Known constraints besides: the form's add-up rules (total = sum of each disaggregation), which an attacker reads
/// from the form definition.
/// </summary>
public sealed class EquationModel
{
    private readonly Dictionary<string, int> _noiseIndex = new();
    private readonly List<(string Breakdown, bool Rounded)> _noiseKinds = [];
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
        foreach (var cell in all.Where(c => c.Value is not null || c.Protected))
        {
            var cells = CellsOf(cell);
            var noise = declaration.Adjusts ? BaseCellsOf(cell) : [];
            if (cells.Length == 0 && noise.Length == 0) continue;
            decimal value;
            if (cell.Value is { } read) value = read;
            else if (declaration.RoundingBase is not null && noise.All(n => _noiseKinds[n].Rounded)) value = 0; // rounded base cells are 0 or >= the base: a sum below the threshold is 0
            else
            {
                BelowThreshold.Add((cells, noise, cell.Scope.Element));
                continue;
            }
            var equation = new Equation(cells, noise, Rational.FromDecimal(value), cell.Scope.Element, cell.Value is null ? cell.Source + " (protected)" : cell.Source);
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
        AddInequalities();
        NoiseBounds = BoundNoise();
        Targets = StationTargets().Concat(GridTargets(all)).ToList();
    }

    public GroundTruth Truth { get; }
    public AdjustmentDeclaration Declaration { get; }
    public IReadOnlyList<CellRef> Cells { get; }
    public IReadOnlyDictionary<CellRef, int> Index { get; }
    public List<Equation> Equations { get; } = [];
    /// <summary>Add-up rules: +1 on the total, -1 on each category of one disaggregation, = 0.</summary>
    public List<(int[] Cells, long[] Coefficients, string Element)> Rules { get; } = [];
    /// <summary>Published as protected: 0 &lt;= sum of the cells and adjustments &lt;= threshold - 1 (when not known to be 0).</summary>
    public List<(int[] Cells, int[] Noise, string Element)> BelowThreshold { get; } = [];
    /// <summary>Inequality rules per station-month state: cell Left &lt;= cell Right (see <see cref="InequalityRule"/>).</summary>
    public List<(int Left, int Right)> Inequalities { get; } = [];
    public IReadOnlyList<ProtectedTarget> Targets { get; }
    public int PublishedCount { get; }
    /// <summary>Published cells with a number (each an equation before duplicates are merged).</summary>
    public int NumericCount { get; private set; }
    /// <summary>Sums published twice with different values.</summary>
    public int Conflicting { get; private set; }
    public int NoiseCount => _noiseIndex.Count;
    /// <summary>Each base cell's adjustment range (published minus true), from the declaration and what was read.</summary>
    public IReadOnlyList<(long Lower, long Upper)> NoiseBounds { get; }
    /// <summary>Base-cell adjustments the answers fix at 0 (read on their own, not a multiple of the rounding base).</summary>
    public int ExactBaseCells => NoiseBounds.Count(b => b is (0, 0));
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
        // A base cell read on its own and published exactly: its adjustment is known to be 0.
        var fixedNoise = Equations.Where(e => element is null || e.Element == element).SelectMany(e => e.Noise).Distinct()
            .Where(n => NoiseBounds[n] is (0, 0));
        foreach (var n in fixedNoise) yield return new SparseRow([Cells.Count + n], [1], 0);
    }

    /// <summary>
    /// Equations the model cannot explain: the published value differs from the true sum by more than the declared
    /// adjustments of its base cells allow. Non-empty means a harness bug or an undeclared adjustment.
    /// </summary>
    public IEnumerable<(Equation Equation, long Truth)> Unexplained() =>
        Equations.Select(e => (e, e.Cells.Sum(TruthOf)))
            .Where(p =>
            {
                var adjustment = p.e.Value.ToDouble() - p.Item2;
                return adjustment < p.e.Noise.Sum(n => NoiseBounds[n].Lower) - 1e-9 || adjustment > p.e.Noise.Sum(n => NoiseBounds[n].Upper) + 1e-9;
            });

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
        var element = Truth.Element(p.Scope.Element);
        // A total of an element with breakdowns is published as the sum of its first breakdown's base cells.
        var keys = p.Scope.Key.Length == 0 && element.Disaggregations.Count > 0 ? element.Disaggregations[0].Keys : [p.Scope.Key];
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
                foreach (var key in keys) noise.Add(NoiseOf($"{unit}|{month}|{p.Scope.Element}|{key}|{states}", element, key));
            }
        }
        return noise.Order().ToArray();
    }

    private int NoiseOf(string baseCell, ElementSpec element, string key)
    {
        if (_noiseIndex.TryGetValue(baseCell, out var index)) return index;
        _noiseIndex[baseCell] = index = _noiseIndex.Count;
        var breakdown = element.Disaggregations.FirstOrDefault(d => d.Keys.Contains(key));
        var rounded = breakdown is null ? element.Disaggregations.Count == 0 : ReferenceEquals(breakdown, element.Disaggregations[0]);
        _noiseKinds.Add((breakdown?.Name ?? "", rounded));
        return index;
    }

    /// <summary>The declared bound of each base cell's breakdown, tightened by small-count rounding where a base cell was read on its own.</summary>
    private List<(long Lower, long Upper)> BoundNoise()
    {
        var bounds = _noiseKinds.Select(k =>
        {
            var bound = (long)Math.Ceiling(Declaration.BoundFor(k.Breakdown));
            return (-bound, bound);
        }).ToList();
        if (Declaration.RoundingBase is not { } roundingBase) return bounds;
        foreach (var e in Equations.Where(e => e.Noise.Length == 1 && _noiseKinds[e.Noise[0]].Rounded))
        {
            var published = e.Value.ToDouble();
            // Every rounded base value is a multiple of the base: anything else means the model misreads the design.
            bounds[e.Noise[0]] = published == 0 ? (-(roundingBase - 1), 0) : published % roundingBase == 0 ? (-(roundingBase - 1), roundingBase - 1) : (0, 0);
        }
        return bounds;
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

    private void AddInequalities()
    {
        foreach (var rule in Truth.Inequalities)
        {
            foreach (var left in Cells.Where(c => c.Element == rule.Left && c.Key.Length == 0))
            {
                if (Index.TryGetValue(left with { Element = rule.Right }, out var right)) Inequalities.Add((Index[left], right));
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
