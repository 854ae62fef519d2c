using System.Text.Json;

namespace GenderArchitecture.Reporting.Domain;

/// <summary>A validation rule as a version stores it (the form is the version's).</summary>
public sealed record RuleDefinition(string Id, string Description, IReadOnlyList<string> Left, string Operator, IReadOnlyList<string> Right);

/// <summary>
/// One published version of a form's elements, categories and validation rules. It applies to the periods from
/// <see cref="ValidFrom"/> until the next version's; a report keeps the version it was created on. Versions are never
/// changed or removed: reports and figures refer to them.
/// </summary>
public sealed class FormVersion
{
    /// <summary>Version 1's start: it applies from the form's first period.</summary>
    public static readonly DateOnly FromTheStart = DateOnly.MinValue;

    private FormDefinition? _definition;
    private IReadOnlyList<RuleDefinition>? _rules;

    private FormVersion() { }

    public FormVersion(string formId, int version, DateOnly validFrom, FormDefinition definition, IReadOnlyList<RuleDefinition> rules, string createdBy, DateTime createdAt)
    {
        FormId = formId;
        Version = version;
        ValidFrom = validFrom;
        DefinitionJson = JsonSerializer.Serialize(definition, FormDefinition.Json);
        RulesJson = JsonSerializer.Serialize(rules, FormDefinition.Json);
        CreatedBy = createdBy;
        CreatedAt = createdAt;
        _definition = definition;
        _rules = rules;
    }

    public string FormId { get; private set; } = "";
    public int Version { get; private set; }
    public DateOnly ValidFrom { get; private set; }
    public string DefinitionJson { get; private set; } = "{}";
    public string RulesJson { get; private set; } = "[]";
    public string CreatedBy { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }

    public FormDefinition Definition => _definition ??= JsonSerializer.Deserialize<FormDefinition>(DefinitionJson, FormDefinition.Json)
        ?? throw new InvalidOperationException($"Form {FormId} version {Version} has no definition.");

    public IReadOnlyList<RuleDefinition> Rules => _rules ??= JsonSerializer.Deserialize<List<RuleDefinition>>(RulesJson, FormDefinition.Json) ?? [];

    /// <summary>The rules in the shape the evaluator reads.</summary>
    public IReadOnlyList<ValidationRule> EvaluatedRules() =>
        Rules.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => new ValidationRule(r.Id, FormId, r.Description, r.Left, r.Operator, r.Right)).ToList();

    /// <summary>The version in effect for the period starting <paramref name="periodStart"/>: the latest one that began by then.</summary>
    public static FormVersion? InEffect(IEnumerable<FormVersion> versions, DateOnly periodStart) =>
        versions.Where(v => v.ValidFrom <= periodStart).MaxBy(v => v.Version);

    /// <summary>The versions in effect over some part of the periods from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static IReadOnlyList<FormVersion> InEffect(IEnumerable<FormVersion> versions, DateOnly from, DateOnly to)
    {
        var ordered = versions.OrderBy(v => v.Version).ToList();
        return ordered.Where((v, i) => v.ValidFrom <= to && (i + 1 == ordered.Count || ordered[i + 1].ValidFrom > from)).ToList();
    }

    /// <summary>Same elements, categories and rules (what a seed is compared on): names of the version itself aside.</summary>
    public bool SameContentAs(FormDefinition definition, IReadOnlyList<RuleDefinition> rules) =>
        JsonSerializer.Serialize(definition, FormDefinition.Json) == JsonSerializer.Serialize(Definition, FormDefinition.Json)
        && JsonSerializer.Serialize(rules.OrderBy(r => r.Id, StringComparer.Ordinal), FormDefinition.Json)
            == JsonSerializer.Serialize(Rules.OrderBy(r => r.Id, StringComparer.Ordinal), FormDefinition.Json);
}
