using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace GenderArchitecture.EndToEnd.Tests;

/// <summary>
/// A client that retries a write with the same Idempotency-Key until the suite answers it, as long as the failure is the
/// suite's (429, 5xx, no connection): what a real client does after a lost answer.
/// </summary>
internal sealed class RetryingWriter(Uri gateway)
{
    private const int MaxAttempts = 600;
    private readonly HttpClient _http = new() { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(15) };
    private int _retries, _attempts;
    public int Retries => _retries;
    public int Attempts => _attempts;

    /// <summary>A write that must succeed (a 2xx); any other 4xx fails the test as its own mistake.</summary>
    public Task<JsonElement> SendAsync(string token, HttpMethod method, string path, object? body, long? ifMatch = null) =>
        SendContentAsync(token, method, path, () => JsonContent.Create(body ?? new { }), ifMatch);

    public async Task<JsonElement> SendContentAsync(string token, HttpMethod method, string path, Func<HttpContent> content, long? ifMatch = null)
    {
        var (status, body) = await AnswerAsync(token, method, path, content, Guid.NewGuid().ToString(), ifMatch);
        Assert.True((int)status is >= 200 and < 300, $"{method} {path} answered {(int)status}: {body}");
        return body;
    }

    /// <summary>The suite's answer to a write, once it is the write's own (a 2xx or a 4xx other than 429).</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> AnswerAsync(string token, HttpMethod method, string path, Func<HttpContent> content,
        string idempotencyKey, long? ifMatch = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path) { Content = content() };
            request.Headers.Authorization = new("Bearer", token);
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            if (ifMatch is { } version) request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
            Interlocked.Increment(ref _attempts);
            try
            {
                using var response = await _http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                // 429 and 5xx are the suite's (busy, down, or its circuit open): retry.
                if ((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.TooManyRequests)
                {
                    return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
                }
                Assert.True(attempt < MaxAttempts, $"{method} {path} still answered {(int)response.StatusCode} after {attempt} attempts: {text}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && attempt < MaxAttempts) { }
            Interlocked.Increment(ref _retries);
            await Task.Delay(Backoff(attempt));
        }
    }

    /// <summary>
    /// A read that must succeed; retried as writes are while the suite is busy or down (429, 5xx, no connection), but not
    /// counted in <see cref="Attempts"/> and <see cref="Retries"/>, which are the writes'.
    /// </summary>
    public async Task<JsonElement> GetAsync(string token, string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new("Bearer", token);
            try
            {
                using var response = await _http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.TooManyRequests) || attempt >= MaxAttempts)
                {
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}");
                    return JsonDocument.Parse(text).RootElement.Clone();
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && attempt < MaxAttempts) { }
            await Task.Delay(Backoff(attempt));
        }
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Math.Min(2000, 100 * (1 << Math.Min(attempt - 1, 5))));
}
