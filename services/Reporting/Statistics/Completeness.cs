using GenderArchitecture.Reporting.Domain;

namespace GenderArchitecture.Reporting.Statistics;

public sealed record CompletenessFigures(DateOnly PeriodStart, int Expected, int Submitted, int OnTime, int Approved)
{
    public double SubmittedPercent => Percent(Submitted);
    public double OnTimePercent => Percent(OnTime);
    public double ApprovedPercent => Percent(Approved);

    private double Percent(int count) => Expected == 0 ? 0 : Math.Round(100.0 * Math.Min(count, Expected) / Expected, 1);
}

/// <param name="HasApprovedRevision">An earlier revision is approved (a correction is pending): it still counts as approved, as in the aggregates.</param>
public sealed record ReportStatus(string StationId, DateOnly PeriodStart, ReportState State, DateTime? FirstSubmittedAt, DateOnly DueOn, bool HasApprovedRevision = false)
{
    public bool IsApproved => State == ReportState.Approved || HasApprovedRevision;
}

public static class Completeness
{
    /// <summary>
    /// Per period: the units expected to report (only those open in the period), and how many of exactly those
    /// submitted, on time, and were approved. A report of a unit that was not expected is not counted, and each unit
    /// counts once, so no figure can exceed the expected count.
    /// </summary>
    public static IReadOnlyList<CompletenessFigures> Compute(IReadOnlyDictionary<DateOnly, IReadOnlySet<string>> expectedByPeriod, IEnumerable<ReportStatus> reports)
    {
        var byPeriod = reports.GroupBy(r => r.PeriodStart).ToDictionary(g => g.Key, g => g.GroupBy(r => r.StationId).Select(s => s.First()).ToList());
        return expectedByPeriod.OrderBy(p => p.Key).Select(p =>
        {
            var mine = byPeriod.GetValueOrDefault(p.Key, []).Where(r => p.Value.Contains(r.StationId)).ToList();
            var submitted = mine.Where(r => r.FirstSubmittedAt is not null).ToList();
            return new CompletenessFigures(p.Key, p.Value.Count, submitted.Count,
                submitted.Count(r => DateOnly.FromDateTime(r.FirstSubmittedAt!.Value) <= r.DueOn),
                mine.Count(r => r.IsApproved));
        }).ToList();
    }

    public static CompletenessFigures Total(IReadOnlyList<CompletenessFigures> periods) =>
        new(periods.Count > 0 ? periods[0].PeriodStart : default, periods.Sum(p => p.Expected), periods.Sum(p => p.Submitted),
            periods.Sum(p => p.OnTime), periods.Sum(p => p.Approved));
}
