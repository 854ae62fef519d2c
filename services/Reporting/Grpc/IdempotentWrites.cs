using System.Security.Cryptography;
using GenderArchitecture.Reporting.Data;
using GenderArchitecture.Reporting.Domain;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Errors;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Reporting.Grpc;

/// <summary>One writer at a time per process: SQLite has one write lock, and waiting writers poll for it with sleeps.</summary>
public sealed class WriteGate
{
    internal SemaphoreSlim Semaphore { get; } = new(1, 1);
}

/// <summary>
/// Runs a write at most once per (caller, client_request_id): the first answer is stored with a hash of the payload
/// in the same transaction as the write; a retry with the same payload gets that answer back and writes nothing; the
/// same id with another payload is refused with ALREADY_EXISTS. A write that fails stores nothing and may be retried.
/// </summary>
public sealed class IdempotentWrites(ReportingDbContext db, WriteGate gate, TimeProvider time)
{
    public async Task<TResponse> RunAsync<TRequest, TResponse>(Caller caller, string operation, TRequest request,
        Func<Task<TResponse>> write, CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest> where TResponse : class, IMessage<TResponse>, new()
    {
        var field = request.Descriptor.FindFieldByName("client_request_id")
            ?? throw new InvalidOperationException($"{request.Descriptor.Name} has no client_request_id.");
        var id = (string)field.Accessor.GetValue(request);
        if (string.IsNullOrWhiteSpace(id) || id.Length > 100)
        {
            throw RpcErrors.InvalidArgument("client_request_id", "every write needs a client request id (at most 100 characters), reused only for retries");
        }
        var payload = request.Clone();
        field.Accessor.SetValue(payload, "");
        var hash = Convert.ToHexString(SHA256.HashData(payload.ToByteArray()));

        await gate.Semaphore.WaitAsync(cancellationToken);
        try
        {
            if (await ReplayAsync<TResponse>(caller, id, operation, hash, cancellationToken) is { } replay) return replay;

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var response = await write();
            db.IdempotencyRecords.Add(new IdempotencyRecord(caller.Subject, id, operation, hash, response.ToByteArray(), time.GetUtcNow().UtcDateTime));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Perhaps another instance stored the same id first: then answer as a retry would.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                if (await ReplayAsync<TResponse>(caller, id, operation, hash, cancellationToken) is { } first) return first;
                throw;
            }
            await transaction.CommitAsync(cancellationToken);
            return response;
        }
        finally
        {
            gate.Semaphore.Release();
        }
    }

    private async Task<TResponse?> ReplayAsync<TResponse>(Caller caller, string id, string operation, string hash, CancellationToken cancellationToken)
        where TResponse : class, IMessage<TResponse>, new()
    {
        var existing = await db.IdempotencyRecords.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Caller == caller.Subject && r.ClientRequestId == id, cancellationToken);
        if (existing is null) return null;
        if (existing.Operation != operation || existing.PayloadHash != hash)
        {
            throw RpcErrors.AlreadyExists("client_request_id", id,
                $"The client request id '{id}' was already used for a different request; use a new id for a new request.");
        }
        var response = new TResponse();
        response.MergeFrom(existing.Response);
        return response;
    }
}
