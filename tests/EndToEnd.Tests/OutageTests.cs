using System.Diagnostics;
using System.Net;
using System.Text.Json;
using GenderArchitecture.TestSupport;

namespace GenderArchitecture.EndToEnd.Tests;

/// <summary>Stops services, so it runs its own suite rather than the shared one.</summary>
public sealed class OutageTests
{
    [Fact]
    public async Task A_stopped_service_gives_503_naming_it_within_the_deadline_and_the_others_still_answer()
    {
        await using var suite = await SuiteProcesses.StartAsync(new() { ["Seeds:Demo"] = "false" });
        using var client = IdempotencyKeyHandler.Client(suite.GatewayAddress, TestTokens.For("oversight"), Timeout.InfiniteTimeSpan);

        await suite.StopServiceAsync("Reporting");
        var clock = Stopwatch.StartNew();
        var down = await client.GetAsync("/api/v1/reporting/forms");
        clock.Stop();
        var stillUp = await client.GetAsync("/api/v1/training/curricula");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        var problem = JsonDocument.Parse(await down.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("Reporting", problem.GetProperty("detail").GetString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"took {clock.Elapsed}");
        Assert.Equal(HttpStatusCode.OK, stillUp.StatusCode);

        await suite.StartServiceAsync("Reporting");
        var back = await client.GetAsync("/api/v1/reporting/forms");
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }
}
