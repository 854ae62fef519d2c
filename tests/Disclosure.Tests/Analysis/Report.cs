using System.Globalization;
using Xunit.Abstractions;

namespace GenderArchitecture.Disclosure.Tests.Analysis;

/// <summary>Prints each analysis's figures to the test output and returns the number the test asserts on.</summary>
public static class Report
{
    /// <summary>The model's check against the truth: published numbers it cannot explain (a harness bug, or an undeclared adjustment).</summary>
    public static int Unexplained(ITestOutputHelper output, IntruderFindings findings)
    {
        findings.RequireNumbers();
        var unexplained = findings.Model.Unexplained().ToList();
        output.WriteLine($"model check [{findings.Name}]: {findings.Model.Equations.Count} distinct equations, {unexplained.Count} not explained by the true sum " +
            $"within the declared adjustment ({findings.Model.Declaration.MaxAdjustment} per base cell)");
        foreach (var (e, truth) in unexplained.Take(5)) output.WriteLine($"    {e.Source} {e.Element}: published {e.Value}, true {truth}, {e.Cells.Length} cells, {e.Noise.Length} base cells");
        return unexplained.Count;
    }

    /// <summary>(a) The number of protected station cells pinned to their true value.</summary>
    public static int Exact(ITestOutputHelper output, IntruderFindings findings)
    {
        findings.RequireNumbers();
        var r = findings.Exact;
        output.WriteLine($"(a) exact attack [{findings.Name}]: {r.Rows} rows over {r.Variables} unknowns, rank {r.Rank}, {r.InconsistentRows} inconsistent rows set aside; " +
            $"{r.DeterminedCells} cells determined; protected station cells {r.ProtectedCells}, determined {r.ProtectedDetermined}, " +
            $"EXACT RECOVERIES {r.Recoveries} ({r.WrongRecoveries} determined to a wrong value); {r.Elapsed.TotalSeconds:F1} s");
        foreach (var e in r.Examples) output.WriteLine($"    recovered: {e}");
        return r.Recoveries;
    }

    /// <summary>(b) The number of protected targets (station and published-grid cells) whose feasible interval is a point.</summary>
    public static int Determined(ITestOutputHelper output, IntruderFindings findings)
    {
        findings.RequireNumbers();
        var r = findings.Intervals;
        var determined = r.Determined.ToList();
        output.WriteLine($"(b) noise-aware determinacy [{findings.Name}]: {r.Intervals.Count} protected targets " +
            $"({r.Intervals.Count(i => i.Target.IsStationCell)} station cells, {r.Intervals.Count(i => !i.Target.IsStationCell)} published-grid cells), " +
            $"adjustment bound {findings.Model.Declaration.MaxAdjustment}; uniquely determined: {determined.Count} " +
            $"(station {determined.Count(i => i.Target.IsStationCell)}, grid {determined.Count(i => !i.Target.IsStationCell)}); " +
            $"{r.LpSolves} LP solves, {r.Elapsed.TotalSeconds:F1} s");
        foreach (var i in determined.Take(5)) output.WriteLine($"    determined: {i.Target.Name} = {i.Min.ToString("G6", CultureInfo.InvariantCulture)} (true {i.Target.Truth})");
        return determined.Count;
    }

    /// <summary>(c) The number of protected targets whose feasible interval is narrower than the threshold.</summary>
    public static int Narrow(ITestOutputHelper output, IntruderFindings findings)
    {
        findings.RequireNumbers();
        var r = findings.Intervals;
        var narrow = r.Narrower(findings.Threshold).ToList();
        var solved = r.Intervals.Where(i => !i.ByPoints).ToList();
        output.WriteLine($"(c) interval width [{findings.Name}]: {r.Intervals.Count} protected targets checked " +
            $"({solved.Count(i => !i.ByExactSolve)} by LP min/max, {r.Intervals.Count(i => i.ByPoints)} shown >= {findings.Threshold} wide by feasible points already found, " +
            $"{r.Intervals.Count(i => i.ByExactSolve)} fixed by the exact attack); minimum width found {r.MinimumWidth.ToString("G6", CultureInfo.InvariantCulture)}; " +
            $"narrower than {findings.Threshold}: {narrow.Count}; {r.LpSolves} LP solves, {r.Elapsed.TotalSeconds:F1} s");
        foreach (var i in narrow.OrderBy(i => i.Width).Take(5))
        {
            output.WriteLine($"    narrow: {i.Target.Name} in [{i.Min.ToString("G6", CultureInfo.InvariantCulture)}, {i.Max.ToString("G6", CultureInfo.InvariantCulture)}] (true {i.Target.Truth})");
        }
        return narrow.Count;
    }

    /// <summary>(d) The averaging attack's hit rate against the guess-the-mode baseline.</summary>
    public static AveragingResult Averaging(ITestOutputHelper output, IntruderFindings findings)
    {
        findings.RequireNumbers();
        var r = findings.Averaging;
        output.WriteLine($"(d) averaging attack [{findings.Name}]: {r.ProtectedCells} protected station cells, {r.CellsWithEstimates} isolated by some answer " +
            $"({r.Estimates} estimates); rounded averages hit {r.Hits} = {r.HitRate:P1}; guessing the most common small value ({r.Mode}) hits {r.ModeShare:P1}; " +
            $"{r.Elapsed.TotalSeconds:F1} s");
        return r;
    }
}
