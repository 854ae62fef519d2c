using GenderArchitecture.Reporting.V1;
using GenderArchitecture.TestSupport;
using Grpc.Core;
using static GenderArchitecture.Reporting.Tests.ReportingWorld;

namespace GenderArchitecture.Reporting.Tests;

/// <summary>Dates at the ends of the calendar are a caller's mistake: InvalidArgument naming the field, never Internal.</summary>
public sealed class DateEdgeTests
{
    [Theory]
    [InlineData("9999-12-01", "9999-12-01", "period_from")]
    [InlineData("9999-11-01", "9999-12-01", "period_from")]
    [InlineData("0001-01-01", "0001-02-01", "period_from")]
    [InlineData("2024-01-01", "9999-12-01", "period_to")]
    public async Task Completeness_and_aggregates_refuse_dates_outside_the_supported_range_naming_the_field(string from, string to, string field)
    {
        await using var world = await StartAsync(DatabaseKind.Sqlite);
        var analyst = world.As("analyst");

        var completeness = await Assert.ThrowsAsync<RpcException>(() => analyst.GetCompletenessAsync(
            new GetCompletenessRequest { FormId = MonthlyForm, PeriodFrom = from, PeriodTo = to }).ResponseAsync);
        var aggregates = await Assert.ThrowsAsync<RpcException>(() => analyst.GetAggregatesAsync(new GetAggregatesRequest
        {
            FormId = MonthlyForm, ElementId = "dv-cases-reported", PeriodFrom = from, PeriodTo = to, Grouping = PeriodGrouping.Month,
        }).ResponseAsync);

        foreach (var error in new[] { completeness, aggregates })
        {
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.Contains(field, error.Status.Detail);
        }
    }
}
