using GenderArchitecture.Reporting.Domain;
using GenderArchitecture.ServiceDefaults.Errors;

namespace GenderArchitecture.Reporting.Tests;

/// <summary>Pure rules of form versions: what a version must satisfy, which one is in effect, what stays comparable.</summary>
public sealed class FormVersionRulesTests
{
    private static readonly Category Sex = new("sex", "Sex", [new("female", "Female"), new("male", "Male")]);

    private static FormDefinition Form(string? unit = "cases", IReadOnlyList<IReadOnlyList<string>>? breakdown = null, Category? sex = null, bool withIssued = true) => new(
        [
            new DataElement("dv-cases-reported", "DV cases reported", breakdown ?? [["sex"]], unit),
            new DataElement("dv-cases-referred", "DV cases referred", null, "cases"),
            .. withIssued ? [new DataElement("orders-issued", "Orders issued")] : Array.Empty<DataElement>(),
        ],
        [sex ?? Sex]);

    private static RuleDefinition Rule(string id, string left, string op = "<=", string right = "dv-cases-reported") => new(id, "a rule", [left], op, [right]);

    private static IReadOnlyList<FieldViolation> Violations(FormDefinition form, params RuleDefinition[] rules)
    {
        var validator = new Validator();
        FormVersionRules.Validate(form, rules, validator);
        return validator.Violations;
    }

    [Fact]
    public void A_well_formed_version_has_no_violation()
    {
        Assert.Empty(Violations(Form(), Rule("referred-within-reported", "dv-cases-referred"), Rule("by-sex-add-up", "dv-cases-reported by sex", "==")));
    }

    [Fact]
    public void A_rule_naming_an_unknown_element_is_refused_on_the_rule_and_its_term()
    {
        var v = Assert.Single(Violations(Form(), Rule("withdrawn-within-reported", "dv-cases-withdrawn")));
        Assert.Equal("rules[withdrawn-within-reported].left[0]", v.Field);
        Assert.Contains("unknown element 'dv-cases-withdrawn'", v.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dv-cases-reported by")]
    [InlineData("dv-cases-reported + dv-cases-referred")]
    [InlineData("DV cases")]
    [InlineData("")]
    public void A_term_that_does_not_parse_is_refused_as_syntax(string term)
    {
        var v = Assert.Single(Violations(Form(), Rule("broken", "dv-cases-referred", right: term)));
        Assert.Equal("rules[broken].right[0]", v.Field);
        Assert.Contains("does not parse", v.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_term_naming_a_breakdown_the_element_lacks_is_refused()
    {
        var v = Assert.Single(Violations(Form(), Rule("by-age", "dv-cases-reported by age", "==")));
        Assert.Equal("rules[by-age].left[0]", v.Field);
        Assert.Contains("no disaggregation by 'age'", v.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_operator_duplicate_rule_and_unknown_category_are_each_named()
    {
        var form = new FormDefinition([new DataElement("a", "A", [["region"]]), new DataElement("a", "A again"), new DataElement("b", "B", [["sex", "sex"]])], [Sex]);
        var fields = Violations(form, Rule("r", "a", "=<", "a"), Rule("r", "a", "<=", "a")).Select(v => v.Field).ToList();
        Assert.Contains("rules[r].operator", fields);
        Assert.Contains("rules[r]", fields);
        Assert.Contains("elements[a]", fields);
        Assert.Contains("elements[a].disaggregations", fields);
        Assert.Contains("elements[b].disaggregations", fields);
    }

    [Fact]
    public void A_new_version_starts_at_a_period_after_the_latest_one()
    {
        var v1 = new FormVersion("f", 1, FormVersion.FromTheStart, Form(), [], "seed", DateTime.UtcNow);
        var v2 = new FormVersion("f", 2, new DateOnly(2026, 3, 1), Form(), [], "admin", DateTime.UtcNow);
        string[] Problems(FormVersion latest, DateOnly from)
        {
            var validator = new Validator();
            FormVersionRules.CheckValidFrom(PeriodType.Monthly, latest, from, validator);
            return validator.Violations.Select(x => x.Field).ToArray();
        }
        Assert.Empty(Problems(v1, new DateOnly(2026, 3, 1)));
        Assert.Equal(["valid_from"], Problems(v1, new DateOnly(2026, 3, 2)));
        Assert.Equal(["valid_from"], Problems(v2, new DateOnly(2026, 3, 1)));
        Assert.Empty(Problems(v2, new DateOnly(2026, 4, 1)));
    }

    [Fact]
    public void The_version_in_effect_is_the_latest_that_began_by_the_period()
    {
        var v1 = new FormVersion("f", 1, FormVersion.FromTheStart, Form(), [], "seed", DateTime.UtcNow);
        var v2 = new FormVersion("f", 2, new DateOnly(2026, 3, 1), Form(), [], "admin", DateTime.UtcNow);
        var v3 = new FormVersion("f", 3, new DateOnly(2026, 6, 1), Form(), [], "admin", DateTime.UtcNow);
        FormVersion[] all = [v3, v1, v2];
        Assert.Equal(1, FormVersion.InEffect(all, new DateOnly(2026, 2, 1))!.Version);
        Assert.Equal(2, FormVersion.InEffect(all, new DateOnly(2026, 3, 1))!.Version);
        Assert.Equal(3, FormVersion.InEffect(all, new DateOnly(2027, 1, 1))!.Version);
        Assert.Equal([1, 2], FormVersion.InEffect(all, new DateOnly(2026, 1, 1), new DateOnly(2026, 5, 1)).Select(v => v.Version));
        Assert.Equal([2], FormVersion.InEffect(all, new DateOnly(2026, 3, 1), new DateOnly(2026, 5, 1)).Select(v => v.Version));
    }

    [Fact]
    public void Elements_whose_unit_breakdown_or_presence_changed_are_left_out_with_the_reason()
    {
        var v1 = new FormVersion("f", 1, FormVersion.FromTheStart, Form(), [], "seed", DateTime.UtcNow);
        var renamed = Form() with { Elements = [.. Form().Elements.Select(e => e.Id == "dv-cases-referred" ? e with { Name = "Referred to the prosecutor" } : e)] };

        Assert.Empty(FormVersionRules.Compare([v1, new FormVersion("f", 2, new DateOnly(2026, 3, 1), renamed, [], "a", DateTime.UtcNow)]).LeftOut);
        Assert.Equal("dv-cases-reported", Assert.Single(Compare(v1, Form(unit: "victims")).LeftOut).ElementId);
        Assert.Contains("unit of count", Assert.Single(Compare(v1, Form(unit: "victims")).LeftOut).Reason, StringComparison.Ordinal);
        Assert.Contains("breakdown", Assert.Single(Compare(v1, Form(breakdown: [])).LeftOut).Reason, StringComparison.Ordinal);
        var moreOptions = new Category("sex", "Sex", [new("female", "Female"), new("male", "Male"), new("other", "Other")]);
        Assert.Contains("breakdown", Assert.Single(Compare(v1, Form(sex: moreOptions)).LeftOut).Reason, StringComparison.Ordinal);
        var removed = Compare(v1, Form(withIssued: false));
        Assert.Equal(("orders-issued", "not defined in version 2"), (Assert.Single(removed.LeftOut).ElementId, removed.LeftOut[0].Reason));
        Assert.Equal(["dv-cases-reported", "dv-cases-referred"], removed.ComparableElementIds);
    }

    private static FormVersionRules.Comparison Compare(FormVersion v1, FormDefinition next) =>
        FormVersionRules.Compare([v1, new FormVersion("f", 2, new DateOnly(2026, 3, 1), next, [], "admin", DateTime.UtcNow)]);
}
