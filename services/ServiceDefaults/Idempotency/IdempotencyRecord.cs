using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.ServiceDefaults.Idempotency;

/// <summary>
/// The first answer to a write, kept under the caller and the caller's idempotency key until it expires: a retry
/// with the same payload gets the same answer and writes nothing; the same key with another payload is refused.
/// The primary key (caller, key) is what decides a race between two copies of one request, on any replica.
/// </summary>
public sealed class IdempotencyRecord
{
    public const string Table = "idempotency_records";
    public const int CallerLength = 200, KeyLength = 100, OperationLength = 200, HashLength = 64;

    private IdempotencyRecord() { }

    public IdempotencyRecord(string caller, string key, string operation, string payloadHash, byte[] response, DateTime createdAt, DateTime expiresAt)
    {
        Caller = caller;
        ClientRequestId = key;
        Operation = operation;
        PayloadHash = payloadHash;
        Response = response;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    public string Caller { get; private set; } = "";
    /// <summary>The caller's Idempotency-Key (Reporting's protos call it client_request_id).</summary>
    public string ClientRequestId { get; private set; } = "";
    public string Operation { get; private set; } = "";
    public string PayloadHash { get; private set; } = "";
    public byte[] Response { get; private set; } = [];
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }

    public bool Matches(string operation, string payloadHash) => Operation == operation && PayloadHash == payloadHash;
}

public static class IdempotencySchema
{
    /// <summary>Adds idempotency_records to a service's model: <c>modelBuilder.AddIdempotencyRecords()</c> in OnModelCreating.</summary>
    public static ModelBuilder AddIdempotencyRecords(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<IdempotencyRecord>(e =>
        {
            e.ToTable(IdempotencyRecord.Table);
            e.HasKey(x => new { x.Caller, x.ClientRequestId });
            e.Property(x => x.Caller).HasColumnName("caller").HasMaxLength(IdempotencyRecord.CallerLength);
            e.Property(x => x.ClientRequestId).HasColumnName("client_request_id").HasMaxLength(IdempotencyRecord.KeyLength);
            e.Property(x => x.Operation).HasColumnName("operation").HasMaxLength(IdempotencyRecord.OperationLength);
            e.Property(x => x.PayloadHash).HasColumnName("payload_hash").HasMaxLength(IdempotencyRecord.HashLength);
            e.Property(x => x.Response).HasColumnName("response");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.ExpiresAt).HasColumnName("expires_at");
            e.HasIndex(x => x.ExpiresAt).HasDatabaseName("ix_idempotency_records_expires_at");
        });
        return modelBuilder;
    }
}
