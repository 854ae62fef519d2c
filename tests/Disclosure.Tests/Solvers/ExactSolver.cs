using System.Numerics;

namespace GenderArchitecture.Disclosure.Tests.Solvers;

/// <summary>
/// Finds every variable a set of linear equations pins down, with exact rational arithmetic: first by
/// propagating equations with one unknown left, then by reduced row echelon form per connected component (a
/// variable is determined when its pivot row holds no other unknown). Equations that contradict earlier ones
/// (noisy answers) are counted and set aside.
/// </summary>
public static class ExactSolver
{
    public static ExactResult Solve(int variableCount, IEnumerable<SparseRow> equations)
    {
        var rows = Deduplicate(equations, out var contradictions);
        var known = new Dictionary<int, Rational>();
        var inconsistent = contradictions + Propagate(rows, known);

        var remaining = rows.Where(r => r.Count > 0).ToList();
        var rank = known.Count;
        var big = false;
        foreach (var component in Components(variableCount, remaining))
        {
            var (found, componentRank, bad, usedBig) = SolveComponent(component);
            foreach (var (v, value) in found) known[v] = value;
            rank += componentRank;
            inconsistent += bad;
            big |= usedBig;
        }
        return new ExactResult(known, rank, inconsistent, rows.Count, big);
    }

    /// <summary>A mutable equation during presolve.</summary>
    private sealed class Row(Dictionary<int, long> terms, Rational rhs)
    {
        public Dictionary<int, long> Terms { get; } = terms;
        public Rational Rhs { get; set; } = rhs;
        public int Count => Terms.Count;
    }

    private static List<Row> Deduplicate(IEnumerable<SparseRow> equations, out int contradictions)
    {
        var seen = new Dictionary<string, Rational>();
        var rows = new List<Row>();
        contradictions = 0;
        foreach (var e in equations)
        {
            var terms = new Dictionary<int, long>();
            for (var i = 0; i < e.Variables.Length; i++)
            {
                terms[e.Variables[i]] = terms.GetValueOrDefault(e.Variables[i]) + e.Coefficients[i];
                if (terms[e.Variables[i]] == 0) terms.Remove(e.Variables[i]);
            }
            var key = string.Join(',', terms.OrderBy(t => t.Key).Select(t => $"{t.Key}:{t.Value}"));
            if (seen.TryGetValue(key, out var rhs))
            {
                if (rhs != e.RightHandSide) contradictions++;
                continue;
            }
            seen[key] = e.RightHandSide;
            rows.Add(new Row(terms, e.RightHandSide));
        }
        return rows;
    }

    /// <summary>Solves equations with one unknown and substitutes the value everywhere, until none is left.</summary>
    private static int Propagate(List<Row> rows, Dictionary<int, Rational> known)
    {
        var byVariable = new Dictionary<int, List<Row>>();
        foreach (var row in rows)
        {
            foreach (var v in row.Terms.Keys) (byVariable.TryGetValue(v, out var list) ? list : byVariable[v] = []).Add(row);
        }
        var inconsistent = 0;
        var queue = new Queue<Row>(rows.Where(r => r.Count == 1));
        while (queue.Count > 0)
        {
            var row = queue.Dequeue();
            if (row.Count != 1) continue;
            var (v, coefficient) = row.Terms.First();
            var value = row.Rhs / coefficient;
            row.Terms.Clear();
            if (known.TryGetValue(v, out var earlier))
            {
                if (earlier != value) inconsistent++;
                continue;
            }
            known[v] = value;
            foreach (var other in byVariable[v])
            {
                if (!other.Terms.Remove(v, out var c)) continue;
                other.Rhs -= value * c;
                if (other.Count == 1) queue.Enqueue(other);
                else if (other.Count == 0 && other.Rhs != 0) inconsistent++;
            }
        }
        return inconsistent;
    }

    private static IEnumerable<List<Row>> Components(int variableCount, List<Row> rows)
    {
        var parent = Enumerable.Range(0, variableCount).ToArray();
        int Find(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
        foreach (var row in rows)
        {
            var first = row.Terms.Keys.First();
            foreach (var v in row.Terms.Keys) parent[Find(v)] = Find(first);
        }
        return rows.GroupBy(r => Find(r.Terms.Keys.First())).Select(g => g.ToList());
    }

    private static (Dictionary<int, Rational> Found, int Rank, int Inconsistent, bool Big) SolveComponent(List<Row> rows)
    {
        var variables = rows.SelectMany(r => r.Terms.Keys).Distinct().Order().ToArray();
        var local = variables.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i);
        try
        {
            var (found, rank, bad) = Run<long>(rows, local);
            return (found.ToDictionary(kv => variables[kv.Key], kv => kv.Value), rank, bad, false);
        }
        catch (OverflowException)
        {
            var (found, rank, bad) = Run<BigInteger>(rows, local);
            return (found.ToDictionary(kv => variables[kv.Key], kv => kv.Value), rank, bad, true);
        }
    }

    private static (Dictionary<int, Rational>, int, int) Run<T>(List<Row> rows, Dictionary<int, int> local) where T : IBinaryInteger<T>
    {
        var echelon = new RowEchelon<T>(local.Count);
        foreach (var row in rows)
        {
            var dense = new T[local.Count + 1];
            var scale = row.Rhs.Denominator;
            foreach (var (v, c) in row.Terms) dense[local[v]] = T.CreateChecked(c * scale);
            dense[local.Count] = T.CreateChecked(row.Rhs.Numerator);
            echelon.Add(dense);
        }
        return (echelon.Determined(), echelon.Rank, echelon.Inconsistent);
    }
}
