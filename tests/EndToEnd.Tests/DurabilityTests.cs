using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GenderArchitecture.TestSupport;
using Xunit.Abstractions;

namespace GenderArchitecture.EndToEnd.Tests;

/// <summary>
/// Kills a service (SIGKILL) in the middle of a stream of writes from concurrent clients that retry with their
/// Idempotency-Keys, as a real client would after a lost answer. Runs its own suite, since it kills a process.
/// </summary>
public sealed class DurabilityTests(ITestOutputHelper output)
{
    private const int Stations = 6, PeriodsPerStation = 6;

    // Every cell of the station-monthly form, so the submission passes its validation rules.
    private static readonly object[] Values =
    [
        new { elementId = "dv-cases-reported", state = "number", number = 3 },
        .. SexAndAge("dv-cases-reported", 3),
        new { elementId = "dv-cases-reported", categoryKey = "relationship=intimate-partner", state = "number", number = 3 },
        new { elementId = "dv-cases-reported", categoryKey = "relationship=other-family", state = "number", number = 0 },
        new { elementId = "dv-cases-reported", categoryKey = "relationship=other", state = "number", number = 0 },
        new { elementId = "dv-cases-referred", state = "number", number = 3 },
        new { elementId = "protection-orders-requested", state = "number", number = 1 },
        new { elementId = "protection-orders-issued", state = "number", number = 1 },
        new { elementId = "thb-cases-identified", state = "number", number = 0 },
        new { elementId = "thb-victims-identified", state = "number", number = 0 },
        .. SexAndAge("thb-victims-identified", 0),
        new { elementId = "thb-victims-referred", state = "not_applicable" },
    ];

    private static object[] SexAndAge(string elementId, int adultWomen) =>
    [
        new { elementId, categoryKey = "sex=female;age=child", state = "number", number = 0 },
        new { elementId, categoryKey = "sex=female;age=adult", state = "number", number = adultWomen },
        new { elementId, categoryKey = "sex=male;age=child", state = "number", number = 0 },
        new { elementId, categoryKey = "sex=male;age=adult", state = "number", number = 0 },
    ];

    [Fact]
    public async Task Every_submission_acknowledged_around_a_killed_Reporting_is_stored_exactly_once()
    {
        // The write limit is the gateway's defence against one caller, not what this test is about.
        await using var suite = await SuiteProcesses.StartAsync(new() { ["Seeds:Demo"] = "false", ["RateLimiting:WritesPerWindow"] = "100000" });
        try
        {
            await RunAsync(suite);
        }
        catch
        {
            output.WriteLine(suite.Log);
            throw;
        }
    }

    /// <summary>The p-th month written: from two months ago backwards, all ended and locked.</summary>
    private static string Period(int p) => new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1).AddMonths(-2 - p).ToString("yyyy-MM-dd");

    private async Task RunAsync(SuiteProcesses suite)
    {
        var writer = new RetryingWriter(suite.GatewayAddress);
        var stations = Enumerable.Range(0, Stations).Select(i => $"kp-station-kill-{i}").ToArray();
        var admin = TestTokens.For("administrator");
        foreach (var station in stations)
        {
            await writer.SendAsync(admin, HttpMethod.Post, "/api/v1/units",
                new { id = station, name = "Kill test station", kind = "station", parentId = "kp-region-prishtina", openedOn = "2020-01-01" });
            // Back-filling older months needs the station's locked periods opened.
            await writer.SendAsync(admin, HttpMethod.Post, "/api/v1/reporting/lock-exceptions",
                new
                {
                    stationId = station, reason = "Kill test back-fill", formId = "station-monthly",
                    periodFrom = Period(PeriodsPerStation - 1), periodTo = Period(0), endsOn = DateTime.UtcNow.AddDays(7).ToString("yyyy-MM-dd"),
                });
        }

        var acknowledged = new ConcurrentBag<(string Station, string Period, string Id)>();
        var halfway = new TaskCompletionSource();
        var clients = stations.Select(station => Task.Run(async () =>
        {
            var focalPoint = TestTokens.For("focal_point", [station], subject: $"focal-point-of-{station}");
            for (var p = 0; p < PeriodsPerStation; p++)
            {
                var period = Period(p);
                var draft = await writer.SendAsync(focalPoint, HttpMethod.Put, $"/api/v1/reporting/stations/{station}/reports/station-monthly/{period}", new { values = Values });
                var id = draft.GetProperty("id").GetString()!;
                var submitted = await writer.SendAsync(focalPoint, HttpMethod.Post, $"/api/v1/reporting/reports/{id}/submit", null, draft.GetProperty("version").GetInt64());
                Assert.Equal("submitted", submitted.GetProperty("state").GetString());
                acknowledged.Add((station, period, id));
                if (acknowledged.Count >= Stations * PeriodsPerStation / 4) halfway.TrySetResult();
            }
        })).ToList();

        // A client that fails outright (a 4xx) ends the wait too, and its error is the test's.
        await Task.WhenAny(halfway.Task, Task.WhenAll(clients));
        var beforeKill = acknowledged.Count;
        await suite.StopServiceAsync("Reporting");
        await suite.StartServiceAsync("Reporting");
        await Task.WhenAll(clients);

        var reader = TestTokens.For("administrator");
        var stored = 0;
        foreach (var station in stations)
        {
            var reports = await writer.GetAsync(reader, $"/api/v1/reporting/stations/{station}/reports?pageSize=100");
            var items = reports.GetProperty("items").EnumerateArray().ToList();
            stored += items.Count;
            Assert.Equal(PeriodsPerStation, items.Count);
            Assert.All(items, r => Assert.Equal("submitted", r.GetProperty("state").GetString()));
            foreach (var report in items)
            {
                var history = await writer.GetAsync(reader, $"/api/v1/reporting/reports/{report.GetProperty("id").GetString()}/history");
                Assert.Equal(["created", "submitted"], history.EnumerateArray().Select(e => e.GetProperty("action").GetString()!).Order());
            }
        }
        var ids = acknowledged.Select(a => a.Id).ToHashSet();
        Assert.Equal(Stations * PeriodsPerStation, ids.Count);
        Assert.True(writer.Retries > 0, "no write met the outage, so the test proved nothing");
        output.WriteLine($"Reporting kill: acknowledged {acknowledged.Count} submissions ({beforeKill} before the kill), retried {writer.Retries} requests " +
            $"({writer.Attempts} requests in all), stored {stored} reports, each once with history created+submitted");
    }
}

/// <summary>A client that retries a write with the same Idempotency-Key until the suite answers it (a 2xx), as long as the failure is the suite's.</summary>
internal sealed class RetryingWriter(Uri gateway)
{
    private readonly HttpClient _http = new() { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(15) };
    private int _retries, _attempts;
    public int Retries => _retries;
    public int Attempts => _attempts;

    public async Task<JsonElement> SendAsync(string token, HttpMethod method, string path, object? body, long? ifMatch = null)
    {
        var key = Guid.NewGuid().ToString();
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body ?? new { }) };
            request.Headers.Authorization = new("Bearer", token);
            request.Headers.Add("Idempotency-Key", key);
            if (ifMatch is { } version) request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
            Interlocked.Increment(ref _attempts);
            try
            {
                using var response = await _http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode) return JsonDocument.Parse(text).RootElement.Clone();
                // 429 and 5xx are the suite's (busy, down, or its circuit open): retry; any other 4xx is the test's mistake.
                if (((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.TooManyRequests) || attempt >= 600)
                {
                    Assert.Fail($"{method} {path} answered {(int)response.StatusCode} on attempt {attempt + 1}: {text}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && attempt < 600) { }
            Interlocked.Increment(ref _retries);
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * (1 << Math.Min(attempt, 5)))));
        }
    }

    public async Task<JsonElement> GetAsync(string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", token);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
