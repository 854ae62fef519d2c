using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GenderArchitecture.TestSupport;
using Xunit.Abstractions;

namespace GenderArchitecture.EndToEnd.Tests;

/// <summary>
/// The frame of a kill test: concurrent clients write through the gateway and record each write the suite acknowledged;
/// once <c>killAfter</c> are acknowledged, one service is killed (SIGKILL) and started again on the same
/// ports and database while the clients keep retrying; then every client is awaited.
/// </summary>
internal sealed class KillDuringWrites<T>(int killAfter)
{
    private readonly ConcurrentQueue<T> _acknowledged = new();
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyCollection<T> Acknowledged => _acknowledged;
    /// <summary>How many writes were acknowledged when the kill came.</summary>
    public int BeforeKill { get; private set; }

    public void Acknowledge(T write)
    {
        _acknowledged.Enqueue(write);
        if (_acknowledged.Count >= killAfter) _reached.TrySetResult();
    }

    public async Task RunAsync(SuiteProcesses suite, string service, IEnumerable<Func<Task>> clients)
    {
        var running = clients.Select(Task.Run).ToList();
        // A client that fails outright (a 4xx) ends the wait too, and its error is the test's.
        await Task.WhenAny(_reached.Task, Task.WhenAll(running));
        BeforeKill = _acknowledged.Count;
        await suite.StopServiceAsync(service);
        await suite.StartServiceAsync(service);
        await Task.WhenAll(running);
    }
}

/// <summary>The suite of a kill test.</summary>
internal static class KillTestSuite
{
    /// <summary>Starts a suite of its own (a kill test kills one of its processes) and prints its log when the test fails.</summary>
    public static async Task RunAsync(ITestOutputHelper output, Func<SuiteProcesses, Task> test)
    {
        // The write limit is the gateway's defence against one caller, not what a kill test is about.
        await using var suite = await SuiteProcesses.StartAsync(new() { ["Seeds:Demo"] = "false", ["RateLimiting:WritesPerWindow"] = "100000" });
        try
        {
            await test(suite);
        }
        catch
        {
            output.WriteLine(suite.Log);
            throw;
        }
    }
}

/// <summary>A client that retries a write with the same Idempotency-Key until the suite answers it (a 2xx), as long as the failure is the suite's.</summary>
internal sealed class RetryingWriter(Uri gateway)
{
    private readonly HttpClient _http = new() { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(15) };
    private int _retries, _attempts;
    public int Retries => _retries;
    public int Attempts => _attempts;

    public Task<JsonElement> SendAsync(string token, HttpMethod method, string path, object? body, long? ifMatch = null) =>
        SendContentAsync(token, method, path, () => JsonContent.Create(body ?? new { }), ifMatch);

    public async Task<JsonElement> SendContentAsync(string token, HttpMethod method, string path, Func<HttpContent> content, long? ifMatch = null)
    {
        var key = Guid.NewGuid().ToString();
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path) { Content = content() };
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
