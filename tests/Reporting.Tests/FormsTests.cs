using GenderArchitecture.Reporting.V1;
using GenderArchitecture.TestSupport;

namespace GenderArchitecture.Reporting.Tests;

public sealed class FormsTests
{
    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Forms_come_from_the_seed_files(DatabaseKind kind)
    {
        await using var app = await GrpcServiceApp<Program>.StartAsync("Reporting", kind);
        var client = new ReportingService.ReportingServiceClient(app.CreateChannel(TestTokens.For("focal_point", units: ["kp-station-prishtina"])));

        var response = await client.ListFormsAsync(new ListFormsRequest());

        var monthly = Assert.Single(response.Forms, f => f.Id == "station-monthly");
        Assert.Equal(PeriodType.Monthly, monthly.PeriodType);
        Assert.Contains(response.Forms, f => f.Id == "court-quarterly" && f.PeriodType == PeriodType.Quarterly);
    }
}
