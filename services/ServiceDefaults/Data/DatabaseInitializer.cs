using GenderArchitecture.ServiceDefaults.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GenderArchitecture.ServiceDefaults.Data;

/// <summary>Fills a service's database with its reference and demonstration data. Must be idempotent.</summary>
public interface IDatabaseSeeder<in TContext> where TContext : DbContext
{
    Task SeedAsync(TContext db, CancellationToken cancellationToken);
}

/// <summary>
/// Brings the schema up to date and seeds, before the host starts serving. Each provider has its own migration set:
/// PostgreSQL's on <typeparamref name="TContext"/>, SQLite's on <typeparamref name="TSqliteContext"/> (which also
/// baselines a database created before SQLite had migrations) - see README, "Databases".
/// </summary>
public sealed class DatabaseInitializer<TContext, TSqliteContext>(IServiceProvider services, ILogger<DatabaseInitializer<TContext, TSqliteContext>> logger) : IHostedService
    where TContext : DbContext
    where TSqliteContext : TContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var started = TimeProvider.System.GetTimestamp();

        if (db.Database.IsNpgsql())
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        else if (db.Database.IsSqlite())
        {
            await SqliteMigrations.MigrateAsync<TSqliteContext>(db.Database.GetDbConnection(), logger, cancellationToken);
            await db.EnsureAuditTriggersAsync(cancellationToken);
            // WAL lets readers go on while one writer commits; it is a property of the file and persists.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        else
        {
            await db.Database.EnsureCreatedAsync(cancellationToken);
        }

        await scope.ServiceProvider.GetRequiredService<IDatabaseSeeder<TContext>>().SeedAsync(db, cancellationToken);
        logger.LogInformation("{Context} ready on {Provider} in {Elapsed} ms", typeof(TContext).Name,
            db.Database.ProviderName, (int)TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
