using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GenderArchitecture.TestSupport;

namespace GenderArchitecture.Gateway.Tests;

/// <summary>
/// Dates in query strings and paths are checked once at the gateway, before any service is called (the services
/// here are unreachable, so anything that got through would answer 503): a client's mistake is a 400 naming it.
/// </summary>
public sealed class QueryDateTests
{
    [Theory]
    [InlineData("/api/v1/dashboards/kp?to=0001-01-15", "to")]
    [InlineData("/api/v1/dashboards/kp?from=9999-12-31&to=9999-12-31", "from")]
    [InlineData("/api/v1/dashboards/kp?from=2025-05-01&to=2024-01-01", "to")]
    [InlineData("/api/v1/reporting/aggregates?formId=f&elementId=e&periodFrom=9999-12-01&periodTo=9999-12-01", "periodFrom")]
    [InlineData("/api/v1/reporting/aggregates?formId=f&elementId=e&periodFrom=2024-01-01&periodTo=2023-01-01", "periodTo")]
    [InlineData("/api/v1/reporting/aggregates?formId=f&elementId=e&periodFrom=1024-01-01&periodTo=2024-01-01", "periodFrom")]
    [InlineData("/api/v1/reporting/completeness?formId=f&periodFrom=2024-01-01&periodTo=10000-01-01", "periodTo")]
    [InlineData("/api/v1/reporting/completeness?formId=f&periodFrom=2024-13-01", "periodFrom")]
    [InlineData("/api/v1/training/compliance?rootUnitId=kp&onDate=0001-01-01", "onDate")]
    [InlineData("/api/v1/audit?from=9999-12-31T23:59:59Z", "from")]
    public async Task A_date_outside_the_supported_range_or_an_inverted_range_is_a_400_naming_the_parameter(string url, string parameter)
    {
        await using var app = new GatewayApp();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For("administrator"));

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task A_date_in_a_path_is_checked_too()
    {
        await using var app = new GatewayApp();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For("focal_point"));

        var response = await client.PutAsJsonAsync("/api/v1/reporting/stations/s/reports/f/9999-12-01", new { values = Array.Empty<object>() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("periodStart", out _), problem.ToString());
    }
}
