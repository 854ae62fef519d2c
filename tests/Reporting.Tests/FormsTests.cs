using GenderArchitecture.Reporting.V1;
using GenderArchitecture.TestSupport;

namespace GenderArchitecture.Reporting.Tests;

public sealed class FormsTests
{
    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Forms_elements_categories_and_rules_come_from_the_seed_files(DatabaseKind kind)
    {
        await using var app = await GrpcServiceApp<Program>.StartAsync("Reporting", kind, new Dictionary<string, string?> { ["Seeds:Demo"] = "false" });
        var client = new ReportingService.ReportingServiceClient(app.CreateChannel(TestTokens.For("focal_point", units: ["kp-station-prishtina"])));

        var response = await client.ListFormsAsync(new ListFormsRequest());

        var monthly = Assert.Single(response.Forms, f => f.Id == "station-monthly");
        Assert.Equal((PeriodType.Monthly, 10, 30, "station"), (monthly.PeriodType, monthly.DueDays, monthly.LockDays, monthly.ReportingUnitKind));
        var reported = Assert.Single(monthly.Elements, e => e.Id == "dv-cases-reported");
        Assert.Equal([["sex", "age"], ["relationship"]], reported.Disaggregations.Select(d => d.CategoryIds.ToArray()));
        Assert.Equal(["intimate-partner", "other-family", "other"], monthly.Categories.Single(c => c.Id == "relationship").Options.Select(o => o.Id));
        Assert.Contains(monthly.Rules, r => r.Id == "dv-referred-within-reported" && r.Operator == "<=");
        var court = Assert.Single(response.Forms, f => f.Id == "court-quarterly");
        Assert.Equal((PeriodType.Quarterly, "court", 6), (court.PeriodType, court.ReportingUnitKind, court.Elements.Count));
    }
}
