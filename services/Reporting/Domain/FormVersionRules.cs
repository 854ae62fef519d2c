using System.Text.RegularExpressions;
using GenderArchitecture.ServiceDefaults.Errors;

namespace GenderArchitecture.Reporting.Domain;

/// <summary>
/// What a new version must satisfy before it is stored, and which elements keep their meaning across versions. Pure:
/// every problem is named on its field (the rule, the element, the category), all at once.
/// </summary>
public static partial class FormVersionRules
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Code();

    // "element" or "element by category,category": the only two shapes the evaluator reads.
    [GeneratedRegex("^(?<element>[a-z0-9]+(-[a-z0-9]+)*)( by (?<categories>[a-z0-9]+(-[a-z0-9]+)*(,[a-z0-9]+(-[a-z0-9]+)*)*))?$")]
    private static partial Regex Term();

    /// <summary>Checks the elements, categories and rules of a version; violations go to <paramref name="validator"/>.</summary>
    public static void Validate(FormDefinition form, IReadOnlyList<RuleDefinition> rules, Validator validator)
    {
        validator.Require(form.Elements.Count > 0, "elements", FormTexts.NoElements);
        foreach (var category in form.Categories)
        {
            var field = $"categories[{category.Id}]";
            CheckCode(category.Id, field + ".id", validator);
            validator.RequireText(category.Name, field + ".name");
            validator.Require(category.Options.Count > 0, field + ".options", FormTexts.NoOptions);
            foreach (var option in category.Options) CheckCode(option.Id, $"{field}.options[{option.Id}]", validator);
            Unique(category.Options.Select(o => o.Id), field + ".options", validator);
        }
        Unique(form.Categories.Select(c => c.Id), "categories", validator);
        foreach (var element in form.Elements)
        {
            var field = $"elements[{element.Id}]";
            CheckCode(element.Id, field + ".id", validator);
            validator.RequireText(element.Name, field + ".name");
            foreach (var disaggregation in element.DisaggregationsOrEmpty)
            {
                validator.Require(disaggregation.Count > 0, field + ".disaggregations", FormTexts.EmptyDisaggregation);
                validator.Require(disaggregation.Distinct().Count() == disaggregation.Count, field + ".disaggregations", FormTexts.CategoryTwice);
                foreach (var id in disaggregation.Where(id => form.Categories.All(c => c.Id != id)))
                {
                    validator.Add(field + ".disaggregations", FormTexts.UnknownCategory(id));
                }
            }
        }
        Unique(form.Elements.Select(e => e.Id), "elements", validator);

        foreach (var rule in rules)
        {
            var field = $"rules[{rule.Id}]";
            CheckCode(rule.Id, field + ".id", validator);
            validator.RequireText(rule.Description, field + ".description", 500);
            validator.Require(RuleEvaluator.Operators.Contains(rule.Operator), field + ".operator", FormTexts.UnknownOperator(rule.Operator));
            CheckSide(form, rule.Left, field + ".left", validator);
            CheckSide(form, rule.Right, field + ".right", validator);
        }
        Unique(rules.Select(r => r.Id), "rules", validator);
    }

    /// <summary>Why a rule term cannot be read against the form (syntax, unknown element or breakdown), or null.</summary>
    public static string? TermProblem(FormDefinition form, string term)
    {
        var match = Term().Match(term);
        if (!match.Success) return FormTexts.TermSyntax(term);
        var element = form.Element(match.Groups["element"].Value);
        if (element is null) return FormTexts.UnknownElement(match.Groups["element"].Value);
        if (match.Groups["categories"].Success && form.FindDisaggregation(element, match.Groups["categories"].Value) is null)
        {
            return FormTexts.UnknownDisaggregation(element.Id, match.Groups["categories"].Value);
        }
        return null;
    }

    /// <summary>A new version starts at a period of the form, after the latest version's start.</summary>
    public static void CheckValidFrom(PeriodType periodType, FormVersion latest, DateOnly validFrom, Validator validator)
    {
        if (!Period.IsStart(periodType, validFrom)) validator.Add("valid_from", FormTexts.NotAPeriodStart(periodType));
        else if (validFrom <= latest.ValidFrom) validator.Add("valid_from", FormTexts.NotAfterLatest(latest.Version, latest.ValidFrom));
    }

    /// <summary>
    /// The elements that mean the same in every one of <paramref name="versions"/> (same code, unit of count and
    /// breakdown, with the same category options), and the others with the reason they cannot be added up across them.
    /// </summary>
    public static Comparison Compare(IReadOnlyList<FormVersion> versions)
    {
        var ordered = versions.OrderBy(v => v.Version).ToList();
        if (ordered.Count == 0) return new Comparison([], []);
        var comparable = new List<string>();
        var leftOut = new List<LeftOut>();
        var ids = ordered.SelectMany(v => v.Definition.Elements.Select(e => e.Id)).Distinct().ToList();
        foreach (var id in ids)
        {
            string? reason = null;
            for (var i = 0; i < ordered.Count && reason is null; i++)
            {
                var element = ordered[i].Definition.Element(id);
                if (element is null) { reason = FormTexts.NotInVersion(ordered[i].Version); break; }
                if (i == 0) continue;
                var before = ordered[i - 1].Definition.Element(id)!;
                if ((before.Unit ?? "") != (element.Unit ?? "")) reason = FormTexts.UnitChanged(ordered[i].Version, before.Unit, element.Unit);
                else if (Breakdown(ordered[i - 1].Definition, before) != Breakdown(ordered[i].Definition, element)) reason = FormTexts.BreakdownChanged(ordered[i].Version);
            }
            if (reason is null) comparable.Add(id);
            else leftOut.Add(new LeftOut(id, reason));
        }
        return new Comparison(comparable, leftOut);
    }

    /// <summary>An element's breakdown as text: its disaggregations with the options of each category.</summary>
    private static string Breakdown(FormDefinition form, DataElement element) =>
        string.Join(" | ", element.DisaggregationsOrEmpty.Select(d => string.Join(" x ", d.Select(c =>
            $"{c}({string.Join(",", form.Categories.FirstOrDefault(k => k.Id == c)?.Options.Select(o => o.Id) ?? [])})"))));

    private static void CheckSide(FormDefinition form, IReadOnlyList<string> terms, string field, Validator validator)
    {
        if (terms.Count == 0) validator.Add(field, FormTexts.EmptySide);
        for (var i = 0; i < terms.Count; i++)
        {
            if (TermProblem(form, terms[i]) is { } problem) validator.Add($"{field}[{i}]", problem);
        }
    }

    private static void CheckCode(string id, string field, Validator validator) =>
        validator.Require(id.Length is > 0 and <= 100 && Code().IsMatch(id), field, FormTexts.NotACode(id));

    private static void Unique(IEnumerable<string> ids, string field, Validator validator)
    {
        foreach (var id in ids.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key)) validator.Add($"{field}[{id}]", FormTexts.Duplicate(id));
    }

    public sealed record LeftOut(string ElementId, string Reason);
    public sealed record Comparison(IReadOnlyList<string> ComparableElementIds, IReadOnlyList<LeftOut> LeftOut);
}

/// <summary>
/// The sentences about form versions, in one place so they can be translated later without touching the rules.
/// </summary>
public static class FormTexts
{
    public const string NoElements = "a form needs at least one element";
    public const string NoOptions = "a category needs at least one option";
    public const string EmptyDisaggregation = "a disaggregation names at least one category";
    public const string CategoryTwice = "a disaggregation names each category once";
    public const string EmptySide = "a side of a rule names at least one term";
    public static string UnknownCategory(string id) => $"names the unknown category '{id}'";
    public static string UnknownOperator(string op) => $"'{op}' is not an operator; use one of <=, <, ==, >=, >";
    public static string TermSyntax(string term) => $"'{term}' does not parse: write 'element' or 'element by category,category'";
    public static string UnknownElement(string id) => $"names the unknown element '{id}'";
    public static string UnknownDisaggregation(string element, string categories) => $"the element '{element}' has no disaggregation by '{categories}'";
    public static string NotACode(string id) => $"'{id}' is not a code: lower-case letters, digits and single hyphens, at most 100 characters";
    public static string Duplicate(string id) => $"'{id}' appears more than once";
    public static string NotAPeriodStart(PeriodType type) => $"must be the first day of a {type.ToString().ToLowerInvariant()} period";
    public static string NotAfterLatest(int version, DateOnly from) =>
        $"must be after the start of version {version} ({(from == FormVersion.FromTheStart ? "the first period" : from.ToString("yyyy-MM-dd"))})";
    public static string PeriodHasReports(string period, int count) =>
        $"{count} report(s) already exist for {period} or later; they keep the version they were created on, so a new version can start only after them";
    public static string RuleIdTaken(string id, string form) => $"the rule id '{id}' belongs to the form '{form}'";
    public static string NotInVersion(int version) => $"not defined in version {version}";
    public static string UnitChanged(int version, string? before, string? after) =>
        $"its unit of count changed in version {version} ('{before ?? ""}' to '{after ?? ""}')";
    public static string BreakdownChanged(int version) => $"its breakdown changed in version {version}";
    public static string AcrossVersions(string element, string reason) =>
        $"'{element}' cannot be added up across the form versions of these periods: {reason}; ask for the periods of each version separately";
    public static string SeedDiffers(string form, int version) =>
        $"the seed files define the form '{form}' otherwise than its version {version}; the stored version is kept: an administrator publishes a new version to apply the change";
}
