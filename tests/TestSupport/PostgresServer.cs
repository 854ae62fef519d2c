using Npgsql;
using Testcontainers.PostgreSql;

namespace GenderArchitecture.TestSupport;

/// <summary>
/// A real PostgreSQL server for the tests, the first of: the server named by <c>GA_TEST_POSTGRES</c> (a connection
/// string; <c>.ci/run</c> starts one), a Testcontainers container where a Docker engine answers, a private cluster
/// started from the distribution's packages (<see cref="LocalPostgresCluster"/>, installed with apt-get when running
/// as root). Without any, the PostgreSQL tests fail saying what to install - they are never silently skipped.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string EnvironmentVariable = "GA_TEST_POSTGRES";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PostgresServer? _shared;
    private readonly PostgreSqlContainer? _container;

    private PostgresServer(string connectionString, PostgreSqlContainer? container, string origin)
    {
        ConnectionString = connectionString;
        _container = container;
        Origin = origin;
    }

    public string ConnectionString { get; }
    /// <summary>Where the server came from, for the test output: "GA_TEST_POSTGRES", "Testcontainers" or "local cluster".</summary>
    public string Origin { get; }

    /// <summary>The one server of this test run, started on first use.</summary>
    public static async Task<PostgresServer> GetAsync()
    {
        if (_shared is not null) return _shared;
        await Gate.WaitAsync();
        try
        {
            return _shared ??= await StartAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            await using var probe = new NpgsqlConnection(configured);
            await probe.OpenAsync();
            Console.WriteLine($"PostgreSQL tests run against {EnvironmentVariable} (server {probe.PostgreSqlVersion}).");
            return new PostgresServer(configured, null, EnvironmentVariable);
        }

        string dockerProblem;
        try
        {
            var container = new PostgreSqlBuilder("postgres:17-alpine").Build();
            await container.StartAsync();
            Console.WriteLine("PostgreSQL tests run against a Testcontainers container.");
            return new PostgresServer(container.GetConnectionString(), container, "Testcontainers");
        }
        catch (Exception e)
        {
            dockerProblem = $"{e.GetType().Name}: {e.Message}";
        }

        try
        {
            var cluster = await LocalPostgresCluster.StartAsync();
            Console.WriteLine($"PostgreSQL tests run against a private cluster from the distribution's packages on port {cluster.Port}.");
            return new PostgresServer(cluster.ConnectionString, null, "local cluster");
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                $"No PostgreSQL server for the tests. {e.Message} (No Docker engine either: {dockerProblem})", e);
        }
    }

    /// <summary>
    /// A fresh database on the server, empty or a copy of <paramref name="template"/> (which must have no connection
    /// open), dropped when disposed, so tests never share leftovers.
    /// </summary>
    public async Task<TemporaryDatabase> CreateDatabaseAsync(string? template = null)
    {
        var name = "ga_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            var copy = template is null ? "" : $" TEMPLATE \"{template}\"";
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{copy}", connection);
            await create.ExecuteNonQueryAsync();
        }
        // Pooled, as services run: an unpooled open is a new server process and a reload of the type catalogue,
        // which made a write about nine times slower (20 unit creations: 5.3 s unpooled, 0.6 s pooled).
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name };
        return new TemporaryDatabase(name, builder.ConnectionString, async () =>
        {
            await using (var pooled = new NpgsqlConnection(builder.ConnectionString)) NpgsqlConnection.ClearPool(pooled);
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null) await _container.DisposeAsync();
    }
}

public sealed class TemporaryDatabase(string name, string connectionString, Func<Task> drop) : IAsyncDisposable
{
    public string Name { get; } = name;
    public string ConnectionString { get; } = connectionString;
    public ValueTask DisposeAsync() => new(drop());
}
