using GenderArchitecture.Reporting.Domain;

namespace GenderArchitecture.Reporting.Tests;

/// <summary>The generic evaluator, the former per-answer suppression (the baseline) and outlier rules on their own, without a database.</summary>
public sealed class RuleAndSuppressionUnitTests
{
    private static readonly FormDefinition Form = new(
        [new DataElement("victims", "Victims", [["sex"]]), new DataElement("referred", "Referred")],
        [new Category("sex", "Sex", [new CategoryOption("female", "Female"), new CategoryOption("male", "Male")])]);

    private static readonly ValidationRule[] Rules =
    [
        new("referred-within-victims", "f", "Referred cannot exceed victims", ["referred"], "<=", ["victims"]),
        new("victims-by-sex-add-up", "f", "Victims by sex add up", ["victims by sex"], "==", ["victims"]),
    ];

    private static Dictionary<CellId, CellValue> Cells(params (string Element, string Key, long? N)[] cells) =>
        cells.ToDictionary(c => new CellId(c.Element, c.Key), c => c.N is { } n ? new CellValue(ValueState.Number, n) : new CellValue(ValueState.NotAvailable, null));

    [Fact]
    public void Rules_are_evaluated_from_data_and_name_what_they_break()
    {
        var breaches = RuleEvaluator.Evaluate(Form, Rules, Cells(("victims", "", 3), ("victims", "sex=female", 1), ("victims", "sex=male", 1), ("referred", "", 4)));

        Assert.Equal(["referred-within-victims", "victims-by-sex-add-up"], breaches.Select(b => b.Rule.Id));
        Assert.Equal("values[referred]", breaches[0].Field);
        Assert.Contains("(4 <= 3 does not hold)", breaches[0].Description);
    }

    [Fact]
    public void A_rule_over_a_cell_that_is_not_a_number_is_not_checked()
    {
        var breaches = RuleEvaluator.Evaluate(Form, Rules, Cells(("victims", "", 3), ("victims", "sex=female", null), ("victims", "sex=male", 1), ("referred", "", 2)));

        Assert.Empty(breaches);
    }

    [Fact]
    public void Per_answer_suppression_hides_small_counts_then_one_complement_per_exposed_group_and_leaves_zeros_and_large_counts()
    {
        var cells = new Dictionary<string, long> { ["a"] = 3, ["b"] = 0, ["c"] = 12, ["d"] = 30, ["t"] = 45 };
        var hidden = PerAnswerSuppression.Apply(cells, [new SuppressionGroup(["a", "b", "c", "d"], "t")], 5);

        Assert.Equal(["a", "c"], hidden.Order());
    }

    [Fact]
    public void Per_answer_suppression_hides_the_total_when_nothing_else_can_protect_a_lone_cell()
    {
        var cells = new Dictionary<string, long> { ["a"] = 2, ["t"] = 2 };
        Assert.Equal(["a", "t"], PerAnswerSuppression.Apply(cells, [new SuppressionGroup(["a"], "t")], 5).Order());
        Assert.Empty(PerAnswerSuppression.Apply(new Dictionary<string, long> { ["a"] = 0, ["b"] = 7, ["t"] = 7 }, [new SuppressionGroup(["a", "b"], "t")], 5));
    }

    [Fact]
    public void An_outlier_against_the_stations_own_median_is_a_warning()
    {
        long[] history = [10, 12, 9, 11, 10, 13, 40];
        Assert.NotNull(Outliers.Check("DV cases", 60, history));
        Assert.Null(Outliers.Check("DV cases", 14, history));
        Assert.Null(Outliers.Check("DV cases", 60, [10, 12]));
    }
}
