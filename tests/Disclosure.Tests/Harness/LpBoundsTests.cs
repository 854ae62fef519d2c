using GenderArchitecture.Disclosure.Tests.Solvers;

namespace GenderArchitecture.Disclosure.Tests.Harness;

/// <summary>The LP helper on small systems whose intervals are known by hand.</summary>
public sealed class LpBoundsTests
{
    private static readonly (double, double) NonNegative = (0, double.PositiveInfinity);

    [Fact]
    public void A_cell_in_a_suppressed_pair_ranges_over_its_row_total()
    {
        // x0 + x1 = 6, x0 + x2 = 4 (x >= 0): x0 in [0, 4].
        using var lp = new LpBounds([NonNegative, NonNegative, NonNegative], [([0, 1], [1.0, 1], 6), ([0, 2], [1.0, 1], 4)]);

        var (min, max) = lp.Range([0]);

        Assert.Equal(0, min, 9);
        Assert.Equal(4, max, 9);
    }

    [Fact]
    public void Bounded_noise_widens_a_differenced_cell_by_twice_the_bound_per_base_cell()
    {
        // Published A = x0 + x1 + e0, B = x1 + e1, |e| <= 2, A = 10, B = 7: x0 = 3 + e1 - e0 in [0, 7] (x1 >= 0 also bounds it).
        using var lp = new LpBounds([NonNegative, NonNegative, (-2, 2), (-2, 2)], [([0, 1, 2], [1.0, 1, 1], 10), ([1, 3], [1.0, 1], 7)]);

        var (min, max) = lp.Range([0]);

        Assert.Equal(0, min, 9);
        Assert.Equal(7, max, 9);
        Assert.True(lp.SeenSpread([0]) >= 7 - 1e-9, "the two optima are feasible points 7 apart");
    }

    [Fact]
    public void A_sum_of_cells_is_bounded_as_a_whole()
    {
        // x0 + x1 = 5 exactly: the sum has width 0 although each cell ranges over [0, 5].
        using var lp = new LpBounds([NonNegative, NonNegative], [([0, 1], [1.0, 1], 5)]);

        Assert.Equal((5.0, 5.0), lp.Range([0, 1]));
        Assert.Equal((0.0, 5.0), lp.Range([1]));
    }

    [Fact]
    public void Contradicting_equations_are_reported_not_answered()
    {
        using var lp = new LpBounds([NonNegative], [([0], [1.0], 1), ([0], [1.0], 2)]);

        Assert.Throws<InvalidOperationException>(() => lp.Range([0]));
    }
}
