using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GenderArchitecture.TestSupport;

namespace GenderArchitecture.Gateway.Tests;

/// <summary>A JSON body naming a member twice is ambiguous (which one wins depends on the reader): refused, naming the key.</summary>
public sealed class DuplicateJsonKeyTests
{
    [Theory]
    [InlineData("/api/v1/dev/tokens", """{"role":"oversight","role":"administrator"}""", "role")]
    [InlineData("/api/v1/reporting/lock-exceptions", """{"stationId":"kp-station-a","reason":"late","endsOn":"2030-01-01","stationId":"kp-station-b"}""", "stationId")]
    [InlineData("/api/v1/reporting/lock-exceptions", """{"stationId":"kp-station-a","reason":"late","endsOn":"2030-01-01","StationId":"kp-station-b"}""", "StationId")]
    public async Task A_body_with_a_duplicate_key_is_a_400_naming_the_key(string url, string body, string key)
    {
        await using var app = new GatewayApp();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For("administrator"));
        client.DefaultRequestHeaders.Add("Idempotency-Key", Guid.NewGuid().ToString());

        var response = await client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(key, problem.GetProperty("errors").EnumerateObject().Select(e => e.Name + " " + string.Join(" ", e.Value.EnumerateArray().Select(v => v.GetString()))).First());
    }
}

/// <summary>A null item in a body's list is a 400 naming the item, not a server error when the gateway maps it.</summary>
public sealed class NullItemTests
{
    [Theory]
    [InlineData("/api/v1/training/sessions", """{"trainerServiceNumbers":[null]}""", "trainerServiceNumbers", "Item 0")]
    [InlineData("/api/v1/training/sessions", """{"trainerServiceNumbers":["a",null]}""", "trainerServiceNumbers", "Item 1")]
    public async Task A_null_item_in_a_list_is_a_400_naming_it(string url, string body, string field, string item)
    {
        await using var app = new GatewayApp();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For("administrator"));
        client.DefaultRequestHeaders.Add("Idempotency-Key", Guid.NewGuid().ToString());

        var response = await client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        Assert.Contains(item, messages[0].GetString());
    }
}
