namespace GenderArchitecture.Disclosure.Tests.Solvers;

/// <summary>One linear equation with integer coefficients: sum(coefficient * variable) = right-hand side.</summary>
public sealed record SparseRow(int[] Variables, long[] Coefficients, Rational RightHandSide)
{
    public static SparseRow Sum(IEnumerable<int> variables, Rational rhs)
    {
        var v = variables.ToArray();
        return new SparseRow(v, v.Select(_ => 1L).ToArray(), rhs);
    }
}

/// <summary>What exact elimination found: the variables the equations pin down, with their values.</summary>
public sealed record ExactResult(IReadOnlyDictionary<int, Rational> Determined, int Rank, int InconsistentRows, int RowsUsed, bool UsedBigIntegers);
