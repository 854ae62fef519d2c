namespace GenderArchitecture.Reporting.Statistics;

public enum CoverageState { Complete = 1, Incomplete = 2, NoData = 3 }

/// <summary>
/// How many of the expected reports a figure includes. Independent of disclosure protection: a figure can be protected
/// and incomplete, or adjusted and complete. A figure with no report is no data, never 0; one with some of them is
/// incomplete, so it is not compared with complete ones.
/// </summary>
public readonly record struct Coverage(int Reports, int Expected)
{
    public static readonly Coverage None = new(0, 0);

    /// <remarks>
    /// Complete once every expected report is in. More reports than expected (a unit that closed after it reported)
    /// still counts as complete.
    /// </remarks>
    public CoverageState State => Reports == 0 ? CoverageState.NoData : Reports >= Expected ? CoverageState.Complete : CoverageState.Incomplete;

    public static Coverage operator +(Coverage a, Coverage b) => new(a.Reports + b.Reports, a.Expected + b.Expected);
}

/// <summary>One report a row of an aggregate should include: a unit open in the period, under the row it counts in.</summary>
public sealed record ExpectedReport(DateOnly PeriodStart, string RowUnitId);
