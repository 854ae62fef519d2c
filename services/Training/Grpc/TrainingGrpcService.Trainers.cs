using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Errors;
using GenderArchitecture.Training.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Domain = GenderArchitecture.Training.Domain;

namespace GenderArchitecture.Training.Grpc;

public sealed partial class TrainingGrpcService
{
    public override async Task<ListTrainersResponse> ListTrainers(ListTrainersRequest request, ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.TrainingRead);
        var validator = new Validator();
        var on = validator.OptionalDate(request.OnDate, "on_date") ?? Today;
        validator.Require(request.ExpiringWithinDays is >= 0 and <= 3650, "expiring_within_days", "must be between 0 and 3650");
        var page = Page.Read(validator, request.PageSize, request.PageToken);
        validator.ThrowIfInvalid();
        var institution = Domain.InstitutionScope.ForList(caller, request.InstitutionId);

        var trainers = (await TrainerCertificatesAsync(institution, null, context.CancellationToken))
            .Where(c => c.IsValidOn(on))
            .GroupBy(c => (c.InstitutionId, c.ServiceNumber))
            .Select(g => g.OrderByDescending(c => c.ExpiresOn ?? DateOnly.MaxValue).First())
            .Where(c => request.ExpiringWithinDays == 0 || (c.ExpiresOn is { } end && end <= on.AddDays(request.ExpiringWithinDays)))
            .OrderBy(c => c.ExpiresOn ?? DateOnly.MaxValue).ThenBy(c => c.HolderName)
            .Skip(page.Skip).Take(page.Take + 1).ToList();

        var response = new ListTrainersResponse { NextPageToken = page.Next(trainers.Count) };
        response.Trainers.AddRange(trainers.Take(page.Take).Select(c => new Trainer
        {
            InstitutionId = c.InstitutionId,
            ServiceNumber = c.ServiceNumber,
            Name = c.HolderName,
            CertificateNumber = c.Number,
            QualifiedOn = c.IssuedOn.Iso(),
            QualifiedUntil = c.ExpiresOn.Iso(),
        }));
        return response;
    }

    /// <summary>Unrevoked certificates of training-of-trainers curricula, optionally of one institution and some officers.</summary>
    private async Task<List<Domain.Certificate>> TrainerCertificatesAsync(string? institutionId, IReadOnlyCollection<string>? serviceNumbers, CancellationToken ct)
    {
        var totIds = (await db.Curricula.AsNoTracking().ToListAsync(ct)).Where(c => c.IsForTrainers).Select(c => c.Id).ToList();
        var query = db.Certificates.AsNoTracking().Where(c => totIds.Contains(c.CurriculumId) && c.RevokedAt == null);
        if (institutionId is not null) query = query.Where(c => c.InstitutionId == institutionId);
        if (serviceNumbers is not null) query = query.Where(c => serviceNumbers.Contains(c.ServiceNumber));
        return await query.ToListAsync(ct);
    }
}
