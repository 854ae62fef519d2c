using System.Net.Http.Json;
using System.Text.Json;
using GenderArchitecture.TestSupport;

namespace GenderArchitecture.Browser.Tests;

/// <summary>Data a scenario starts from, written through the gateway's API as the station's focal point and reviewer would.</summary>
internal static class Arrange
{
    /// <summary>A report that breaks no rule: only totals, so no disaggregation has to add up.</summary>
    /// <summary>Every cell of the station form (submitting needs them all), the breakdowns adding up.</summary>
    public static object[] ValidValues(int dvCases, int thbCases) =>
    [
        new { elementId = "dv-cases-reported", state = "number", number = dvCases },
        .. Breakdown("dv-cases-reported", dvCases, "sex=female;age=adult", "sex=female;age=child", "sex=male;age=adult", "sex=male;age=child"),
        .. Breakdown("dv-cases-reported", dvCases, "relationship=intimate-partner", "relationship=other-family", "relationship=other"),
        new { elementId = "dv-cases-referred", state = "number", number = dvCases },
        new { elementId = "protection-orders-requested", state = "number", number = 1 },
        new { elementId = "protection-orders-issued", state = "number", number = 1 },
        new { elementId = "thb-cases-identified", state = "number", number = thbCases },
        new { elementId = "thb-victims-identified", state = "number", number = thbCases },
        .. Breakdown("thb-victims-identified", thbCases, "sex=female;age=adult", "sex=female;age=child", "sex=male;age=adult", "sex=male;age=child"),
        new { elementId = "thb-victims-referred", state = "not_applicable" },
    ];

    /// <summary>A breakdown's cells: everything in the first, zero in the others.</summary>
    private static IEnumerable<object> Breakdown(string element, int total, params string[] keys) =>
        keys.Select((key, i) => (object)new { elementId = element, categoryKey = key, state = "number", number = i == 0 ? total : 0 });

    /// <summary>The station's focal point saves and submits a report for the period; returns its id and version.</summary>
    public static async Task<(string Id, long Version)> SubmitReportAsync(BrowserFixture fixture, string station, string period, object[] values)
    {
        using var api = fixture.Api(TestTokens.For("focal_point", [station]));
        using var save = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/reporting/stations/{station}/reports/{ReportPages.StationForm}/{period}")
        {
            Content = JsonContent.Create(new { values }),
        };
        save.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var report = await SendAsync(api, save);

        using var submit = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/reporting/reports/{report.GetProperty("id").GetString()}/submit");
        submit.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        submit.Headers.TryAddWithoutValidation("If-Match", $"\"{report.GetProperty("version").GetInt64()}\"");
        var submitted = await SendAsync(api, submit);
        return (submitted.GetProperty("id").GetString()!, submitted.GetProperty("version").GetInt64());
    }

    /// <summary>A reviewer of the station approves the submitted report, so it counts in the aggregates.</summary>
    public static async Task ApproveAsync(BrowserFixture fixture, string station, (string Id, long Version) report)
    {
        using var api = fixture.Api(TestTokens.For("reviewer", [station]));
        using var approve = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/reporting/reports/{report.Id}/approve") { Content = JsonContent.Create(new { comment = "" }) };
        approve.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        approve.Headers.TryAddWithoutValidation("If-Match", $"\"{report.Version}\"");
        await SendAsync(api, approve);
    }

    private static async Task<JsonElement> SendAsync(HttpClient api, HttpRequestMessage request)
    {
        var response = await api.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
