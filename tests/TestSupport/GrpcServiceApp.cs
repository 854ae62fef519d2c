using System.Collections.Concurrent;
using GenderArchitecture.ServiceDefaults.Data;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

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
    private bool _schemaOnly;

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
        // A test that names its own database (an upgrade from a previous release) gets it as it is.
        var template = merged.ContainsKey($"ConnectionStrings:{name}") ? null : await SchemaTemplate.GetAsync(name, kind);
        GrpcServiceApp<TProgram> app;
        if (kind == DatabaseKind.Postgres)
        {
            var server = await PostgresServer.GetAsync();
            var database = await server.CreateDatabaseAsync(template);
            app = new(name, "Postgres", database.ConnectionString, () => database.DisposeAsync().AsTask(), merged, configureServices);
        }
        else
        {
            var file = Path.Combine(Path.GetTempPath(), $"ga-test-{Guid.NewGuid():N}.db");
            if (template is not null) File.Copy(template, file);
            // Pooled, as services run: an unpooled write reopens the file and re-reads the schema (twice as slow).
            var connectionString = $"Data Source={file}";
            app = new(name, "Sqlite", connectionString, () =>
            {
                using (var pooled = new SqliteConnection(connectionString)) SqliteConnection.ClearPool(pooled);
                foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
                return Task.CompletedTask;
            }, merged, configureServices);
        }
        _ = app.Server; // start now: schema and seeds are ready before the test's first call
        return app;
    }

    /// <summary>
    /// The service's migrated, empty schema, built once per test run and database kind: a PostgreSQL template database
    /// (<c>CREATE DATABASE ... TEMPLATE</c>) or a SQLite file that is copied. A test's own database starts as a copy, so
    /// only the first start of a service pays for its migrations; the copy still runs them (none are pending) and
    /// seeds as any start does, so the migration checks and seeds are exercised unchanged.
    /// </summary>
    private static class SchemaTemplate
    {
        private static readonly ConcurrentDictionary<(string, DatabaseKind), Lazy<Task<string>>> Templates = new();

        public static Task<string> GetAsync(string name, DatabaseKind kind) =>
            Templates.GetOrAdd((name, kind), key => new Lazy<Task<string>>(() => BuildAsync(key.Item1, key.Item2))).Value;

        private static async Task<string> BuildAsync(string name, DatabaseKind kind)
        {
            GrpcServiceApp<TProgram> app;
            string template;
            if (kind == DatabaseKind.Postgres)
            {
                var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => database.DisposeAsync().AsTask().GetAwaiter().GetResult();
                // Unpooled: a template must have no connection open once the app is gone.
                var unpooled = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString;
                app = new(name, "Postgres", unpooled, () => Task.CompletedTask, [], null) { _schemaOnly = true };
                template = database.Name;
            }
            else
            {
                template = Path.Combine(Path.GetTempPath(), $"ga-template-{name.ToLowerInvariant()}-{Guid.NewGuid():N}.db");
                AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(template);
                var unpooled = $"Data Source={template};Pooling=False";
                app = new(name, "Sqlite", unpooled, () =>
                {
                    // Back from write-ahead logging to one file (this checkpoints the log), so a copy of it is complete.
                    using var connection = new SqliteConnection(unpooled);
                    connection.Open();
                    using var journal = connection.CreateCommand();
                    journal.CommandText = "PRAGMA journal_mode=DELETE;";
                    journal.ExecuteNonQuery();
                    return Task.CompletedTask;
                }, [], null) { _schemaOnly = true };
            }
            _ = app.Server; // migrates; no connection stays open after disposal, as a template database requires
            await app.DisposeAsync();
            return template;
        }

        /// <summary>The template holds the schema only: seeds depend on each test's settings.</summary>
        public static void WithoutSeeds(IServiceCollection services)
        {
            foreach (var seeder in services.Where(s => s.ServiceType.IsGenericType
                         && s.ServiceType.GetGenericTypeDefinition() == typeof(IDatabaseSeeder<>)).ToList())
            {
                services.Remove(seeder);
                var context = seeder.ServiceType.GetGenericArguments()[0];
                services.AddScoped(seeder.ServiceType, typeof(NoSeeds<>).MakeGenericType(context));
            }
        }
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
        if (_schemaOnly) builder.ConfigureTestServices(SchemaTemplate.WithoutSeeds);
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

internal sealed class NoSeeds<TContext> : IDatabaseSeeder<TContext> where TContext : Microsoft.EntityFrameworkCore.DbContext
{
    public Task SeedAsync(TContext db, CancellationToken cancellationToken) => Task.CompletedTask;
}
