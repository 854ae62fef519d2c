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

    [Fact]
    public Task Every_submission_acknowledged_around_a_killed_Reporting_is_stored_exactly_once() => KillTestSuite.RunAsync(output, RunAsync);

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

        var stream = new KillDuringWrites<(string Station, string Period, string Id)>(killAfter: Stations * PeriodsPerStation / 4);
        await stream.RunAsync(suite, "Reporting", stations.Select(station => (Func<Task>)(async () =>
        {
            var focalPoint = TestTokens.For("focal_point", [station], subject: $"focal-point-of-{station}");
            for (var p = 0; p < PeriodsPerStation; p++)
            {
                var period = Period(p);
                var draft = await writer.SendAsync(focalPoint, HttpMethod.Put, $"/api/v1/reporting/stations/{station}/reports/{StationMonthlyForm.Id}/{period}",
                    new { values = StationMonthlyForm.Values });
                var id = draft.GetProperty("id").GetString()!;
                var submitted = await writer.SendAsync(focalPoint, HttpMethod.Post, $"/api/v1/reporting/reports/{id}/submit", null, draft.GetProperty("version").GetInt64());
                Assert.Equal("submitted", submitted.GetProperty("state").GetString());
                stream.Acknowledge((station, period, id));
            }
        })));
        var acknowledged = stream.Acknowledged;

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
        output.WriteLine($"Reporting kill: acknowledged {acknowledged.Count} submissions ({stream.BeforeKill} before the kill), retried {writer.Retries} requests " +
            $"({writer.Attempts} requests in all), stored {stored} reports, each once with history created+submitted");
    }
}
