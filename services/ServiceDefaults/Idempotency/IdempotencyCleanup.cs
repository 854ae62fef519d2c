using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GenderArchitecture.ServiceDefaults.Idempotency;

/// <summary>Deletes expired idempotency records every <see cref="IdempotencyOptions.CleanupInterval"/>, so the table stays bounded.</summary>
public sealed class IdempotencyCleanup<TContext>(IServiceProvider services, TimeProvider time, IOptions<IdempotencyOptions> options,
    ILogger<IdempotencyCleanup<TContext>> logger) : BackgroundService where TContext : DbContext
{
    /// <summary>One pass: deletes the records whose retention has ended; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Set<IdempotencyRecord>().Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, time);
        // No pass at start: the database may still be migrating, and a pass an interval later is soon enough.
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var deleted = await DeleteExpiredAsync(stoppingToken);
                if (deleted > 0) logger.LogInformation("Deleted {Count} expired idempotency records", deleted);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The next pass tries again; a missed pass only leaves expired rows a little longer.
                logger.LogWarning(error, "Deleting expired idempotency records failed");
            }
        }
    }
}
