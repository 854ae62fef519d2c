using System.Text.Json;

namespace GenderArchitecture.Reporting.Domain;

public enum PeriodType { Monthly = 1, Quarterly = 2, Yearly = 3 }

/// <summary>
/// A report form, defined as data in <c>seeds/reporting</c>: adding a form or an element is a seed change, not a code
/// change. The elements and their disaggregation categories are kept as one JSON definition.
/// </summary>
public sealed class ReportForm
{
    private FormDefinition? _definition;

    private ReportForm() { }

    public ReportForm(string id, string name, PeriodType periodType, int dueDays, int lockDays, string reportingUnitKind, FormDefinition definition,
        int earlySubmissionDays = 0)
    {
        EarlySubmissionDays = Math.Max(0, earlySubmissionDays);
        Id = id;
        Name = name;
        PeriodType = periodType;
        DueDays = dueDays;
        LockDays = lockDays;
        ReportingUnitKind = reportingUnitKind;
        SetDefinition(definition);
    }

    public string Id { get; private set; } = "";
    public string Name { get; private set; } = "";
    public PeriodType PeriodType { get; private set; }
    /// <summary>Days after the period ends by which the report is due.</summary>
    public int DueDays { get; private set; }
    /// <summary>Days after the due date at which the period locks for edits.</summary>
    public int LockDays { get; private set; }
    /// <summary>
    /// Days before the period ends from which its report may be submitted (0: only once it has ended). A report of an
    /// unfinished period would be read as final while events are still happening.
    /// </summary>
    public int EarlySubmissionDays { get; private set; }
    /// <summary>The kind of organisation unit that reports on this form: "station" or "court".</summary>
    public string ReportingUnitKind { get; private set; } = "station";
    public int ElementCount { get; private set; }
    public string DefinitionJson { get; private set; } = "{}";

    public FormDefinition Definition => _definition ??= JsonSerializer.Deserialize<FormDefinition>(DefinitionJson, FormDefinition.Json)
        ?? throw new InvalidOperationException($"Form {Id} has no definition.");

    /// <summary>
    /// The form's current definition becomes that of its latest published version (the list of forms shows it); reports
    /// are checked against the version they were created on (<see cref="FormVersion"/>), never against this copy.
    /// </summary>
    public void ShowVersion(FormDefinition definition, bool seedDiffers, string seedDifference)
    {
        SetDefinition(definition);
        MarkSeed(seedDiffers, seedDifference);
    }

    /// <summary>The seed files define this form otherwise than its latest version: kept until an administrator publishes.</summary>
    public bool SeedDiffers { get; private set; }
    public string SeedDifference { get; private set; } = "";

    public void MarkSeed(bool differs, string difference)
    {
        SeedDiffers = differs;
        SeedDifference = differs ? difference : "";
    }

    public Period PeriodOf(DateOnly start) => new(PeriodType, start, DueDays, LockDays);

    /// <summary>The first day a report of the period starting <paramref name="start"/> may be submitted.</summary>
    public DateOnly SubmittableFrom(DateOnly start) => PeriodOf(start).End.AddDays(1 - EarlySubmissionDays);

    private void SetDefinition(FormDefinition definition)
    {
        DefinitionJson = JsonSerializer.Serialize(definition, FormDefinition.Json);
        ElementCount = definition.Elements.Count;
        _definition = definition;
    }
}

public sealed record CategoryOption(string Id, string Name);
public sealed record Category(string Id, string Name, IReadOnlyList<CategoryOption> Options);

/// <summary>
/// A data element; each disaggregation is a list of category ids whose options are crossed. <paramref name="Unit"/> says
/// what one count is ("cases", "victims"): with the id and the breakdown it is the element's meaning across versions.
/// </summary>
public sealed record DataElement(string Id, string Name, IReadOnlyList<IReadOnlyList<string>>? Disaggregations = null, string? Unit = null)
{
    public IReadOnlyList<IReadOnlyList<string>> DisaggregationsOrEmpty => Disaggregations ?? [];
}

public sealed record FormDefinition(IReadOnlyList<DataElement> Elements, IReadOnlyList<Category> Categories)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public DataElement? Element(string id) => Elements.FirstOrDefault(e => e.Id == id);

    /// <summary>The cell keys of one disaggregation: "sex=female;age=child", ... in the order of the categories.</summary>
    public IReadOnlyList<string> CategoryKeys(IReadOnlyList<string> disaggregation)
    {
        IEnumerable<string> keys = [""];
        foreach (var categoryId in disaggregation)
        {
            var category = Categories.FirstOrDefault(c => c.Id == categoryId)
                ?? throw new InvalidOperationException($"Category '{categoryId}' is not defined.");
            keys = keys.SelectMany(prefix => category.Options.Select(o => prefix.Length == 0 ? $"{categoryId}={o.Id}" : $"{prefix};{categoryId}={o.Id}")).ToList();
        }
        return keys.ToList();
    }

    /// <summary>Every cell an element has: its total ("") and the cells of each disaggregation.</summary>
    public IEnumerable<string> CellKeys(DataElement element) =>
        element.DisaggregationsOrEmpty.SelectMany(CategoryKeys).Prepend("");

    public IEnumerable<(string ElementId, string CategoryKey)> AllCells() =>
        Elements.SelectMany(e => CellKeys(e).Select(k => (e.Id, k)));

    /// <summary>The element's disaggregation named by comma-separated category ids, or null.</summary>
    public IReadOnlyList<string>? FindDisaggregation(DataElement element, string categoryIds)
    {
        var wanted = categoryIds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return element.DisaggregationsOrEmpty.FirstOrDefault(d => d.SequenceEqual(wanted));
    }
}
