using System.Diagnostics;
using GenderArchitecture.TestSupport;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace GenderArchitecture.Gateway.Tests.Fuzz;

/// <summary>
/// Thousands of malformed requests over every /api endpoint the gateway maps (read from its EndpointDataSource, so a
/// new endpoint is fuzzed without a line here), against the real services as processes: no answer is a 5xx, and a
/// refused write leaves every service's database as it was.
/// </summary>
public sealed class EndpointFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Seed = 20261201;
    private SuiteProcesses _suite = null!;
    private GatewayApp _gateway = null!;

    public async Task InitializeAsync()
    {
        _suite = await SuiteProcesses.StartAsync();
        _gateway = new GatewayApp(settings: new()
        {
            ["Services:Structure:Address"] = _suite.GrpcAddress("Structure"),
            ["Services:Training:Address"] = _suite.GrpcAddress("Training"),
            ["Services:Reporting:Address"] = _suite.GrpcAddress("Reporting"),
            // The limits are per caller and would turn most cases into 429s; they are tested on their own.
            ["RateLimiting:WritesPerWindow"] = "1000000",
            ["RateLimiting:ReadsPerWindow"] = "1000000",
            ["Logging:LogLevel:Default"] = "Error",
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _suite.DisposeAsync();
    }

    [Fact]
    public async Task Malformed_requests_to_every_endpoint_are_never_a_5xx_and_a_refused_write_changes_nothing()
    {
        var endpoints = ApiEndpoint.From(_gateway.Services.GetRequiredService<EndpointDataSource>(), _gateway.Services).ToList();
        var random = new Random(Seed);
        var cases = endpoints.SelectMany(e => FuzzCases.For(e, random)).ToList();
        var tokens = FuzzCases.Roles.ToDictionary(r => r, r => TestTokens.For(r, units: r is "focal_point" or "reviewer" ? ["kp-station-prishtina-1", "kp-region-prishtina"] : null,
            institution: r == "training_officer" ? "kp" : null));
        var client = _gateway.CreateClient();
        using var databases = new DatabaseState(_suite.DataFolder);

        var statuses = new SortedDictionary<int, int>();
        var serverErrors = new List<string>();
        var writesThatChangedState = new List<string>();
        var accepted = 0;
        var clock = Stopwatch.StartNew();
        var before = databases.Snapshot();
        foreach (var c in cases)
        {
            using var request = new HttpRequestMessage(new HttpMethod(c.Method), c.Url) { Content = FuzzCases.Content(c.Body) };
            request.Headers.Authorization = new("Bearer", tokens[c.Role]);
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500) serverErrors.Add($"{status} {c.Method} {Cut(c.Url)} as {c.Role}: {c.Description}: {Cut(await response.Content.ReadAsStringAsync())}");
            if (!c.IsWrite) continue;
            var after = databases.Snapshot();
            if (status is >= 200 and < 300) accepted++;
            else if (DatabaseState.Difference(before, after) is { } changed) writesThatChangedState.Add($"{status} {c.Method} {Cut(c.Url)}: {c.Description}: {changed}");
            before = after;
        }

        output.WriteLine($"{cases.Count} cases over {endpoints.Count} endpoints ({cases.Count(c => c.IsWrite)} writes, {accepted} accepted) in {clock.Elapsed.TotalSeconds:0.0} s, seed {Seed}");
        output.WriteLine("statuses: " + string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}")));
        Assert.True(cases.Count >= 2000, $"only {cases.Count} cases");
        Assert.True(serverErrors.Count == 0, $"{serverErrors.Count} answers were 5xx:\n" + string.Join("\n", serverErrors.Take(40)));
        Assert.True(writesThatChangedState.Count == 0, $"{writesThatChangedState.Count} refused writes changed a database:\n" + string.Join("\n", writesThatChangedState.Take(40)));
    }

    private static string Cut(string text) => text.Length <= 300 ? text : text[..300] + "…";
}

/// <summary>Row counts of every table of the services' SQLite databases, except the audit (reads and refusals are audited on purpose).</summary>
internal sealed class DatabaseState : IDisposable
{
    private readonly List<(string Database, SqliteConnection Connection, string Query, string[] Tables)> _databases = [];

    public DatabaseState(string folder)
    {
        foreach (var file in Directory.GetFiles(folder, "*.db").Order(StringComparer.Ordinal))
        {
            var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=false");
            connection.Open();
            var tables = new List<string>();
            using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%audit%' AND name NOT LIKE '__EF%' ORDER BY name";
                using var reader = list.ExecuteReader();
                while (reader.Read()) tables.Add(reader.GetString(0));
            }
            var query = "SELECT " + string.Join(", ", tables.Select(t => $"(SELECT count(*) FROM \"{t}\")"));
            _databases.Add((Path.GetFileNameWithoutExtension(file), connection, query, tables.ToArray()));
        }
    }

    public Dictionary<string, long> Snapshot()
    {
        var counts = new Dictionary<string, long>();
        foreach (var (database, connection, query, tables) in _databases)
        {
            using var command = connection.CreateCommand();
            command.CommandText = query;
            using var reader = command.ExecuteReader();
            reader.Read();
            for (var i = 0; i < tables.Length; i++) counts[$"{database}.{tables[i]}"] = reader.GetInt64(i);
        }
        return counts;
    }

    public static string? Difference(Dictionary<string, long> before, Dictionary<string, long> after)
    {
        var changed = after.Where(a => before.GetValueOrDefault(a.Key) != a.Value).Select(a => $"{a.Key} {before.GetValueOrDefault(a.Key)}→{a.Value}").ToList();
        return changed.Count == 0 ? null : string.Join(", ", changed);
    }

    public void Dispose()
    {
        foreach (var d in _databases) d.Connection.Dispose();
    }
}
