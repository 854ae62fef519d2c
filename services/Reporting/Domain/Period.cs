namespace GenderArchitecture.Reporting.Domain;

/// <summary>A reporting period of a form, with the day the report is due and the day it locks.</summary>
public readonly record struct Period(PeriodType Type, DateOnly Start, int DueDays, int LockDays)
{
    public DateOnly End => Next(Type, Start).AddDays(-1);
    /// <summary>The last day on which a submission counts as on time.</summary>
    public DateOnly DueOn => End.AddDays(DueDays);
    /// <summary>From this day on the period refuses edits, unless a lock exception is open for the station.</summary>
    public DateOnly LocksOn => DueOn.AddDays(LockDays);

    /// <summary>Until its last day has passed a period is in progress: its figures are not final.</summary>
    public bool IsInProgressOn(DateOnly today) => today <= End;

    /// <summary>The start of the last period that has ended by <paramref name="today"/>.</summary>
    public static DateOnly LastEndedStart(PeriodType type, DateOnly today)
    {
        var current = StartOf(type, today);
        return type switch
        {
            PeriodType.Monthly => current.AddMonths(-1),
            PeriodType.Quarterly => current.AddMonths(-3),
            _ => current.AddYears(-1),
        };
    }

    public static bool IsStart(PeriodType type, DateOnly date) => type switch
    {
        PeriodType.Monthly => date.Day == 1,
        PeriodType.Quarterly => date.Day == 1 && (date.Month - 1) % 3 == 0,
        _ => date.Day == 1 && date.Month == 1,
    };

    /// <summary>The start of the period that contains <paramref name="date"/>.</summary>
    public static DateOnly StartOf(PeriodType type, DateOnly date) => type switch
    {
        PeriodType.Monthly => new DateOnly(date.Year, date.Month, 1),
        PeriodType.Quarterly => new DateOnly(date.Year, (date.Month - 1) / 3 * 3 + 1, 1),
        _ => new DateOnly(date.Year, 1, 1),
    };

    public static DateOnly Next(PeriodType type, DateOnly start) => type switch
    {
        PeriodType.Monthly => start.AddMonths(1),
        PeriodType.Quarterly => start.AddMonths(3),
        _ => start.AddYears(1),
    };

    /// <summary>The starts of the periods from <paramref name="from"/> to <paramref name="to"/> inclusive.</summary>
    public static IEnumerable<DateOnly> Starts(PeriodType type, DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = Next(type, d)) yield return d;
    }
}

public enum Grouping { Month = 1, Quarter = 2, Year = 3 }

public static class PeriodLabels
{
    /// <summary>2025-01, 2025-Q1 or 2025: the period a start date falls in, for the grouping asked.</summary>
    public static string Label(Grouping grouping, DateOnly start) => grouping switch
    {
        Grouping.Month => $"{start:yyyy-MM}",
        Grouping.Quarter => $"{start.Year}-Q{(start.Month - 1) / 3 + 1}",
        _ => $"{start.Year}",
    };

    /// <summary>The last day of the grouped period (month, quarter or year) a start date falls in.</summary>
    public static DateOnly EndOf(Grouping grouping, DateOnly start) => grouping switch
    {
        Grouping.Month => new DateOnly(start.Year, start.Month, 1).AddMonths(1).AddDays(-1),
        Grouping.Quarter => new DateOnly(start.Year, (start.Month - 1) / 3 * 3 + 1, 1).AddMonths(3).AddDays(-1),
        _ => new DateOnly(start.Year, 12, 31),
    };
}
