using System.Numerics;

namespace GenderArchitecture.Disclosure.Tests.Solvers;

/// <summary>
/// Reduced row echelon form over the rationals, kept fraction-free: each row is an integer vector (coefficients
/// then right-hand side) divided by its gcd. Run with <c>long</c> and checked arithmetic first; an overflow makes
/// the caller run again with <see cref="BigInteger"/>, so the answer is always exact.
/// </summary>
public sealed class RowEchelon<T> where T : IBinaryInteger<T>
{
    private readonly int _columns;
    private readonly List<T[]> _rows = [];
    private readonly int[] _pivotRow;

    public RowEchelon(int columns)
    {
        _columns = columns;
        _pivotRow = Enumerable.Repeat(-1, columns).ToArray();
    }

    public int Rank => _rows.Count;
    public int Inconsistent { get; private set; }

    /// <summary>Adds an equation (length columns + 1, the last entry its right-hand side); the array is taken over.</summary>
    public void Add(T[] row)
    {
        for (var j = 0; j < _columns; j++)
        {
            if (T.IsZero(row[j]) || _pivotRow[j] < 0) continue;
            Eliminate(row, _rows[_pivotRow[j]], j);
        }
        var lead = Normalize(row);
        if (lead < 0)
        {
            if (!T.IsZero(row[_columns])) Inconsistent++;
            return;
        }
        foreach (var other in _rows)
        {
            if (T.IsZero(other[lead])) continue;
            Eliminate(other, row, lead);
        }
        _pivotRow[lead] = _rows.Count;
        _rows.Add(row);
    }

    /// <summary>The columns whose row holds no other unknown, with their exact value.</summary>
    public Dictionary<int, Rational> Determined()
    {
        var determined = new Dictionary<int, Rational>();
        for (var column = 0; column < _columns; column++)
        {
            if (_pivotRow[column] < 0) continue;
            var row = _rows[_pivotRow[column]];
            var alone = true;
            for (var j = 0; j < _columns && alone; j++) alone = j == column || T.IsZero(row[j]);
            if (alone) determined[column] = new Rational(BigInteger.CreateChecked(row[_columns]), BigInteger.CreateChecked(row[column]));
        }
        return determined;
    }

    /// <summary>target := (p/g) * target - (t/g) * source, which clears target's entry in the column.</summary>
    private void Eliminate(T[] target, T[] source, int column)
    {
        var g = Gcd(target[column], source[column]);
        var fTarget = source[column] / g;
        var fSource = target[column] / g;
        for (var i = 0; i <= _columns; i++)
        {
            if (T.IsZero(source[i]))
            {
                if (!T.IsZero(target[i]) && fTarget != T.One) target[i] = checked(fTarget * target[i]);
                continue;
            }
            target[i] = checked(fTarget * target[i] - fSource * source[i]);
        }
        Normalize(target);
    }

    /// <summary>Divides the row by its gcd and makes its first coefficient positive; returns that column, or -1.</summary>
    private int Normalize(T[] row)
    {
        var g = T.Zero;
        var lead = -1;
        for (var i = 0; i <= _columns; i++)
        {
            if (T.IsZero(row[i])) continue;
            if (lead < 0 && i < _columns) lead = i;
            g = Gcd(g, row[i]);
            if (g == T.One) break;
        }
        if (lead < 0)
        {
            for (var i = 0; i < _columns; i++) if (!T.IsZero(row[i])) { lead = i; break; }
        }
        if (lead < 0) return -1;
        var negate = lead >= 0 && T.IsNegative(row[lead]);
        if (g != T.One || negate)
        {
            if (negate) g = -g;
            for (var i = 0; i <= _columns; i++) if (!T.IsZero(row[i])) row[i] /= g;
        }
        return lead;
    }

    private static T Gcd(T a, T b)
    {
        a = T.Abs(a);
        b = T.Abs(b);
        while (!T.IsZero(b)) (a, b) = (b, a % b);
        return a;
    }
}
