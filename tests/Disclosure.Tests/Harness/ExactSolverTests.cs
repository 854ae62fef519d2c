using GenderArchitecture.Disclosure.Tests.Solvers;

namespace GenderArchitecture.Disclosure.Tests.Harness;

/// <summary>The exact solver on small systems whose answers are known by hand.</summary>
public sealed class ExactSolverTests
{
    [Fact]
    public void A_region_total_minus_its_visible_stations_determines_the_hidden_one()
    {
        // x0 + x1 + x2 = 9 (region), x1 = 5, x2 = 0 (visible stations): x0 = 4.
        var result = ExactSolver.Solve(3, [SparseRow.Sum([0, 1, 2], 9), SparseRow.Sum([1], 5), SparseRow.Sum([2], 0)]);

        Assert.Equal(new Rational(4, 1), result.Determined[0]);
        Assert.Equal(3, result.Determined.Count);
    }

    [Fact]
    public void Overlapping_windows_determine_a_month_only_through_elimination()
    {
        // Jan..Jun = 20, Jan..May = 17, and two cells that always appear together: x5 (June) = 3, x6 + x7 unknown.
        var result = ExactSolver.Solve(8,
        [
            SparseRow.Sum([0, 1, 2, 3, 4, 5], 20), SparseRow.Sum([0, 1, 2, 3, 4], 17), SparseRow.Sum([6, 7, 0], 10), SparseRow.Sum([6, 7, 1], 11),
        ]);

        Assert.Equal(new Rational(3, 1), result.Determined[5]);
        Assert.False(result.Determined.ContainsKey(0));
        Assert.False(result.Determined.ContainsKey(6));
        Assert.Equal(4, result.Rank); // the last two rows give x0 - x1 = -1, which pins neither
    }

    [Fact]
    public void A_complementary_pair_stays_undetermined()
    {
        // The classic 2x2 with both rows and columns published: one degree of freedom remains.
        var result = ExactSolver.Solve(4, [SparseRow.Sum([0, 1], 5), SparseRow.Sum([2, 3], 7), SparseRow.Sum([0, 2], 6), SparseRow.Sum([1, 3], 6)]);

        Assert.Empty(result.Determined);
        Assert.Equal(3, result.Rank);
    }

    [Fact]
    public void Fractions_and_signed_coefficients_are_solved_exactly()
    {
        // 2a + 3b = 1, a - b = 1/2  =>  a = 1/2, b = 0; and 3c = 1 => c = 1/3.
        var result = ExactSolver.Solve(3,
        [
            new SparseRow([0, 1], [2, 3], 1), new SparseRow([0, 1], [1, -1], new Rational(1, 2)), new SparseRow([2], [3], 1),
            SparseRow.Sum([0, 2, 1], new Rational(5, 6)),
        ]);

        Assert.Equal(new Rational(1, 2), result.Determined[0]);
        Assert.Equal(new Rational(0, 1), result.Determined[1]);
        Assert.Equal(new Rational(1, 3), result.Determined[2]);
        Assert.Equal(0, result.InconsistentRows);
    }

    [Fact]
    public void Contradicting_answers_are_counted_and_set_aside()
    {
        var result = ExactSolver.Solve(3, [SparseRow.Sum([0, 1], 4), SparseRow.Sum([0, 1], 5), SparseRow.Sum([0, 1, 2], 4), SparseRow.Sum([2], 1)]);

        Assert.Equal(2, result.InconsistentRows);
    }

    [Fact]
    public void Coefficients_beyond_64_bits_fall_back_to_big_integers_and_stay_exact()
    {
        // A chain x_{i+1} = 1000 x_i, x_0 = 1, written as 1000 x_i - x_{i+1} = 0, with one dense row to defeat propagation.
        const int n = 9;
        var rows = new List<SparseRow> { new(Enumerable.Range(0, n).ToArray(), Enumerable.Range(0, n).Select(i => (long)Math.Pow(7, i)).ToArray(), 0) };
        for (var i = 0; i < n - 1; i++) rows.Add(new SparseRow([i, i + 1], [1_000_000, -1], 0));
        rows[0] = rows[0] with { RightHandSide = Enumerable.Range(0, n).Aggregate(System.Numerics.BigInteger.Zero,
            (s, i) => s + System.Numerics.BigInteger.Pow(7, i) * System.Numerics.BigInteger.Pow(1_000_000, i)) is var total ? new Rational(total, 1) : 0 };

        var result = ExactSolver.Solve(n, rows);

        Assert.True(result.UsedBigIntegers);
        Assert.Equal(new Rational(1, 1), result.Determined[0]);
        Assert.Equal(new Rational(System.Numerics.BigInteger.Pow(1_000_000, n - 1), 1), result.Determined[n - 1]);
    }
}
