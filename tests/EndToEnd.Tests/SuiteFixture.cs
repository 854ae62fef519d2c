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

    public async Task InitializeAsync() => Suite = await SuiteProcesses.StartAsync();

    public async Task DisposeAsync() => await Suite.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SuiteCollection : ICollectionFixture<SuiteFixture>
{
    public const string Name = "suite";
}
