using System.Net;
using System.Net.Http.Json;
using GenderArchitecture.TestSupport;

namespace GenderArchitecture.EndToEnd.Tests;

/// <summary>One running suite shared by the tests of a collection (starting it takes a few seconds).</summary>
public sealed class SuiteFixture : IAsyncLifetime
{
    public SuiteProcesses Suite { get; private set; } = null!;

    /// <summary>A client of the gateway whose writes carry a fresh Idempotency-Key unless the test sets one.</summary>
    public HttpClient Client(string? token = null) => IdempotencyKeyHandler.Client(Suite.GatewayAddress, token);

    /// <summary>A client that sends exactly the headers the test gives (for tests of the write contract itself).</summary>
    public HttpClient PlainClient(string? token = null)
    {
        var client = new HttpClient { BaseAddress = Suite.GatewayAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>The month before this one: ended, so it can be submitted, and not yet locked.</summary>
    public static string LastMonth => new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1).AddMonths(-1).ToString("yyyy-MM-dd");

    /// <summary>
    /// A station of the test's own under the Prishtina region, so that no demonstration report holds any of its periods,
    /// and a client of its focal point.
    /// </summary>
    public async Task<(string StationId, HttpClient FocalPoint)> NewStationAsync(string name)
    {
        var stationId = "kp-station-e2e-" + Guid.NewGuid().ToString("N")[..8];
        var created = await Client(TestTokens.For("administrator")).PostAsJsonAsync("/api/v1/units",
            new { id = stationId, name, kind = "station", parentId = "kp-region-prishtina", openedOn = "2020-01-01" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (stationId, Client(TestTokens.For("focal_point", units: [stationId])));
    }

    public async Task InitializeAsync() => Suite = await SuiteProcesses.StartAsync();

    public async Task DisposeAsync() => await Suite.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SuiteCollection : ICollectionFixture<SuiteFixture>
{
    public const string Name = "suite";
}
