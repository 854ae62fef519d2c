using Google.OrTools.LinearSolver;

namespace GenderArchitecture.Disclosure.Tests.Solvers;

/// <summary>
/// The feasible range of a sum of variables under equality constraints and variable bounds, over the reals, with
/// GLOP. The model is built once; each question only changes the objective. Every optimum found is a feasible point,
/// kept so that a target whose seen values already spread by a required width needs no solve of its own.
/// </summary>
public sealed class LpBounds : IDisposable
{
    private readonly Solver _solver;
    private readonly Variable[] _variables;
    private readonly List<double[]> _points = [];

    public LpBounds(IReadOnlyList<(double Lower, double Upper)> bounds, IEnumerable<(int[] Variables, double[] Coefficients, double Rhs)> equations)
    {
        _solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("OR-Tools GLOP is not available.");
        _variables = bounds.Select((b, i) => _solver.MakeNumVar(b.Lower, b.Upper, $"v{i}")).ToArray();
        foreach (var (variables, coefficients, rhs) in equations)
        {
            var constraint = _solver.MakeConstraint(rhs, rhs);
            for (var i = 0; i < variables.Length; i++) constraint.SetCoefficient(_variables[variables[i]], coefficients[i]);
        }
    }

    public int Solves { get; private set; }

    /// <summary>Min and max of the sum of <paramref name="target"/> (+infinity when unbounded above).</summary>
    public (double Min, double Max) Range(IReadOnlyList<int> target) => (Optimise(target, minimise: true), Optimise(target, minimise: false));

    /// <summary>The spread of the target's sum over the feasible points seen so far (a lower bound of its width).</summary>
    public double SeenSpread(IReadOnlyList<int> target)
    {
        if (_points.Count == 0) return 0;
        var sums = _points.Select(p => target.Sum(v => p[v])).ToList();
        return sums.Max() - sums.Min();
    }

    private double Optimise(IReadOnlyList<int> target, bool minimise)
    {
        var objective = _solver.Objective();
        objective.Clear();
        foreach (var v in target) objective.SetCoefficient(_variables[v], 1);
        if (minimise) objective.SetMinimization(); else objective.SetMaximization();
        var status = _solver.Solve();
        Solves++;
        if (status == Solver.ResultStatus.UNBOUNDED) return minimise ? double.NegativeInfinity : double.PositiveInfinity;
        if (status != Solver.ResultStatus.OPTIMAL)
        {
            throw new InvalidOperationException($"The linear programme is {status}: the published figures contradict the model " +
                "(a declared adjustment smaller than the one applied, or an answer the model reads wrongly).");
        }
        _points.Add(_variables.Select(v => v.SolutionValue()).ToArray());
        return objective.Value();
    }

    public void Dispose() => _solver.Dispose();
}
