using System.Net.Http.Json;
using System.Text.Json;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.TestSupport;
using static GenderArchitecture.EndToEnd.Tests.MatrixArrange;

namespace GenderArchitecture.EndToEnd.Tests;

/// <summary>
/// Fresh Prishtina station reports for the matrix's report cells: each in its own long-ended month (2001 on, opened by its own
/// lock exception), saved and submitted by a focal point and approved by a reviewer whose subjects are fresh, so neither
/// the write limit nor segregation of duties touches the matrix's own callers.
/// </summary>
internal static class MatrixReports
{
    private const string Station = "kp-station-prishtina";
    private static int _next;

    public static string FocalPoint() => TestTokens.For(SuiteRoles.FocalPoint, units: [Station], subject: Unique("mx-fp"));
    private static string Reviewer() => TestTokens.For(SuiteRoles.Reviewer, units: ["kp-region-prishtina"], subject: Unique("mx-rv"));

    /// <summary>A saved draft (id, version) in a month of its own; <paramref name="focalPoint"/> is who saved it.</summary>
    public static async Task<JsonElement> DraftAsync(MatrixArrange a, string focalPoint)
    {
        var period = new DateOnly(2001, 1, 1).AddMonths(Interlocked.Increment(ref _next)).ToString("yyyy-MM-dd");
        await a.PostAsync("/api/v1/reporting/lock-exceptions", new
        {
            stationId = Station, reason = "Matrix", formId = "station-monthly", periodFrom = period, periodTo = period,
            endsOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd"),
        });
        return await a.SendAsync(HttpMethod.Put, $"/api/v1/reporting/stations/{Station}/reports/station-monthly/{period}", new { values = StationMonthlyForm.Values }, focalPoint);
    }

    public static async Task<JsonElement> SubmittedAsync(MatrixArrange a)
    {
        var focalPoint = FocalPoint();
        var draft = await DraftAsync(a, focalPoint);
        return await SendAsync(a, Request(HttpMethod.Post, $"/api/v1/reporting/reports/{Id(draft)}/submit", new { }, Version(draft)), focalPoint);
    }

    public static async Task<JsonElement> ApprovedAsync(MatrixArrange a)
    {
        var submitted = await SubmittedAsync(a);
        return await SendAsync(a, Request(HttpMethod.Post, $"/api/v1/reporting/reports/{Id(submitted)}/approve", new { comment = "" }, Version(submitted)), Reviewer());
    }

    /// <summary>A JSON request carrying the version it expects as If-Match.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, object body, long version)
    {
        var request = Json(method, path, body);
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        return request;
    }

    public static string Id(JsonElement e) => e.GetProperty("id").GetString()!;
    public static long Version(JsonElement e) => e.GetProperty("version").GetInt64();

    private static async Task<JsonElement> SendAsync(MatrixArrange a, HttpRequestMessage request, string token)
    {
        using var _ = request;
        using var response = await a.Fixture.Client(token).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"arranging {request.Method} {request.RequestUri}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
