using System.Diagnostics;
using GenderArchitecture.Disclosure.Tests.Model;
using GenderArchitecture.Disclosure.Tests.Solvers;

namespace GenderArchitecture.Disclosure.Tests.Analysis;

/// <summary>The feasible interval of one protected target; Width is a lower bound when <see cref="ByPoints"/>.</summary>
public sealed record TargetInterval(ProtectedTarget Target, double Min, double Max, bool ByPoints, bool ByExactSolve)
{
    public double Width => Max - Min;
}

/// <summary>Analyses (b) and (c): each protected target's interval over the non-negative reals, noise bounded.</summary>
public sealed record IntervalAttackResult(IReadOnlyList<TargetInterval> Intervals, int LpSolves, TimeSpan Elapsed)
{
    public const double Tolerance = 1e-6;
    public IEnumerable<TargetInterval> Determined => Intervals.Where(i => i.Width <= Tolerance);
    public IEnumerable<TargetInterval> Narrower(int threshold) => Intervals.Where(i => i.Width < threshold - Tolerance);
    public double MinimumWidth => Intervals.Count == 0 ? double.NaN : Intervals.Min(i => i.Width);
}

/// <summary>
/// Linear programming per element (elements share no unknown): cells >= 0, each base cell's adjustment within
/// [-D, D], every equation and add-up rule. Cells the exact attack pinned are fixed (no LP needed for them), and a
/// target whose values across the optima already found spread by the threshold needs no LP of its own.
/// </summary>
public static class IntervalAttack
{
    public static IntervalAttackResult Run(EquationModel model, ExactAttackResult exact, int threshold)
    {
        var clock = Stopwatch.StartNew();
        var intervals = new List<TargetInterval>();
        var solves = 0;
        var d = (double)model.Declaration.MaxAdjustment;
        foreach (var element in model.Truth.Elements.Select(e => e.Element))
        {
            var targets = model.Targets.Where(t => t.Element == element).ToList();
            if (targets.Count == 0) continue;
            var rows = model.Rows(element).ToList();
            var variables = rows.SelectMany(r => r.Variables).Concat(targets.SelectMany(t => t.Cells)).Distinct().Order().ToArray();
            var local = variables.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i);
            var bounds = variables.Select(v => v >= model.Cells.Count ? (-d, d)
                : exact.Values.TryGetValue(v, out var fixedValue) ? (fixedValue.ToDouble(), fixedValue.ToDouble()) : (0.0, double.PositiveInfinity)).ToList();
            using var lp = new LpBounds(bounds, rows.Select(r => (r.Variables.Select(v => local[v]).ToArray(), r.Coefficients.Select(c => (double)c).ToArray(),
                r.RightHandSide.ToDouble())));
            foreach (var target in targets)
            {
                var cells = target.Cells.Select(c => local[c]).ToList();
                if (target.Cells.All(exact.DeterminedSet.Contains))
                {
                    var value = target.Cells.Sum(c => exact.Values[c].ToDouble());
                    intervals.Add(new TargetInterval(target, value, value, false, true));
                    continue;
                }
                var seen = lp.SeenSpread(cells);
                if (seen >= threshold - IntervalAttackResult.Tolerance)
                {
                    intervals.Add(new TargetInterval(target, 0, seen, true, false));
                    continue;
                }
                var (min, max) = lp.Range(cells);
                intervals.Add(new TargetInterval(target, min, max, false, false));
            }
            solves += lp.Solves;
        }
        return new IntervalAttackResult(intervals, solves, clock.Elapsed);
    }
}
