namespace GenderArchitecture.Reporting.Domain;

/// <summary>
/// A validation rule, defined as data in <c>seeds/reporting/validation-rules.json</c>: two sums of cells compared by
/// an operator. A term is "element" (the element's total) or "element by sex,age" (every cell of that
/// disaggregation). One generic evaluator checks every rule; there is no code per rule.
/// </summary>
public sealed class ValidationRule
{
    private ValidationRule() { }

    public ValidationRule(string id, string formId, string description, IEnumerable<string> left, string @operator, IEnumerable<string> right)
    {
        if (!RuleEvaluator.Operators.Contains(@operator)) throw new ArgumentException($"Rule {id}: unknown operator '{@operator}'.");
        Id = id;
        FormId = formId;
        Description = description;
        Left = string.Join(" + ", left);
        Operator = @operator;
        Right = string.Join(" + ", right);
    }

    public string Id { get; private set; } = "";
    public string FormId { get; private set; } = "";
    public string Description { get; private set; } = "";
    public string Left { get; private set; } = "";
    public string Operator { get; private set; } = "";
    public string Right { get; private set; } = "";

    public IReadOnlyList<string> LeftTerms => Split(Left);
    public IReadOnlyList<string> RightTerms => Split(Right);

    private static string[] Split(string side) => side.Split(" + ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public sealed record RuleBreach(ValidationRule Rule, string ElementId, long Left, long Right)
{
    public string Field => $"values[{ElementId}]";
    public string Description => $"rule {Rule.Id}: {Rule.Description} ({Left} {Rule.Operator} {Right} does not hold)";
}

public static class RuleEvaluator
{
    public static readonly IReadOnlySet<string> Operators = new HashSet<string> { "<=", "<", "==", ">=", ">" };

    /// <summary>
    /// The rules the values break. A rule is checked only when every cell it reads holds a number: not applicable,
    /// not available and empty cells are not zeros, so they cannot prove a breach.
    /// </summary>
    public static IReadOnlyList<RuleBreach> Evaluate(FormDefinition form, IEnumerable<ValidationRule> rules, IReadOnlyDictionary<CellId, CellValue> values)
    {
        var breaches = new List<RuleBreach>();
        foreach (var rule in rules)
        {
            var left = Sum(form, rule.LeftTerms, values);
            var right = Sum(form, rule.RightTerms, values);
            if (left is null || right is null) continue;
            if (!Holds(left.Value, rule.Operator, right.Value))
            {
                breaches.Add(new RuleBreach(rule, ElementOf(rule.LeftTerms[0]), left.Value, right.Value));
            }
        }
        return breaches;
    }

    /// <summary>
    /// The rules that could not be checked because a cell they read holds no number, said in words for the report
    /// (a skipped rule is not a passed one).
    /// </summary>
    public static IReadOnlyList<string> Unchecked(FormDefinition form, IEnumerable<ValidationRule> rules, IReadOnlyDictionary<CellId, CellValue> values)
    {
        var notes = new List<string>();
        foreach (var rule in rules)
        {
            var blocked = rule.LeftTerms.Concat(rule.RightTerms).SelectMany(t => Cells(form, t))
                .Where(c => !values.TryGetValue(c, out var v) || v.State != ValueState.Number).Distinct().ToList();
            if (blocked.Count == 0) continue;
            var what = string.Join(", ", blocked.Select(c => $"{Name(c)} is {StateOf(values, c)}"));
            notes.Add($"Rule {rule.Id} ({rule.Description}) was not checked: {what}.");
        }
        return notes;
    }

    private static string Name(CellId c) => c.CategoryKey.Length == 0 ? $"{c.ElementId} (total)" : $"{c.ElementId} [{c.CategoryKey}]";

    private static string StateOf(IReadOnlyDictionary<CellId, CellValue> values, CellId c) =>
        !values.TryGetValue(c, out var v) ? "empty" : v.State == ValueState.NotApplicable ? "not applicable" : "not available";

    /// <summary>The cells a term reads; throws when it names an unknown element or disaggregation (a seed error).</summary>
    public static IReadOnlyList<CellId> Cells(FormDefinition form, string term)
    {
        var parts = term.Split(" by ", 2, StringSplitOptions.TrimEntries);
        var element = form.Element(parts[0]) ?? throw new InvalidOperationException($"Rule term '{term}' names an unknown element.");
        if (parts.Length == 1) return [new CellId(element.Id, "")];
        var disaggregation = form.FindDisaggregation(element, parts[1])
            ?? throw new InvalidOperationException($"Rule term '{term}' names an unknown disaggregation.");
        return form.CategoryKeys(disaggregation).Select(k => new CellId(element.Id, k)).ToList();
    }

    private static string ElementOf(string term) => term.Split(" by ", 2, StringSplitOptions.TrimEntries)[0];

    private static long? Sum(FormDefinition form, IEnumerable<string> terms, IReadOnlyDictionary<CellId, CellValue> values)
    {
        long sum = 0;
        foreach (var cell in terms.SelectMany(t => Cells(form, t)))
        {
            if (!values.TryGetValue(cell, out var value) || value.State != ValueState.Number) return null;
            sum += value.Number ?? 0;
        }
        return sum;
    }

    private static bool Holds(long left, string op, long right) => op switch
    {
        "<=" => left <= right,
        "<" => left < right,
        "==" => left == right,
        ">=" => left >= right,
        ">" => left > right,
        _ => throw new InvalidOperationException($"Unknown operator '{op}'."),
    };
}
