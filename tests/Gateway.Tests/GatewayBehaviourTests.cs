using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GenderArchitecture.TestSupport;

namespace GenderArchitecture.Gateway.Tests;

public sealed class GatewayBehaviourTests
{
    [Fact]
    public async Task Writes_past_the_limit_get_429_with_retry_after_and_reads_are_not_limited()
    {
        await using var app = new GatewayApp(settings: new() { ["RateLimiting:WritesPerWindow"] = "3", ["RateLimiting:Window"] = "00:01:00" });
        var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/v1/dev/tokens", new { role = "oversight" })).StatusCode);
        }
        var limited = await client.PostAsJsonAsync("/api/v1/dev/tokens", new { role = "oversight" });
        var read = await client.GetAsync("/openapi/v1.json");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task The_development_token_endpoint_does_not_exist_outside_development()
    {
        await using var app = new GatewayApp(environment: "Production", settings: KeyMaterialTests.ProductionKey());

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/dev/tokens", new { role = "administrator" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_development_token_for_an_unknown_role_is_refused()
    {
        await using var app = new GatewayApp();

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/dev/tokens", new { role = "superuser" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("role", out _));
    }

    [Fact]
    public async Task An_unreachable_service_is_a_503_naming_it()
    {
        await using var app = new GatewayApp();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For("oversight"));

        var response = await client.GetAsync("/api/v1/training/curricula");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Training", problem.GetProperty("detail").GetString());
    }
}
