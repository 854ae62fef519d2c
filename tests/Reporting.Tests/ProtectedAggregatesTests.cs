using GenderArchitecture.Disclosure.V1;
using GenderArchitecture.Reporting.Data;
using GenderArchitecture.Reporting.Domain;
using GenderArchitecture.Reporting.Statistics;
using GenderArchitecture.Reporting.V1;
using GenderArchitecture.TestSupport;
using Microsoft.EntityFrameworkCore;
using static GenderArchitecture.Reporting.Tests.ReportingWorld;

namespace GenderArchitecture.Reporting.Tests;

/// <summary>
/// The protected view over the publication grid: every figure oversight reads is the sum of the protected values
/// of the base cells (region x month x element x category) kept in approved_totals, whatever grouping, level or
/// window it asks for; approvals and corrections recompute only the base cells they touch.
/// </summary>
public sealed class ProtectedAggregatesTests
{
    private const string Element = "dv-cases-reported";

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Every_grouping_and_level_is_the_sum_of_the_same_protected_base_cells(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        await world.FileAsync(StationA, MonthsAgo(1), ValidValues(dv: 4, referred: 1, femaleAdult: 2, femaleChild: 1, maleAdult: 1, maleChild: 0));
        await world.FileAsync(StationB, MonthsAgo(1), ValidValues(dv: 3, referred: 1, femaleAdult: 1, femaleChild: 1, maleAdult: 1, maleChild: 0));
        await world.FileAsync(StationC, MonthsAgo(1), ValidValues(dv: 12, femaleAdult: 9, femaleChild: 1, maleAdult: 1, maleChild: 1));
        await world.FileAsync(StationA, ThisMonth, ValidValues(dv: 5, referred: 2, femaleAdult: 3, femaleChild: 1, maleAdult: 1, maleChild: 0));
        await world.FileAsync(StationC, ThisMonth, ValidValues(dv: 2, referred: 1, femaleAdult: 1, femaleChild: 0, maleAdult: 1, maleChild: 0));
        var baseCells = (await BaseCellsAsync(world)).Where(b => b.ElementId == Element).ToList();
        var oversight = world.As("oversight");

        foreach (var grouping in new[] { PeriodGrouping.Month, PeriodGrouping.Quarter, PeriodGrouping.Year })
        {
            foreach (var level in new[] { V1.AggregateLevel.Region, V1.AggregateLevel.Institution, V1.AggregateLevel.Total })
            {
                var answer = await oversight.GetAggregatesAsync(new GetAggregatesRequest
                {
                    FormId = MonthlyForm, ElementId = Element, Disaggregation = "sex,age", PeriodFrom = MonthsAgo(1), PeriodTo = ThisMonth,
                    Grouping = grouping, Level = level,
                });
                foreach (var cell in answer.Cells)
                {
                    var members = baseCells.Where(b => PeriodLabels.Label(GroupingOf(grouping), b.PeriodStart) == cell.Period && b.CategoryKey == cell.CategoryKey
                        && (cell.UnitId.Length == 0 || cell.UnitId == (level == V1.AggregateLevel.Region ? b.RegionId : b.InstitutionId))).ToList();
                    var what = $"{grouping} {level} {cell.Period}|{cell.UnitId}|{cell.CategoryKey}";
                    Assert.Equal(members.Sum(b => b.Reports), cell.Reports);
                    var sum = members.Sum(b => b.ProtectedValue!.Value);
                    var expected = members.Count == 0 ? Protection.NoData : sum < 5 ? Protection.Protected : Protection.Adjusted;
                    Assert.True(expected == cell.Protection, $"{what}: {cell.Protection}, expected {expected}");
                    Assert.Equal(expected == Protection.Adjusted ? sum : (long?)null, cell.HasValue ? cell.Value : (long?)null);
                }
            }
        }

        // Spelled out once: a quarter is the sum of its months, the institution the sum of its regions.
        var months = await oversight.GetAggregatesAsync(new GetAggregatesRequest { FormId = MonthlyForm, ElementId = Element, PeriodFrom = MonthsAgo(1), PeriodTo = ThisMonth, Grouping = PeriodGrouping.Month, Level = V1.AggregateLevel.Region });
        var year = await oversight.GetAggregatesAsync(new GetAggregatesRequest { FormId = MonthlyForm, ElementId = Element, PeriodFrom = MonthsAgo(1), PeriodTo = ThisMonth, Grouping = PeriodGrouping.Year, Level = V1.AggregateLevel.Institution });
        var published = baseCells.Where(b => b.CategoryKey == "").Sum(b => b.ProtectedValue!.Value);
        var national = year.Cells.Where(c => c.UnitId == "" && c.CategoryKey == "").ToList();
        Assert.Equal(published, national.Sum(c => c.Value));
        Assert.Equal(published, months.Cells.Where(c => c.UnitId.Length > 0 && c.CategoryKey == "").Sum(c => c.Value));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Approving_a_report_recomputes_only_its_own_base_cells(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        await world.FileAsync(StationA, ThisMonth, ValidValues(dv: 6, femaleAdult: 3, femaleChild: 1, maleAdult: 1, maleChild: 1));
        await world.FileAsync(StationC, ThisMonth, ValidValues(dv: 7, femaleAdult: 4, femaleChild: 1, maleAdult: 1, maleChild: 1));
        await world.FileAsync(StationA, MonthsAgo(1), ValidValues(dv: 3, referred: 1, femaleAdult: 1, femaleChild: 1, maleAdult: 1, maleChild: 0));
        var before = await BaseCellsAsync(world);

        await world.FileAsync(StationB, ThisMonth, ValidValues(dv: 4, femaleAdult: 2, femaleChild: 1, maleAdult: 1, maleChild: 0));
        var after = await BaseCellsAsync(world);

        var touched = after.Where(b => b.RegionId == Region && b.PeriodStart == DateOnly.Parse(ThisMonth)).ToList();
        Assert.NotEmpty(touched);
        Assert.Equal(Describe(before.Except(touched, BaseCellKey.Instance)), Describe(after.Except(touched, BaseCellKey.Instance)));
        await AssertProtectedFromTrueSumsAsync(world, after);
        var cell = Assert.Single(touched, b => b.ElementId == Element && b.CategoryKey == "sex=female;age=child");
        Assert.Equal((2, 2), (cell.Value, cell.Reports));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_correction_changes_the_base_cells_and_their_protected_values_only_once_approved(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        var approved = await world.FileAsync(StationA, ThisMonth, ValidValues(dv: 9, femaleAdult: 5, femaleChild: 2, maleAdult: 1, maleChild: 1));
        await world.FileAsync(StationB, ThisMonth, ValidValues(dv: 8, femaleAdult: 5, femaleChild: 1, maleAdult: 1, maleChild: 1));
        var before = await BaseCellsAsync(world);

        var corrected = (await world.FocalPoint(StationA).CorrectReportAsync(new CorrectReportRequest
        {
            ClientRequestId = NewId(), ReportId = approved.Id, ExpectedVersion = approved.Version, Reason = "One case was counted twice.",
            Values = { ValidValues(dv: 8, femaleAdult: 5, femaleChild: 1, maleAdult: 1, maleChild: 1) },
        })).Report;
        var pending = await BaseCellsAsync(world);
        // While the correction waits for review, the last approved revision counts, protected values included.
        Assert.Equal((3, 2), Single(pending, "sex=female;age=child"));
        Assert.Equal(Describe(before), Describe(pending));
        await AssertProtectedFromTrueSumsAsync(world, pending);

        await world.Reviewer(Region).ApproveReportAsync(new ApproveReportRequest { ClientRequestId = NewId(), ReportId = corrected.Id, ExpectedVersion = corrected.Version });
        var reapproved = await BaseCellsAsync(world);
        Assert.Equal((2, 2), Single(reapproved, "sex=female;age=child"));
        await AssertProtectedFromTrueSumsAsync(world, reapproved);
    }

    private static (long, int) Single(IEnumerable<ApprovedTotal> cells, string key)
    {
        var cell = Assert.Single(cells, b => b.ElementId == Element && b.CategoryKey == key);
        return (cell.Value, cell.Reports);
    }

    /// <summary>Every stored protected value is what the protection computes from the stored true sums, nothing stale.</summary>
    private static async Task AssertProtectedFromTrueSumsAsync(ReportingWorld world, IReadOnlyList<ApprovedTotal> cells)
    {
        await using var scope = world.Reporting.CreateScope();
        var protection = scope.ServiceProvider.GetRequiredService<BaseCellProtection>();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        var form = await db.Forms.AsNoTracking().SingleAsync(f => f.Id == MonthlyForm);
        foreach (var group in cells.GroupBy(b => (b.ElementId, b.PeriodStart, b.RegionId)))
        {
            var withData = group.Where(b => b.Reports > 0).ToDictionary(b => b.CategoryKey, b => b.Value);
            var expected = protection.Protect(form.Definition, form.Definition.Element(group.Key.ElementId)!,
                BaseCellProtection.GroupId(MonthlyForm, group.Key.ElementId, group.Key.PeriodStart, group.Key.RegionId), withData);
            Assert.All(group, b => Assert.Equal(b.Reports > 0 ? expected[b.CategoryKey] : 0, b.ProtectedValue));
        }
    }

    private static async Task<List<ApprovedTotal>> BaseCellsAsync(ReportingWorld world)
    {
        await using var scope = world.Reporting.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        return await db.ApprovedTotals.AsNoTracking().Where(t => t.FormId == MonthlyForm).ToListAsync();
    }

    private static List<string> Describe(IEnumerable<ApprovedTotal> cells) => cells
        .Select(b => $"{b.ElementId}|{b.PeriodStart}|{b.RegionId}|{b.CategoryKey}={b.Value}/{b.Reports}/{b.ProtectedValue}").Order(StringComparer.Ordinal).ToList();

    private static Grouping GroupingOf(PeriodGrouping g) => g switch
    {
        PeriodGrouping.Month => Grouping.Month,
        PeriodGrouping.Quarter => Grouping.Quarter,
        _ => Grouping.Year,
    };

    private sealed class BaseCellKey : IEqualityComparer<ApprovedTotal>
    {
        public static readonly BaseCellKey Instance = new();
        public bool Equals(ApprovedTotal? a, ApprovedTotal? b) => (a?.ElementId, a?.PeriodStart, a?.RegionId, a?.CategoryKey) == (b?.ElementId, b?.PeriodStart, b?.RegionId, b?.CategoryKey);
        public int GetHashCode(ApprovedTotal t) => HashCode.Combine(t.ElementId, t.PeriodStart, t.RegionId, t.CategoryKey);
    }
}
