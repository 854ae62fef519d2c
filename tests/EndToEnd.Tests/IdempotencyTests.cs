using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GenderArchitecture.TestSupport;

namespace GenderArchitecture.EndToEnd.Tests;

[Collection(SuiteCollection.Name)]
public sealed class IdempotencyTests(SuiteFixture fixture)
{
    private static HttpRequestMessage SaveDraft(string station, string key, int count)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/reporting/stations/{station}/reports/station-monthly/{PeriodStart}")
        {
            Content = new StringContent($$"""{"values":[{"elementId":"dv-cases-reported","state":"number","number":{{count}}}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    // The month before last: open for edits (not yet locked) whatever today is.
    private static readonly string PeriodStart = SuiteFixture.LastMonth;

    [Fact]
    public async Task A_retried_write_with_the_same_idempotency_key_writes_once_and_a_different_payload_is_unprocessable()
    {
        // A station of its own, so no demonstration report already holds the period.
        var (stationId, focalPoint) = await fixture.NewStationAsync("E2E test station");
        var key = Guid.NewGuid().ToString();

        var first = await focalPoint.SendAsync(SaveDraft(stationId, key, 7));
        var retry = await focalPoint.SendAsync(SaveDraft(stationId, key, 7));
        var sameKeyOtherPayload = await focalPoint.SendAsync(SaveDraft(stationId, key, 8));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var a = await first.Content.ReadFromJsonAsync<JsonElement>();
        var b = await retry.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(a.GetProperty("id").GetString(), b.GetProperty("id").GetString());
        Assert.Equal(a.GetProperty("version").GetInt64(), b.GetProperty("version").GetInt64());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, sameKeyOtherPayload.StatusCode);

        var reports = await focalPoint.GetFromJsonAsync<JsonElement>($"/api/v1/reporting/stations/{stationId}/reports");
        Assert.Single(reports.GetProperty("items").EnumerateArray());
        var history = await focalPoint.GetFromJsonAsync<JsonElement[]>($"/api/v1/reporting/reports/{a.GetProperty("id").GetString()}/history");
        Assert.Single(history!);
    }

    [Fact]
    public async Task An_edit_from_a_stale_version_is_409_with_the_current_version()
    {
        var (stationId, focalPoint) = await fixture.NewStationAsync("E2E test station");
        var first = await focalPoint.SendAsync(SaveDraft(stationId, Guid.NewGuid().ToString(), 1));
        var etag = first.Headers.ETag!.Tag;
        var second = SaveDraft(stationId, Guid.NewGuid().ToString(), 2);
        second.Headers.TryAddWithoutValidation("If-Match", etag);
        Assert.Equal(HttpStatusCode.OK, (await focalPoint.SendAsync(second)).StatusCode);

        var stale = SaveDraft(stationId, Guid.NewGuid().ToString(), 3);
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        var response = await focalPoint.SendAsync(stale);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("currentVersion").GetInt64() > long.Parse(etag.Trim('"')));
    }

    [Fact]
    public async Task A_retried_Structure_write_through_the_gateway_writes_once_and_a_different_payload_is_unprocessable()
    {
        var admin = fixture.PlainClient(TestTokens.For("administrator"));
        var agenda = "E2E idempotency " + Guid.NewGuid().ToString("N")[..8];
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Plan(string plannedOn)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bodies/kp-advisory-board/meetings") { Content = JsonContent.Create(new { plannedOn, agenda }) };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        var first = await admin.SendAsync(Plan("2030-03-01"));
        var retry = await admin.SendAsync(Plan("2030-03-01"));
        var sameKeyOtherPayload = await admin.SendAsync(Plan("2030-04-01"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var a = await first.Content.ReadFromJsonAsync<JsonElement>();
        var b = await retry.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(a.GetProperty("id").GetString(), b.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, sameKeyOtherPayload.StatusCode);
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", await ViolationAsync(sameKeyOtherPayload));
        var meetings = await admin.GetFromJsonAsync<JsonElement>("/api/v1/bodies/kp-advisory-board/meetings?from=2030-03-01&to=2030-04-30");
        Assert.Single(meetings.GetProperty("items").EnumerateArray(), m => m.GetProperty("agenda").GetString() == agenda);
    }

    [Fact]
    public async Task A_retried_Training_write_through_the_gateway_writes_once_and_a_different_payload_is_unprocessable()
    {
        var arrange = new MatrixArrange(fixture);
        var session = MatrixTraining.Id(await MatrixTraining.SessionAsync(arrange));
        var (officer, other) = (await MatrixTraining.OfficerAsync(arrange), await MatrixTraining.OfficerAsync(arrange));
        // A plain client: the keys below are the test's, none is added for it.
        var admin = fixture.PlainClient(MatrixArrange.AdminToken());
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Enrol(string serviceNumber)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/training/sessions/{session}/enrolments") { Content = JsonContent.Create(new { serviceNumber }) };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        var first = await admin.SendAsync(Enrol(officer));
        var retry = await admin.SendAsync(Enrol(officer));
        var sameKeyOtherPayload = await admin.SendAsync(Enrol(other));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var (a, b) = (await first.Content.ReadFromJsonAsync<JsonElement>(), await retry.Content.ReadFromJsonAsync<JsonElement>());
        Assert.Equal(a.GetProperty("id").GetString(), b.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, sameKeyOtherPayload.StatusCode);
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", await ViolationAsync(sameKeyOtherPayload));
        var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/training/sessions/{session}");
        var enrolled = detail.GetProperty("enrolments").EnumerateArray().Select(e => e.GetProperty("serviceNumber").GetString()).ToList();
        Assert.Equal([officer], enrolled);
    }

    private static async Task<string?> ViolationAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.TryGetProperty("violations", out var violations) ? violations[0].GetProperty("type").GetString() : problem.ToString();
    }
}
