namespace GenderArchitecture.Browser.Tests;

/// <summary>
/// The pages' one fetch helper (js/api.js) gives every write an Idempotency-Key: a fresh one per user action, and the
/// same one when that action is sent again after its answer was lost, so the retry is written once.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WriteKeyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Every_write_carries_a_key_fresh_per_action_and_the_same_on_a_retry_after_a_lost_answer()
    {
        await using var session = await fixture.OpenAsync(nameof(Every_write_carries_a_key_fresh_per_action_and_the_same_on_a_retry_after_a_lost_answer));
        var page = session.Page;
        var keys = new List<string?>();
        await page.RouteAsync("**/api/v1/write-key-probe", async route =>
        {
            lock (keys) keys.Add(route.Request.Headers.GetValueOrDefault("idempotency-key"));
            // The first answer is lost on the way back: the page cannot know whether the write happened.
            if (keys.Count == 1) await route.AbortAsync();
            else await route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = "{}" });
        });
        await page.GotoAsync("index.html");

        await page.EvaluateAsync("""
            async () => {
              const api = await import('/js/api.js');
              try { await api.post('/api/v1/write-key-probe', { n: 1 }); } catch { }
              await api.post('/api/v1/write-key-probe', { n: 1 });
              await api.post('/api/v1/write-key-probe', { n: 1 });
              await api.put('/api/v1/write-key-probe', { n: 2 });
              await api.patch('/api/v1/write-key-probe', { n: 2 });
              await api.del('/api/v1/write-key-probe');
            }
            """);

        Assert.Equal(6, keys.Count);
        Assert.All(keys, k => Assert.False(string.IsNullOrEmpty(k)));
        Assert.Equal(keys[0], keys[1]);
        // After the retry succeeded, the same request again is a new action; every other write is one too.
        Assert.Equal(5, keys.Skip(1).Distinct().Count());
    }
}
