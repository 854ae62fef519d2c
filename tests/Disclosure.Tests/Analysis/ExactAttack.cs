using System.Diagnostics;
using GenderArchitecture.Disclosure.Tests.Model;
using GenderArchitecture.Disclosure.Tests.Solvers;

namespace GenderArchitecture.Disclosure.Tests.Analysis;

/// <summary>Analysis (a): the protected station cells that exact elimination over every equation pins to their true value.</summary>
public sealed record ExactAttackResult(int Variables, int Rows, int Rank, int InconsistentRows, int DeterminedCells, int ProtectedCells,
    int ProtectedDetermined, int Recoveries, int WrongRecoveries, IReadOnlyList<string> Examples, HashSet<int> DeterminedSet,
    IReadOnlyDictionary<int, Rational> Values, TimeSpan Elapsed);

public static class ExactAttack
{
    public static ExactAttackResult Run(EquationModel model)
    {
        var clock = Stopwatch.StartNew();
        var rows = model.Rows().ToList();
        var result = ExactSolver.Solve(model.VariableCount, rows);
        var stationTargets = model.Targets.Where(t => t.IsStationCell).ToList();
        var determined = result.Determined.Where(kv => kv.Key < model.Cells.Count).ToDictionary(kv => kv.Key, kv => kv.Value);
        var protectedDetermined = stationTargets.Where(t => determined.ContainsKey(t.Cells[0])).ToList();
        var right = protectedDetermined.Where(t => determined[t.Cells[0]] == t.Truth).ToList();
        var examples = right.Take(5).Select(t => $"{t.Name} = {determined[t.Cells[0]]}").ToList();
        return new ExactAttackResult(model.VariableCount, rows.Count, result.Rank, result.InconsistentRows, determined.Count, stationTargets.Count,
            protectedDetermined.Count, right.Count, protectedDetermined.Count - right.Count, examples, determined.Keys.ToHashSet(), determined, clock.Elapsed);
    }
}
