using System.Diagnostics;
using GenderArchitecture.Disclosure.Tests.Collection;
using GenderArchitecture.Disclosure.Tests.Model;

namespace GenderArchitecture.Disclosure.Tests.Analysis;

/// <summary>
/// Everything collected for one data set (one or more readings) and the analyses over it, each computed once on
/// first use and shared by the tests that assert on it.
/// </summary>
public sealed record CollectionStats(int Answers, int RateLimited, int Refused, TimeSpan Elapsed)
{
    public static CollectionStats Of(TimeSpan elapsed, params AnswerCollector[] collectors) =>
        new(collectors.Sum(c => c.Answers), collectors.Sum(c => c.RateLimited), collectors.Sum(c => c.Refused), elapsed);
}

public sealed class IntruderFindings(string name, GroundTruth truth, IReadOnlyList<PublishedCell> published, AdjustmentDeclaration declaration,
    CollectionStats stats)
{
    private readonly Lazy<(EquationModel Model, TimeSpan Elapsed)> _model = new(() =>
    {
        var clock = Stopwatch.StartNew();
        var model = new EquationModel(truth, published, declaration);
        return (model, clock.Elapsed);
    });
    private ExactAttackResult? _exact;
    private IntervalAttackResult? _intervals;
    private AveragingResult? _averaging;
    private readonly object _gate = new();

    public string Name { get; } = name;
    public EquationModel Model => _model.Value.Model;
    public int Threshold => declaration.Threshold ?? truth.Threshold;

    public ExactAttackResult Exact { get { lock (_gate) return _exact ??= ExactAttack.Run(Model); } }
    public IntervalAttackResult Intervals { get { lock (_gate) return _intervals ??= IntervalAttack.Run(Model, Exact, Threshold); } }
    public AveragingResult Averaging { get { lock (_gate) return _averaging ??= AveragingAttack.Run(Model, NaiveValues()); } }

    /// <summary>What an intruder who ignores the adjustments solves for: the exact attack without noise unknowns.</summary>
    private IReadOnlyDictionary<int, Solvers.Rational> NaiveValues()
    {
        if (!Model.Declaration.Adjusts) return Exact.Values;
        var rows = Model.Equations.Select(e => Solvers.SparseRow.Sum(e.Cells, e.Value))
            .Concat(Model.Rules.Select(r => new Solvers.SparseRow(r.Cells, r.Coefficients, 0)));
        return Solvers.ExactSolver.Solve(Model.Cells.Count, rows).Determined;
    }

    /// <summary>Fails when nothing was read: an intruder test that read no number proves nothing.</summary>
    public void RequireNumbers() =>
        Assert.True(Model.NumericCount > 0 && Model.Targets.Count > 0,
            $"[{Name}] no published number or no protected cell to attack: {stats.Answers} answers, {stats.Refused} refused.");

    /// <summary>What was collected and modelled, for the test output.</summary>
    public string Summary()
    {
        var m = Model;
        var station = m.Targets.Count(t => t.IsStationCell);
        return $"[{Name}] answers read: {stats.Answers} (refused: {stats.Refused}; rate-limited and retried: {stats.RateLimited}) in {stats.Elapsed.TotalSeconds:F1} s; " +
            $"published cells: {m.PublishedCount}, with a number: {m.NumericCount}, distinct equations: {m.Equations.Count} (+{m.Rules.Count} add-up rules), " +
            $"same sum published with different values: {m.Conflicting}; unknowns: {m.Cells.Count} cells + {m.NoiseCount} base-cell adjustments; " +
            $"declared adjustment: {(declaration.Adjusts ? $"max {declaration.MaxAdjustment} per base cell, grain {declaration.BaseGrain}" : "none (figures claim to be exact)")}; " +
            $"threshold {Threshold}; protected targets: {station} station cells + {m.Targets.Count - station} published-grid cells; " +
            $"small-count share of category cells: {DataSets.SmallCountDataSet.SmallShare(truth.Cells):P1}; model built in {_model.Value.Elapsed.TotalSeconds:F1} s";
    }
}
