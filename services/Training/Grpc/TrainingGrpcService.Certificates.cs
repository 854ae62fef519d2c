using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Errors;
using GenderArchitecture.Training.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Domain = GenderArchitecture.Training.Domain;

namespace GenderArchitecture.Training.Grpc;

public sealed partial class TrainingGrpcService
{
    public override async Task<IssueCertificateResponse> IssueCertificate(IssueCertificateRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.TrainingManage);
        var validator = new Validator();
        validator.RequireText(request.ServiceNumber, "service_number", 32);
        validator.Require(request.RequestId.Length <= 100, "request_id", "must be at most 100 characters");
        var session = await FindSessionAsync(context, caller, request.SessionId, "session_id", tracked: false, validator);
        var number = request.ServiceNumber.Trim();

        // A repeated call returns the certificate the first one made.
        if (await FindIssuedAsync(session, number, context.CancellationToken) is { } issued)
        {
            return new IssueCertificateResponse { Certificate = Mapping.ToMessage(issued, session.Curriculum!.Title, Today), Created = false };
        }

        var enrolment = await db.Enrolments.FirstOrDefaultAsync(e => e.SessionId == session.Id && e.ServiceNumber == number, context.CancellationToken)
            ?? throw RpcErrors.NotFound("enrolment", $"{request.SessionId}/{number}");
        if (Today < session.EndDate)
        {
            throw RpcErrors.FailedPrecondition("SESSION_NOT_ENDED", session.Id.ToString(),
                $"The session ends on {session.EndDate.Iso()}; certificates are issued once it has ended.");
        }
        var curriculum = session.Curriculum!;
        enrolment.EnsureMeetsRules(curriculum, session);

        // Never certify an officer Structure could not confirm (as serving on the day the session ended):
        // Unavailable here means nothing is written.
        var officer = await structure.FindOfficerAsync(session.InstitutionId, number, session.EndDate, context.CancellationToken)
            ?? throw RpcErrors.NotFound("officer", $"{session.InstitutionId}/{number}");
        officer.RequireInService(session.EndDate, "be certified for a session ending that day");

        var certificate = new Domain.Certificate(curriculum, officer, session.EndDate, session.Id, imported: false, Now,
            request.RequestId.Length > 0 ? request.RequestId : null);
        db.Certificates.Add(certificate);
        enrolment.Certified(certificate.Id);
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent retry won the unique index (one certificate per officer per session): answer with its certificate.
            // Under an idempotency key the write runs in a transaction the refused insert has aborted (PostgreSQL then
            // refuses every further statement in it): end it before looking the winner up.
            if (db.Database.CurrentTransaction is not null) await db.Database.RollbackTransactionAsync(context.CancellationToken);
            db.ChangeTracker.Clear();
            var winner = await FindIssuedAsync(session, number, context.CancellationToken);
            if (winner is null) throw;
            return new IssueCertificateResponse { Certificate = Mapping.ToMessage(winner, curriculum.Title, Today), Created = false };
        }
        logger.LogInformation("{Caller} issued certificate {Number} to {Institution}/{ServiceNumber}", caller, certificate.Number, officer.InstitutionId, number);
        return new IssueCertificateResponse { Certificate = Mapping.ToMessage(certificate, curriculum.Title, Today), Created = true };
    }

    public override async Task<RevokeCertificateResponse> RevokeCertificate(RevokeCertificateRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.TrainingManage);
        var validator = new Validator();
        var id = validator.RequiredGuid(request.Id, "id");
        validator.RequireText(request.Reason, "reason", 500);
        validator.Require(request.ExpectedRevision > 0, "expected_revision", "is required: the revision of the record as last read (its ETag)");
        validator.ThrowIfInvalid();

        var certificate = await db.Certificates.Include(c => c.Curriculum).FirstOrDefaultAsync(c => c.Id == id, context.CancellationToken)
            ?? throw RpcErrors.NotFound("certificate", request.Id);
        if (!Domain.InstitutionScope.AllowsDelivery(caller, certificate.InstitutionId, certificate.Curriculum!.InstitutionId)) throw RpcErrors.OutOfScope(context, "certificate", request.Id);
        if (request.ExpectedRevision != certificate.Revision)
        {
            throw RpcErrors.Aborted("certificate", request.Id, certificate.Revision);
        }
        certificate.Revoke(request.Reason.Trim(), Now);
        await db.SaveChangesAsync(context.CancellationToken);
        logger.LogInformation("{Caller} revoked certificate {Number}: {Reason}", caller, certificate.Number, certificate.RevocationReason);
        return new RevokeCertificateResponse { Certificate = Mapping.ToMessage(certificate, certificate.Curriculum!.Title, Today) };
    }

    public override async Task<GetCertificateResponse> GetCertificate(GetCertificateRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.TrainingManage);
        var validator = new Validator();
        var id = validator.RequiredGuid(request.Id, "id");
        validator.ThrowIfInvalid();
        var certificate = await db.Certificates.AsNoTracking().Include(c => c.Curriculum).FirstOrDefaultAsync(c => c.Id == id, context.CancellationToken)
            ?? throw RpcErrors.NotFound("certificate", request.Id);
        if (!Domain.InstitutionScope.AllowsDelivery(caller, certificate.InstitutionId, certificate.Curriculum!.InstitutionId)) throw RpcErrors.OutOfScope(context, "certificate", request.Id);
        return new GetCertificateResponse { Certificate = Mapping.ToMessage(certificate, certificate.Curriculum!.Title, Today) };
    }

    public override async Task<ListCertificatesResponse> ListCertificates(ListCertificatesRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.TrainingManage);
        var validator = new Validator();
        var on = validator.OptionalDate(request.OnDate, "on_date") ?? Today;
        validator.Require(request.Status != CertificateStatus.Unknown && Enum.IsDefined(request.Status), "status", "must be valid, expired or revoked");
        var page = Page.Read(validator, request.PageSize, request.PageToken);
        validator.ThrowIfInvalid();
        var institution = Domain.InstitutionScope.ForList(caller, request.InstitutionId);

        var query = db.Certificates.AsNoTracking().Include(c => c.Curriculum).AsQueryable();
        if (institution is not null) query = query.Where(c => c.InstitutionId == institution || c.Curriculum!.InstitutionId == institution);
        if (request.ServiceNumber.Length > 0) query = query.Where(c => c.ServiceNumber == request.ServiceNumber);
        if (request.CurriculumCode.Length > 0) query = query.Where(c => c.CurriculumCode == request.CurriculumCode);
        query = request.Status switch
        {
            CertificateStatus.Revoked => query.Where(c => c.RevokedAt != null),
            CertificateStatus.Expired => query.Where(c => c.RevokedAt == null && c.ExpiresOn != null && c.ExpiresOn <= on),
            CertificateStatus.Valid => query.Where(c => c.RevokedAt == null && (c.ExpiresOn == null || c.ExpiresOn > on)),
            _ => query,
        };
        var certificates = await query.OrderByDescending(c => c.IssuedOn).ThenBy(c => c.Number)
            .Skip(page.Skip).Take(page.Take + 1).ToListAsync(context.CancellationToken);

        var response = new ListCertificatesResponse { NextPageToken = page.Next(certificates.Count) };
        response.Certificates.AddRange(certificates.Take(page.Take).Select(c => Mapping.ToMessage(c, c.Curriculum!.Title, on)));
        return response;
    }

    /// <summary>Anyone may check a code. The answer names the holder, the curriculum, the dates and the status - nothing else.</summary>
    [AllowAnonymous]
    public override async Task<VerifyCertificateResponse> VerifyCertificate(VerifyCertificateRequest request, ServerCallContext context)
    {
        var code = request.VerificationCode.Trim().ToUpperInvariant();
        if (code.Length is 0 or > 16) throw RpcErrors.InvalidArgument("verification_code", "must be the 12-character code printed on the certificate");
        var certificate = await db.Certificates.AsNoTracking().Include(c => c.Curriculum)
            .FirstOrDefaultAsync(c => c.VerificationCode == code, context.CancellationToken);
        if (certificate is null) return new VerifyCertificateResponse { Status = CertificateStatus.Unknown };
        return new VerifyCertificateResponse
        {
            Status = (CertificateStatus)certificate.StatusOn(Today),
            HolderName = certificate.HolderName,
            CurriculumTitle = certificate.Curriculum!.Title,
            IssuedOn = certificate.IssuedOn.Iso(),
            ExpiresOn = certificate.ExpiresOn.Iso(),
        };
    }

    private Task<Domain.Certificate?> FindIssuedAsync(Domain.Session session, string serviceNumber, CancellationToken ct) =>
        db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.SessionId == session.Id && c.InstitutionId == session.InstitutionId && c.ServiceNumber == serviceNumber, ct);
}
