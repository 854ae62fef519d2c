using GenderArchitecture.Disclosure.V1;
using GenderArchitecture.Reporting.Data;
using GenderArchitecture.Reporting.V1;
using GenderArchitecture.TestSupport;
using Xunit.Abstractions;
using static GenderArchitecture.Reporting.Tests.ReportingWorld;

namespace GenderArchitecture.Reporting.Tests;

/// <summary>
/// Measures, on the seeded demonstration data, what oversight loses: for region, institution and national cells by
/// month, quarter and year (every element, its total and each breakdown), the share published, protected and without
/// data under protected base cells and under the former per-answer suppression, and the absolute adjustment of the
/// published cells. The figures are written to the test output (docs/decisions/0001-disclosure-control.md quotes them).
/// </summary>
public sealed class InformationLossTests(ITestOutputHelper output)
{
    private sealed record Tally(string Level)
    {
        public int Cells, Adjusted, Protected, NoData, OldPublished, OldSuppressed;
        public long AbsoluteAdjustment, TrueOfAdjusted;
    }

    [Fact]
    public async Task Information_lost_on_the_demonstration_data_is_measured_against_per_answer_suppression()
    {
        await using var world = await StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?> { ["Seeds:Demo"] = "true" });
        var oversight = world.As("oversight");
        var analyst = world.As("analyst");
        var forms = (await oversight.ListFormsAsync(new ListFormsRequest())).Forms;
        var tallies = new Dictionary<V1.AggregateLevel, Tally>
        {
            [V1.AggregateLevel.Region] = new("region"), [V1.AggregateLevel.Institution] = new("institution"), [V1.AggregateLevel.Total] = new("national"),
        };
        var thisMonth = new DateOnly(Today.Year, Today.Month, 1);

        foreach (var form in forms)
        {
            var quarterly = form.PeriodType == PeriodType.Quarterly;
            var to = quarterly ? new DateOnly(thisMonth.Year, (thisMonth.Month - 1) / 3 * 3 + 1, 1) : thisMonth;
            var from = to.AddMonths(-ReportingSeeder.DemoMonths);
            var groupings = quarterly ? new[] { PeriodGrouping.Quarter, PeriodGrouping.Year } : [PeriodGrouping.Month, PeriodGrouping.Quarter, PeriodGrouping.Year];
            foreach (var element in form.Elements)
            {
                foreach (var breakdown in element.Disaggregations.Select(d => string.Join(",", d.CategoryIds)).Prepend(""))
                {
                    foreach (var grouping in groupings)
                    {
                        foreach (var (level, tally) in tallies)
                        {
                            var request = new GetAggregatesRequest
                            {
                                FormId = form.Id, ElementId = element.Id, Disaggregation = breakdown, PeriodFrom = Iso(from), PeriodTo = Iso(to),
                                Grouping = grouping, Level = level,
                            };
                            var exact = await analyst.GetAggregatesAsync(request);
                            var published = (await oversight.GetAggregatesAsync(request)).Cells.ToDictionary(Key);
                            var oldHidden = PerAnswer(exact, level);
                            // Each level counts its own cells once: region and institution rows, or the national row.
                            foreach (var cell in exact.Cells.Where(c => (level == V1.AggregateLevel.Total) == (c.UnitId.Length == 0)))
                            {
                                // A breakdown's row total is the element total, counted with the element's own answer.
                                if (breakdown.Length > 0 && cell.CategoryKey.Length == 0) continue;
                                var shown = published[Key(cell)];
                                tally.Cells++;
                                Assert.NotEqual(Protection.Exact, shown.Protection);
                                Assert.Equal(cell.Protection == Protection.NoData, shown.Protection == Protection.NoData);
                                switch (shown.Protection)
                                {
                                    case Protection.NoData: tally.NoData++; continue;
                                    case Protection.Protected: tally.Protected++; break;
                                    default:
                                        Assert.True(shown.Value >= 5, $"{Key(cell)} published {shown.Value}");
                                        tally.Adjusted++;
                                        tally.AbsoluteAdjustment += Math.Abs(shown.Value - cell.Value);
                                        tally.TrueOfAdjusted += cell.Value;
                                        break;
                                }
                                if (oldHidden.Contains(Key(cell))) tally.OldSuppressed++; else tally.OldPublished++;
                            }
                        }
                    }
                }
            }
        }

        output.WriteLine("level | cells | with data | published (new) | protected (new) | no data | published (per-answer) | suppressed (per-answer) | total |adj| | mean |adj| per published cell | |adj| / true sum");
        foreach (var t in tallies.Values.Append(Sum(tallies.Values)))
        {
            var withData = t.Cells - t.NoData;
            output.WriteLine($"{t.Level} | {t.Cells} | {withData} | {t.Adjusted} ({Share(t.Adjusted, withData)}) | {t.Protected} ({Share(t.Protected, withData)}) | {t.NoData} ({Share(t.NoData, t.Cells)}) | " +
                $"{t.OldPublished} ({Share(t.OldPublished, withData)}) | {t.OldSuppressed} ({Share(t.OldSuppressed, withData)}) | {t.AbsoluteAdjustment} | " +
                $"{(t.Adjusted == 0 ? 0 : (double)t.AbsoluteAdjustment / t.Adjusted):0.00} | {Share(t.AbsoluteAdjustment, t.TrueOfAdjusted)}");
            Assert.Equal(t.Cells, t.Adjusted + t.Protected + t.NoData);
        }
        Assert.True(tallies.Values.Sum(t => t.Adjusted) > 0);
    }

    private static Tally Sum(IEnumerable<Tally> all)
    {
        var total = new Tally("all");
        foreach (var t in all)
        {
            total.Cells += t.Cells; total.Adjusted += t.Adjusted; total.Protected += t.Protected; total.NoData += t.NoData;
            total.OldPublished += t.OldPublished; total.OldSuppressed += t.OldSuppressed;
            total.AbsoluteAdjustment += t.AbsoluteAdjustment; total.TrueOfAdjusted += t.TrueOfAdjusted;
        }
        return total;
    }

    private static string Share(long part, long whole) => whole == 0 ? "-" : $"{100.0 * part / whole:0.0} %";

    private static string Key(V1.AggregateCell c) => $"{c.Period}|{c.UnitId}|{c.CategoryKey}";

    /// <summary>What the former per-answer suppression hid in this answer (its table layout and groups, rebuilt).</summary>
    private static HashSet<string> PerAnswer(GetAggregatesResponse exact, V1.AggregateLevel level)
    {
        var values = exact.Cells.ToDictionary(Key, c => c.Value);
        var categories = exact.Categories.ToList();
        var groups = new List<SuppressionGroup>();
        foreach (var period in exact.Cells.Select(c => c.Period).Distinct())
        {
            var units = exact.Cells.Where(c => c.Period == period && c.UnitId.Length > 0).Select(c => c.UnitId).Distinct().ToList();
            if (categories.Count > 0)
            {
                foreach (var unit in units.Append(""))
                {
                    groups.Add(new SuppressionGroup(categories.Select(c => $"{period}|{unit}|{c}").ToList(), $"{period}|{unit}|"));
                }
            }
            if (level == V1.AggregateLevel.Total || units.Count == 0) continue;
            foreach (var category in categories.Append(""))
            {
                groups.Add(new SuppressionGroup(units.Select(u => $"{period}|{u}|{category}").ToList(), $"{period}||{category}"));
            }
        }
        return PerAnswerSuppression.Apply(values, groups, PerAnswerSuppression.DefaultThreshold);
    }
}
