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
/// Brings the schema up to date and seeds, before the host starts serving. PostgreSQL evolves by migrations;
/// SQLite (the embedded development default and the tests) is created from the model - see README, "Databases".
/// </summary>
public sealed class DatabaseInitializer<TContext>(IServiceProvider services, ILogger<DatabaseInitializer<TContext>> logger) : IHostedService
    where TContext : DbContext
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
        else
        {
            await db.Database.EnsureCreatedAsync(cancellationToken);
            await db.EnsureAuditTriggersAsync(cancellationToken);
            if (db.Database.IsSqlite())
            {
                // WAL lets readers go on while one writer commits; it is a property of the file and persists.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
        }

        await scope.ServiceProvider.GetRequiredService<IDatabaseSeeder<TContext>>().SeedAsync(db, cancellationToken);
        logger.LogInformation("{Context} ready on {Provider} in {Elapsed} ms", typeof(TContext).Name,
            db.Database.ProviderName, (int)TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
