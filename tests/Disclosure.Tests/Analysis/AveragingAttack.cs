using System.Diagnostics;
using GenderArchitecture.Disclosure.Tests.Model;

namespace GenderArchitecture.Disclosure.Tests.Analysis;

/// <summary>Analysis (d): how often the averaged, rounded estimates hit the true small count, against guessing the mode.</summary>
public sealed record AveragingResult(int ProtectedCells, int CellsWithEstimates, int Estimates, int Hits, double HitRate, long Mode, double ModeShare, TimeSpan Elapsed);

/// <summary>
/// For each protected station cell the intruder takes every answer that isolates it - a published sum over exactly
/// that cell, the difference of two published sums whose cells differ by exactly that cell, and the value a naive
/// exact solve gives it when every published number is taken at face value (adjustments ignored) - averages the
/// estimates and rounds. A cell with no estimate is guessed as the most common small value. Pairs are found by
/// hashing each equation's set of cells (a sum of random 64-bit keys), so removing one cell is one lookup.
/// </summary>
public static class AveragingAttack
{
    public static AveragingResult Run(EquationModel model, IReadOnlyDictionary<int, Solvers.Rational> naive)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(7);
        var keys = Enumerable.Range(0, model.Cells.Count).Select(_ => (ulong)random.NextInt64() ^ ((ulong)random.NextInt64() << 1)).ToArray();
        var bySet = new Dictionary<(ulong Hash, int Size), List<double>>();
        var hashes = new List<(ulong Hash, Equation Equation)>();
        foreach (var e in model.Equations.Where(e => e.Cells.Length > 0))
        {
            var hash = e.Cells.Aggregate(0UL, (h, c) => unchecked(h + keys[c]));
            var value = e.Value.ToDouble();
            (bySet.TryGetValue((hash, e.Cells.Length), out var list) ? list : bySet[(hash, e.Cells.Length)] = []).Add(value);
            hashes.Add((hash, e));
        }

        var targets = model.Targets.Where(t => t.IsStationCell).ToDictionary(t => t.Cells[0]);
        var estimates = targets.Keys.ToDictionary(c => c, _ => new List<double>());
        foreach (var (hash, e) in hashes)
        {
            foreach (var cell in e.Cells)
            {
                if (!estimates.TryGetValue(cell, out var list)) continue;
                var value = e.Value.ToDouble();
                if (e.Cells.Length == 1) { list.Add(value); continue; }
                if (bySet.TryGetValue((unchecked(hash - keys[cell]), e.Cells.Length - 1), out var rest)) list.AddRange(rest.Select(r => value - r));
            }
        }

        foreach (var (cell, list) in estimates)
        {
            if (naive.TryGetValue(cell, out var value)) list.Add(value.ToDouble());
        }

        var mode = targets.Values.GroupBy(t => t.Truth).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstOrDefault();
        var modeShare = targets.Count == 0 ? 0 : (double)targets.Values.Count(t => t.Truth == mode) / targets.Count;
        var hits = 0;
        foreach (var (cell, target) in targets)
        {
            var list = estimates[cell];
            var guess = list.Count == 0 ? mode : (long)Math.Round(list.Average(), MidpointRounding.AwayFromZero);
            if (guess == target.Truth) hits++;
        }
        return new AveragingResult(targets.Count, estimates.Count(kv => kv.Value.Count > 0), estimates.Sum(kv => kv.Value.Count), hits,
            targets.Count == 0 ? 0 : (double)hits / targets.Count, mode, modeShare, clock.Elapsed);
    }
}
