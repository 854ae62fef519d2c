using System.Security.Cryptography;
using GenderArchitecture.ServiceDefaults.Errors;

namespace GenderArchitecture.Training.Domain;

public enum CertificateStatus { Valid = 1, Expired = 2, Revoked = 3 }

/// <summary>Proof that an officer completed a curriculum version; checkable by anyone through its verification code.</summary>
public sealed class Certificate
{
    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private Certificate() { }

    public Certificate(Curriculum curriculum, Officer officer, DateOnly issuedOn, Guid? sessionId, bool imported, DateTime createdAt,
        string? requestId = null, bool demonstration = false, Func<int, int>? random = null)
    {
        Id = Guid.CreateVersion7();
        random ??= RandomNumberGenerator.GetInt32;
        Number = $"{curriculum.InstitutionId.ToUpperInvariant()}-{issuedOn.Year}-{NewCode(random, 8)}";
        VerificationCode = NewCode(random, 12);
        InstitutionId = officer.InstitutionId;
        ServiceNumber = officer.ServiceNumber;
        PersonId = officer.PersonId;
        HolderName = officer.Name;
        CurriculumId = curriculum.Id;
        CurriculumCode = curriculum.Code;
        CurriculumVersion = curriculum.Version;
        SessionId = sessionId;
        IssuedOn = issuedOn;
        ExpiresOn = curriculum.ExpiryFor(issuedOn);
        Imported = imported;
        IsDemonstration = demonstration;
        RequestId = requestId;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    public string Number { get; private set; } = "";
    public string VerificationCode { get; private set; } = "";
    public string InstitutionId { get; private set; } = "";
    public string ServiceNumber { get; private set; } = "";
    public string PersonId { get; private set; } = "";
    public string HolderName { get; private set; } = "";
    public Guid CurriculumId { get; private set; }
    public Curriculum? Curriculum { get; private set; }
    public string CurriculumCode { get; private set; } = "";
    public int CurriculumVersion { get; private set; }
    /// <summary>Null for imported historic completions.</summary>
    public Guid? SessionId { get; private set; }
    public DateOnly IssuedOn { get; private set; }
    /// <summary>The first day the certificate is no longer valid; null when it never expires.</summary>
    public DateOnly? ExpiresOn { get; private set; }
    public DateTime? RevokedAt { get; private set; }
    public string? RevocationReason { get; private set; }
    public bool Imported { get; private set; }
    public bool IsDemonstration { get; private set; }
    public string? RequestId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public long Revision { get; private set; } = 1;

    public CertificateStatus StatusOn(DateOnly date) =>
        RevokedAt is not null ? CertificateStatus.Revoked
        : ExpiresOn is { } end && end <= date ? CertificateStatus.Expired
        : CertificateStatus.Valid;

    /// <summary>Held and valid on <paramref name="date"/>: earned by then, not expired, not revoked.</summary>
    public bool IsValidOn(DateOnly date) => IssuedOn <= date && StatusOn(date) == CertificateStatus.Valid;

    public void Revoke(string reason, DateTime at)
    {
        if (RevokedAt is not null)
        {
            throw RpcErrors.FailedPrecondition("ALREADY_REVOKED", Number, $"Certificate {Number} was already revoked: {RevocationReason}");
        }
        RevokedAt = at;
        RevocationReason = reason;
        Revision++;
    }

    private static string NewCode(Func<int, int> random, int length) =>
        string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = CodeAlphabet[r(CodeAlphabet.Length)];
        });
}
