using System.Net.Http.Json;
using System.Text.Json;
using GenderArchitecture.Disclosure.Tests.Model;
using GenderArchitecture.TestSupport;

namespace GenderArchitecture.Disclosure.Tests.DataSets;

/// <summary>The real suite (services and gateway as processes) and HTTP clients for each role the test plays.</summary>
public sealed class IntruderSuite : IAsyncDisposable
{
    private readonly SuiteProcesses _suite;

    private IntruderSuite(SuiteProcesses suite) => _suite = suite;

    /// <remarks>
    /// Deadlines are raised from 3-5 s: the test asks thousands of questions on a shared CI machine, and a slow
    /// answer is not what it measures.
    /// </remarks>
    public static async Task<IntruderSuite> StartAsync(bool demo)
    {
        // Seeding the demonstration data can outlast the 90 s start-up wait on a crowded machine: try once more.
        try
        {
            return new(await SuiteProcesses.StartAsync(Settings(demo)));
        }
        catch (TimeoutException)
        {
            return new(await SuiteProcesses.StartAsync(Settings(demo)));
        }
    }

    private static Dictionary<string, string?> Settings(bool demo) => new()
        {
            ["Seeds:Demo"] = demo ? "true" : "false",
            ["Services:Structure:Deadline"] = "00:00:30",
            ["Services:Training:Deadline"] = "00:00:30",
            ["Services:Reporting:Deadline"] = "00:00:30",
            ["Dashboards:Deadline"] = "00:00:30",
            // The read limit slows an intruder down; it does not stop a patient one, who spreads the same questions over
            // hours. The test asks them all at once (the limit itself is tested in EndToEnd.Tests' AuditTests).
            ["RateLimiting:ReadsPerWindow"] = "1000000",
        };

    public HttpClient Client(string token)
    {
        return IdempotencyKeyHandler.Client(_suite.GatewayAddress, token, TimeSpan.FromSeconds(60));
    }

    public HttpClient Oversight() => Client(TestTokens.For("oversight"));
    public HttpClient Analyst() => Client(TestTokens.For("analyst"));

    /// <summary>The institution's stations that report the station form, with their region, from the register.</summary>
    public async Task<IReadOnlyList<Station>> StationsAsync(string institution)
    {
        using var client = Oversight();
        var stations = new List<Station>();
        string? token = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>(
                $"/api/v1/units/{institution}/subtree?kind=station&pageSize=200{(token is null ? "" : "&pageToken=" + Uri.EscapeDataString(token))}");
            foreach (var unit in page.GetProperty("items").EnumerateArray())
            {
                stations.Add(new Station(unit.GetProperty("id").GetString()!, unit.GetProperty("parentId").GetString()!, unit.GetProperty("institutionId").GetString()!));
            }
            token = page.TryGetProperty("nextPageToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        } while (token is not null);
        return stations.OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
    }

    public string Log => _suite.Log;

    public ValueTask DisposeAsync() => _suite.DisposeAsync();
}
