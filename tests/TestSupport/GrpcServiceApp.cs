using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GenderArchitecture.TestSupport;

/// <summary>
/// One gRPC service hosted in-process on a database of its own (a temporary SQLite file, or a fresh database on
/// the PostgreSQL test server), reached through a <see cref="GrpcChannel"/> over the test server's handler.
/// Build one per test: <c>await using var app = await GrpcServiceApp&lt;Program&gt;.StartAsync("Structure", kind);</c>
/// </summary>
public sealed class GrpcServiceApp<TProgram> : WebApplicationFactory<TProgram> where TProgram : class
{
    private readonly string _name;
    private readonly string _connectionString;
    private readonly string _provider;
    private readonly Func<Task> _cleanup;
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configureServices;

    private GrpcServiceApp(string name, string provider, string connectionString, Func<Task> cleanup,
        Dictionary<string, string?> settings, Action<IServiceCollection>? configureServices)
    {
        _name = name;
        _provider = provider;
        _connectionString = connectionString;
        _cleanup = cleanup;
        _settings = settings;
        _configureServices = configureServices;
    }

    /// <param name="name">The service's connection-string name (Structure, Training, Reporting).</param>
    /// <param name="settings">Extra configuration, e.g. <c>["Seeds:Demo"] = "false"</c>.</param>
    public static async Task<GrpcServiceApp<TProgram>> StartAsync(string name, DatabaseKind kind,
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        var merged = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        GrpcServiceApp<TProgram> app;
        if (kind == DatabaseKind.Postgres)
        {
            var server = await PostgresServer.GetAsync();
            var database = await server.CreateDatabaseAsync();
            app = new(name, "Postgres", database.ConnectionString, () => database.DisposeAsync().AsTask(), merged, configureServices);
        }
        else
        {
            var file = Path.Combine(Path.GetTempPath(), $"ga-test-{Guid.NewGuid():N}.db");
            app = new(name, "Sqlite", $"Data Source={file};Pooling=False", () =>
            {
                SqliteConnection.ClearAllPools();
                foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
                return Task.CompletedTask;
            }, merged, configureServices);
        }
        _ = app.Server; // start now: schema and seeds are ready before the test's first call
        return app;
    }

    public DatabaseKind Kind => _provider == "Postgres" ? DatabaseKind.Postgres : DatabaseKind.Sqlite;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // UseSetting, not ConfigureAppConfiguration: Program.cs reads configuration while building (database
        // provider, connection string), before WebApplicationFactory's app-configuration callbacks would apply.
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = _provider,
            [$"ConnectionStrings:{_name}"] = _connectionString,
            ["Ports:Grpc"] = "",
            ["Ports:Http"] = "",
            ["Disclosure:Key"] = TestKeys.Disclosure,
            // Base settings carry no key; tests sign with the development key (TestTokens), accepted in Testing only.
            ["Auth:SigningKey"] = TestTokens.Options.SigningKey,
        };
        foreach (var (key, value) in _settings) settings[key] = value;
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        if (_configureServices is not null) builder.ConfigureServices(_configureServices);
    }

    /// <summary>A channel whose calls carry <paramref name="token"/> as a bearer token (none when null).</summary>
    public GrpcChannel CreateChannel(string? token)
    {
        var credentials = CallCredentials.FromInterceptor((_, metadata) =>
        {
            if (token is not null) metadata.Add("Authorization", $"Bearer {token}");
            return Task.CompletedTask;
        });
        return GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = Server.CreateHandler(),
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, credentials),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
    }

    /// <summary>A scope to read the database directly in assertions.</summary>
    public AsyncServiceScope CreateScope() => Services.CreateAsyncScope();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _cleanup();
    }
}
