using System.Globalization;

namespace GenderArchitecture.Gateway.Endpoints;

/// <summary>
/// What a dashboard covers: its reference date, the sections that apply to the institution, and the periods still
/// running. Pure rules, so the page shows what the answer says instead of guessing from the institution's name.
/// </summary>
public static class DashboardScope
{
    public const string Reporting = "reporting";
    public const string FocalPointCoverage = "focal_point_coverage";
    public const string Composition = "composition";
    public const string JudicialRoles = "judicial_roles";
    public const string GenderBodies = "gender_bodies";
    public const string Training = "training";

    /// <summary>
    /// A dashboard never looks past today: asked for the end of the month, or any later day, it answers as of today,
    /// so a certificate valid today is not counted as expired and a day not yet lived is not counted as covered.
    /// </summary>
    public static DateOnly End(DateOnly? requested, DateOnly today) => requested is { } to && to < today ? to : today;

    /// <summary>
    /// The sections that apply: station reporting and focal-point coverage only where stations are open in the period
    /// (KPC has none), court reporting where courts are, the judges-and-prosecutors split for the judiciary.
    /// </summary>
    public static string[] Sections(bool hasStations, bool hasReportingUnits, bool judiciary) =>
    [
        .. hasReportingUnits ? new[] { Reporting } : [],
        .. hasStations ? new[] { FocalPointCoverage } : [],
        Composition,
        .. judiciary ? new[] { JudicialRoles } : [],
        GenderBodies,
        Training,
    ];

    /// <summary>A period (2026-12, 2026-Q4 or 2026, as the aggregates label them) still running on <paramref name="today"/>.</summary>
    public static bool InProgress(string period, DateOnly today) => LastDay(period) is { } last && last >= today;

    /// <summary>The last day of a period label; null for a label of another form.</summary>
    public static DateOnly? LastDay(string period)
    {
        if (DateOnly.TryParseExact(period, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            return month.AddMonths(1).AddDays(-1);
        }
        if (period.Length == 7 && period[4..6] == "-Q" && int.TryParse(period[..4], CultureInfo.InvariantCulture, out var year)
            && period[6] is >= '1' and <= '4')
        {
            return new DateOnly(year, (period[6] - '0') * 3, 1).AddMonths(1).AddDays(-1);
        }
        if (period.Length == 4 && int.TryParse(period, CultureInfo.InvariantCulture, out var whole) && whole > 0)
        {
            return new DateOnly(whole, 12, 31);
        }
        return null;
    }
}
