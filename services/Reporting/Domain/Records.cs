namespace GenderArchitecture.Reporting.Domain;

/// <summary>
/// One approved cell, kept up to date when a report is approved (and removed when it is corrected): the summary
/// that station-level and subtree aggregates read instead of every report.
/// </summary>
public sealed class ApprovedCell
{
    public Guid ReportId { get; set; }
    public string FormId { get; set; } = "";
    public string ElementId { get; set; } = "";
    public string CategoryKey { get; set; } = "";
    public DateOnly PeriodStart { get; set; }
    public string StationId { get; set; } = "";
    public string RegionId { get; set; } = "";
    public string InstitutionId { get; set; } = "";
    public long Value { get; set; }
}

/// <summary>
/// A base cell: approved values summed per form, element, category, period and region, updated on approval, with the
/// number of contributing reports and the protected value oversight reads (null: withheld, see BaseCellProtection).
/// </summary>
public sealed class ApprovedTotal
{
    public string FormId { get; set; } = "";
    public string ElementId { get; set; } = "";
    public string CategoryKey { get; set; } = "";
    public DateOnly PeriodStart { get; set; }
    public string InstitutionId { get; set; } = "";
    public string RegionId { get; set; } = "";
    public long Value { get; set; }
    public int Reports { get; set; }
    public long? ProtectedValue { get; set; }
}
