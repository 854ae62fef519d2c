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
/// Linear programming per element, or per group of elements joined by inequality rules: cells >= 0, each base cell's adjustment within
/// its bounds (see <see cref="EquationModel"/>), every equation and add-up rule. Cells the exact attack pinned are fixed (no LP needed for them), and a
/// target whose values across the optima already found spread by the threshold needs no LP of its own.
/// </summary>
public static class IntervalAttack
{
    public static IntervalAttackResult Run(EquationModel model, ExactAttackResult exact, int threshold)
    {
        var clock = Stopwatch.StartNew();
        var intervals = new List<TargetInterval>();
        var solves = 0;
        foreach (var elements in Components(model))
        {
            var targets = model.Targets.Where(t => elements.Contains(t.Element)).ToList();
            if (targets.Count == 0) continue;
            var rows = elements.SelectMany(e => model.Rows(e)).ToList();
            var inequalities = model.Inequalities.Where(i => elements.Contains(model.Cells[i.Left].Element)).ToList();
            var variables = rows.SelectMany(r => r.Variables).Concat(targets.SelectMany(t => t.Cells))
                .Concat(inequalities.SelectMany(i => new[] { i.Left, i.Right })).Distinct().Order().ToArray();
            var local = variables.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i);
            // A base cell's adjustment within its bounds; a cell >= 0, or fixed where the exact attack pinned it.
            (double, double) BoundOf(int v) => v >= model.Cells.Count ? (model.NoiseBounds[v - model.Cells.Count].Lower, model.NoiseBounds[v - model.Cells.Count].Upper)
                : exact.Values.TryGetValue(v, out var fixedValue) ? (fixedValue.ToDouble(), fixedValue.ToDouble()) : (0.0, double.PositiveInfinity);
            var bounds = variables.Select(BoundOf).ToList();
            var equations = rows.Select(r => (r.Variables.Select(v => local[v]).ToArray(), r.Coefficients.Select(c => (double)c).ToArray(), r.RightHandSide.ToDouble())).ToList();
            // left <= right as left - right + slack = 0 with a slack >= 0 of its own.
            foreach (var (left, right) in inequalities)
            {
                bounds.Add((0.0, double.PositiveInfinity));
                equations.Add(([local[left], local[right], bounds.Count - 1], [1.0, -1.0, 1.0], 0.0));
            }
            // Published as protected: the sum minus a slack in [0, threshold - 1] is 0.
            foreach (var (cells, noise, _) in model.BelowThreshold.Where(b => elements.Contains(b.Element)))
            {
                foreach (var v in cells.Concat(noise.Select(n => model.Cells.Count + n)).Where(v => !local.ContainsKey(v)))
                {
                    local[v] = bounds.Count;
                    bounds.Add(BoundOf(v));
                }
                bounds.Add((0.0, threshold - 1));
                var terms = cells.Concat(noise.Select(n => model.Cells.Count + n)).Select(v => local[v]).Append(bounds.Count - 1).ToArray();
                equations.Add((terms, terms.Select((_, i) => i == terms.Length - 1 ? -1.0 : 1.0).ToArray(), 0.0));
            }
            using var lp = new LpBounds(bounds, equations);
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

    /// <summary>Elements that share no unknown and no rule are separate programmes; rules join their elements into one.</summary>
    private static IEnumerable<HashSet<string>> Components(EquationModel model)
    {
        var components = model.Truth.Elements.Select(e => new HashSet<string> { e.Element }).ToList();
        foreach (var rule in model.Truth.Inequalities)
        {
            var left = components.Single(c => c.Contains(rule.Left));
            var right = components.Single(c => c.Contains(rule.Right));
            if (ReferenceEquals(left, right)) continue;
            left.UnionWith(right);
            components.Remove(right);
        }
        return components;
    }
}
