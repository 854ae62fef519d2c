namespace GenderArchitecture.Reporting.Domain;

public enum PeriodType { Monthly = 1, Quarterly = 2, Yearly = 3 }

/// <summary>A report form, defined as data in <c>seeds/reporting</c>: adding a form is a seed change, not a code change.</summary>
public sealed class ReportForm
{
    private ReportForm() { }

    public ReportForm(string id, string name, PeriodType periodType, int dueDays, int elementCount)
    {
        Id = id;
        Name = name;
        PeriodType = periodType;
        DueDays = dueDays;
        ElementCount = elementCount;
    }

    public string Id { get; private set; } = "";
    public string Name { get; private set; } = "";
    public PeriodType PeriodType { get; private set; }
    /// <summary>Days after the period ends by which the report is due.</summary>
    public int DueDays { get; private set; }
    public int ElementCount { get; private set; }
}
