using System.Security.Cryptography;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Errors;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace GenderArchitecture.ServiceDefaults.Idempotency;

public sealed class IdempotencyOptions
{
    /// <summary>How long a first answer is kept for retries (<c>Idempotency:Retention</c>).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);
    /// <summary>How often expired answers are deleted (<c>Idempotency:CleanupInterval</c>).</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>When the write's transaction begins.</summary>
public enum TransactionStart
{
    /// <summary>At the write's first SaveChanges: look-ups before it (remote calls too) run outside any transaction.</summary>
    FirstSave,
    /// <summary>Before the write runs: for writes that also change rows with plain SQL before SaveChanges.</summary>
    Immediately,
}

/// <summary>
/// SQLite only, for throughput and never for correctness: one write transaction at a time per process, waited for
/// asynchronously. Connections left to fight for SQLite's lock busy-wait with blocking sleeps (MACHINE-NOTES), which
/// under concurrent retries starves the thread pool. PostgreSQL writes never take it.
/// </summary>
public sealed class SqliteWriteQueue<TContext> where TContext : DbContext
{
    internal SemaphoreSlim Semaphore { get; } = new(1, 1);
}

/// <summary>
/// Runs a write at most once per (caller, idempotency key): the first answer is stored with a hash of the canonical
/// request (its protobuf bytes without the key) in the same transaction as the write. A retry with the same payload
/// gets that answer back and writes nothing; the same key with another payload is refused with FAILED_PRECONDITION
/// IDEMPOTENCY_KEY_REUSED (422 at the gateway). A write that fails stores nothing and may be retried.
/// There is no process lock: the primary key on (caller, key) decides between two copies of a request racing on two
/// replicas; the loser's transaction is rolled back (PostgreSQL makes it wait for the winner's commit first) and it
/// answers with the winner's stored response.
/// </summary>
public sealed class IdempotentWrites<TContext>(TContext db, TimeProvider time, IOptions<IdempotencyOptions> options, SqliteWriteQueue<TContext> queue)
    where TContext : DbContext
{
    public const string ReusedKey = "IDEMPOTENCY_KEY_REUSED";

    public async Task<TResponse> RunAsync<TResponse>(Caller caller, string key, string operation, IMessage request,
        Func<Task<TResponse>> write, CancellationToken cancellationToken, TransactionStart start = TransactionStart.FirstSave)
        where TResponse : class
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > IdempotencyRecord.KeyLength)
        {
            throw RpcErrors.InvalidArgument("client_request_id", $"the Idempotency-Key must be 1 to {IdempotencyRecord.KeyLength} characters, a new value per request and the same for its retries");
        }
        var hash = Convert.ToHexString(SHA256.HashData(request.ToByteArray()));
        if (await ReplayAsync<TResponse>(caller, key, operation, hash, cancellationToken) is { } replay) return replay;

        var queued = db.Database.IsSqlite();
        if (queued) await queue.Semaphore.WaitAsync(cancellationToken);
        try
        {
            return await WriteOnceAsync(caller, key, operation, hash, write, start, cancellationToken);
        }
        finally
        {
            if (queued) queue.Semaphore.Release();
        }
    }

    private async Task<TResponse> WriteOnceAsync<TResponse>(Caller caller, string key, string operation, string hash,
        Func<Task<TResponse>> write, TransactionStart start, CancellationToken cancellationToken) where TResponse : class
    {
        void BeginOnFirstSave(object? sender, SavingChangesEventArgs e)
        {
            if (db.Database.CurrentTransaction is null) db.Database.BeginTransaction();
        }
        if (start == TransactionStart.Immediately) await db.Database.BeginTransactionAsync(cancellationToken);
        db.SavingChanges += BeginOnFirstSave;
        try
        {
            TResponse response;
            try
            {
                response = await write();
                var now = time.GetUtcNow().UtcDateTime;
                db.Set<IdempotencyRecord>().Add(new IdempotencyRecord(caller.Subject, key, operation, hash,
                    ((IMessage)response).ToByteArray(), now, now + options.Value.Retention));
                await db.SaveChangesAsync(cancellationToken);
                await db.Database.CommitTransactionAsync(cancellationToken);
                return response;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // Perhaps a copy of this request committed first (the key's primary key, or the write's own rules,
                // refused this one): then answer as a retry would. Otherwise the error stands and nothing was stored.
                await RollbackAsync(cancellationToken);
                if (await ReplayAsync<TResponse>(caller, key, operation, hash, cancellationToken) is { } first) return first;
                throw;
            }
        }
        finally
        {
            db.SavingChanges -= BeginOnFirstSave;
            if (db.Database.CurrentTransaction is { } open) await open.DisposeAsync();
        }
    }

    private async Task RollbackAsync(CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null) await db.Database.RollbackTransactionAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private async Task<TResponse?> ReplayAsync<TResponse>(Caller caller, string key, string operation, string hash, CancellationToken cancellationToken)
        where TResponse : class
    {
        var existing = await db.Set<IdempotencyRecord>().AsNoTracking()
            .FirstOrDefaultAsync(r => r.Caller == caller.Subject && r.ClientRequestId == key, cancellationToken);
        if (existing is null) return null;
        if (existing.ExpiresAt <= time.GetUtcNow().UtcDateTime)
        {
            // Past its retention the key is free again; the clean-up may not have come by yet.
            await db.Set<IdempotencyRecord>().Where(r => r.Caller == caller.Subject && r.ClientRequestId == key && r.ExpiresAt <= existing.ExpiresAt)
                .ExecuteDeleteAsync(cancellationToken);
            return null;
        }
        if (!existing.Matches(operation, hash))
        {
            throw RpcErrors.FailedPrecondition(ReusedKey, key,
                $"The Idempotency-Key '{key}' was already used for a different request; use a new key for a new request (the same key only for retries).");
        }
        var response = (IMessage)Activator.CreateInstance<TResponse>();
        response.MergeFrom(existing.Response);
        return (TResponse)response;
    }
}
