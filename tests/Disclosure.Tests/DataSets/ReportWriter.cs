using System.Net.Http.Json;
using System.Text.Json;
using GenderArchitecture.Disclosure.Tests.Model;
using GenderArchitecture.TestSupport;

namespace GenderArchitecture.Disclosure.Tests.DataSets;

/// <summary>
/// Writes reports as the people who write them: the administrator opens a lock exception (2025 is locked by now),
/// the station's focal point saves and submits, a KP reviewer approves. Every write carries an Idempotency-Key and
/// every transition the If-Match version it started from.
/// </summary>
public sealed class ReportWriter(IntruderSuite suite, IReadOnlyList<(string Element, string Key)> formCells) : IDisposable
{
    public const string Form = "station-monthly";
    private readonly HttpClient _admin = suite.Client(TestTokens.Administrator());
    // A focal point and a reviewer per station: the gateway limits writes per caller (120 a minute), and one
    // caller writing a year of reports for nine stations would be throttled.
    private readonly Dictionary<string, HttpClient> _reviewers = new();

    private HttpClient Reviewer(string station)
    {
        lock (_reviewers)
        {
            return _reviewers.TryGetValue(station, out var client) ? client
                : _reviewers[station] = suite.Client(TestTokens.For("reviewer", units: ["kp"], subject: $"intruder-test-reviewer-of-{station}"));
        }
    }

    private HttpClient FocalPoint(string station) => suite.Client(TestTokens.For("focal_point", units: [station], subject: $"intruder-test-focal-point-{station}"));

    /// <summary>Every cell of the form as (element, category key), totals included: a report fills each one explicitly.</summary>
    public static async Task<IReadOnlyList<(string Element, string Key)>> FormCellsAsync(IntruderSuite suite)
    {
        using var client = suite.Oversight();
        var forms = await client.GetFromJsonAsync<JsonElement>("/api/v1/reporting/forms");
        var form = forms.EnumerateArray().Single(f => f.GetProperty("id").GetString() == Form);
        var options = form.GetProperty("categories").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!,
            c => c.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("id").GetString()!).ToList());
        var cells = new List<(string, string)>();
        foreach (var element in form.GetProperty("elements").EnumerateArray())
        {
            var id = element.GetProperty("id").GetString()!;
            cells.Add((id, ""));
            foreach (var disaggregation in element.GetProperty("disaggregations").EnumerateArray())
            {
                // Keys as the form builds them: category=option pairs in the disaggregation's order, joined by ';'.
                IEnumerable<string> keys = [""];
                foreach (var category in disaggregation.EnumerateArray().Select(c => c.GetString()!))
                {
                    keys = keys.SelectMany(prefix => options[category].Select(o => (prefix.Length == 0 ? "" : prefix + ";") + $"{category}={o}")).ToList();
                }
                cells.AddRange(keys.Select(k => (id, k)));
            }
        }
        return cells;
    }

    public async Task OpenLockExceptionAsync(string station)
    {
        var endsOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd");
        await SendAsync(_admin, HttpMethod.Post, "/api/v1/reporting/lock-exceptions",
            new { stationId = station, reason = "Intruder test: back-filling 2025 reports", endsOn }, null);
    }

    /// <summary>Saves, submits and approves one report; returns its id.</summary>
    public async Task<string> ApproveNewAsync(string station, int month, IReadOnlyDictionary<(string Element, string Key), long> values)
    {
        using var focal = FocalPoint(station);
        var (saved, etag) = await SendAsync(focal, HttpMethod.Put, $"/api/v1/reporting/stations/{station}/reports/{Form}/2025-{month:00}-01",
            new { values = Body(values) }, null);
        var id = saved.GetProperty("id").GetString()!;
        (_, etag) = await SendAsync(focal, HttpMethod.Post, $"/api/v1/reporting/reports/{id}/submit", null, etag);
        await SendAsync(Reviewer(station), HttpMethod.Post, $"/api/v1/reporting/reports/{id}/approve", new { comment = (string?)null }, etag);
        return id;
    }

    /// <summary>Corrects an approved report with a reason, then has the correction approved.</summary>
    public async Task CorrectAndApproveAsync(string reportId, string station, IReadOnlyDictionary<(string Element, string Key), long> values)
    {
        using var focal = FocalPoint(station);
        var current = await focal.GetAsync($"/api/v1/reporting/reports/{reportId}");
        current.EnsureSuccessStatusCode();
        var (_, etag) = await SendAsync(focal, HttpMethod.Post, $"/api/v1/reporting/reports/{reportId}/corrections",
            new { reason = "Intruder test: a case was recorded under the wrong month", values = Body(values) }, current.Headers.ETag!.Tag);
        await SendAsync(Reviewer(station), HttpMethod.Post, $"/api/v1/reporting/reports/{reportId}/approve", new { comment = (string?)null }, etag);
    }

    /// <summary>Every cell of the form: the data set's values, 0 for the elements it does not track.</summary>
    private object[] Body(IReadOnlyDictionary<(string Element, string Key), long> values) =>
        formCells.Select(c => (object)new { elementId = c.Element, categoryKey = c.Key, state = "number", number = values.GetValueOrDefault(c) }).ToArray();

    private static async Task<(JsonElement Body, string? ETag)> SendAsync(HttpClient client, HttpMethod method, string path, object? body, string? ifMatch)
    {
        // A write that timed out may have happened: retrying with the same Idempotency-Key writes it once.
        var key = Guid.NewGuid().ToString();
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null) request.Content = JsonContent.Create(body);
            request.Headers.Add("Idempotency-Key", key);
            if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (((int)response.StatusCode >= 502 || (int)response.StatusCode == 429) && attempt < 6)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(attempt));
                continue;
            }
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
            return (text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response.Headers.ETag?.Tag);
        }
    }

    public void Dispose()
    {
        _admin.Dispose();
        foreach (var reviewer in _reviewers.Values) reviewer.Dispose();
    }
}
