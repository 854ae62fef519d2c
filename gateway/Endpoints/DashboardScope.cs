namespace GenderArchitecture.Gateway.Endpoints;

/// <summary>
/// What a dashboard covers: its reference date and the sections that apply to the institution. Pure rules, so the page
/// shows what the answer says instead of guessing from the institution's name. Which periods are still running is
/// Reporting's to say (each point and completeness row carries its inProgress marker).
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
}
