using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GenderArchitecture.TestSupport;

namespace GenderArchitecture.EndToEnd.Tests;

/// <summary>
/// Through the gateway, a body that does not say every cell it sends is refused with 400 naming the field, and
/// nothing changes: no values, null values, a null cell, a number cell without a number.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class ExplicitCellsTests(SuiteFixture fixture)
{
    private static readonly string PeriodStart = SuiteFixture.LastMonth;

    [Theory]
    [InlineData("""{}""", "values")]
    [InlineData("""{"values":null}""", "values")]
    [InlineData("""{"values":[null]}""", "values")] // the gateway's reader refuses the null item itself: "Item 0 must not be null."
    [InlineData("""{"values":[{"elementId":"dv-cases-referred","state":"number","number":1},{"elementId":"dv-cases-reported","state":"number","number":null}]}""", "values[1].number")]
    [InlineData("""{"values":[{"elementId":"dv-cases-reported","state":"number"}]}""", "values[0].number")]
    public async Task A_body_that_leaves_a_cell_unsaid_is_refused_naming_it_and_the_draft_keeps_its_values(string body, string field)
    {
        var (stationId, focalPoint) = await fixture.NewStationAsync("E2E cells station");
        var first = await focalPoint.SendAsync(Put(stationId, """{"values":[{"elementId":"dv-cases-reported","state":"number","number":7}]}""", version: null));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var draft = await first.Content.ReadFromJsonAsync<JsonElement>();
        var version = draft.GetProperty("version").GetInt64();

        var refused = await focalPoint.SendAsync(Put(stationId, body, version));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        var after = await focalPoint.GetFromJsonAsync<JsonElement>($"/api/v1/reporting/reports/{draft.GetProperty("id").GetString()}");
        Assert.Equal(version, after.GetProperty("version").GetInt64());
        var value = Assert.Single(after.GetProperty("values").EnumerateArray());
        Assert.Equal(7, value.GetProperty("number").GetInt64());
    }

    private static HttpRequestMessage Put(string station, string body, long? version)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/reporting/stations/{station}/reports/station-monthly/{PeriodStart}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        if (version is { } v) request.Headers.TryAddWithoutValidation("If-Match", $"\"{v}\"");
        return request;
    }
}
