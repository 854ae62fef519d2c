using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.Training.V1;
using Microsoft.AspNetCore.Http.HttpResults;
using static GenderArchitecture.Gateway.Endpoints.TrainingDtos;

namespace GenderArchitecture.Gateway.Endpoints;

/// <summary>Compliance for oversight boards and training departments, an officer's record, and the department's work lists.</summary>
public static class TrainingComplianceApi
{
    public static IEndpointRouteBuilder MapTrainingComplianceApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/training").WithTags("Training").RequireAuthorization();

        group.MapGet("/compliance", async Task<Ok<ComplianceDto>> (TrainingService.TrainingServiceClient training, string rootUnitId, string? onDate,
                int? expiringWithinDays, string? curriculumCode, CancellationToken ct) =>
                TypedResults.Ok(ToDto(await training.GetComplianceAsync(new GetComplianceRequest
                {
                    RootUnitId = rootUnitId, OnDate = onDate ?? "", ExpiringWithinDays = expiringWithinDays ?? 0, CurriculumCode = curriculumCode ?? "",
                }, cancellationToken: ct))))
            .WithSummary("Compliance with mandatory training in a unit subtree at a date: required, valid, expiring (default within 90 days), " +
                "expired, never trained, by sex and rank band; hours per officer; trainers and trainees per trainer. Oversight gets protected counts " +
                "(sums of protected region cells) for an institution or a region only (400 below it).")
            .RequireOperation(Operations.TrainingRead)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("/officers/{institutionId}/{serviceNumber}/record", async Task<Ok<OfficerRecordDto>> (TrainingService.TrainingServiceClient training,
                string institutionId, string serviceNumber, CancellationToken ct) =>
            {
                var r = await training.GetOfficerRecordAsync(new GetOfficerRecordRequest { InstitutionId = institutionId, ServiceNumber = serviceNumber }, cancellationToken: ct);
                return TypedResults.Ok(new OfficerRecordDto(r.InstitutionId, r.ServiceNumber, r.Name,
                    r.Sessions.Select(s => new OfficerSessionDto(ToDto(s.Session), ToDto(s.Enrolment))).ToList(), r.Certificates.Select(ToDto).ToList()));
            })
            .WithSummary("An officer's training record: every session with attendance and results, and every certificate.")
            .RequireOperation(Operations.TrainingManage)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var lists = group.MapGroup("/work-lists").RequireOperation(Operations.TrainingManage);

        lists.MapGet("/due-for-recertification", async Task<Ok<PageDto<DueDto>>> (TrainingService.TrainingServiceClient training, string? institutionId,
                string? curriculumCode, string? onDate, int? pageSize, string? pageToken, CancellationToken ct) =>
            {
                var r = await training.ListDueForRecertificationAsync(new ListDueForRecertificationRequest
                {
                    InstitutionId = institutionId ?? "", CurriculumCode = curriculumCode ?? "", OnDate = onDate ?? "", PageSize = pageSize ?? 0, PageToken = pageToken ?? "",
                }, cancellationToken: ct);
                return TypedResults.Ok(new PageDto<DueDto>(r.Items.Select(i => new DueDto(ToDto(i.Certificate), i.DaysToExpiry)).ToList(), TrainingApi.NullIfEmpty(r.NextPageToken)));
            })
            .WithSummary("Officers whose latest certificate is in its recertification window or has expired, soonest first.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        lists.MapGet("/sessions-with-free-places", async Task<Ok<PageDto<SessionDto>>> (TrainingService.TrainingServiceClient training, string? institutionId,
                string? curriculumCode, int? pageSize, string? pageToken, TimeProvider time, CancellationToken ct) =>
            {
                var r = await training.ListSessionsAsync(new ListSessionsRequest
                {
                    InstitutionId = institutionId ?? "", CurriculumCode = curriculumCode ?? "", WithFreePlaces = true,
                    StartsFrom = time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    PageSize = pageSize ?? 0, PageToken = pageToken ?? "",
                }, cancellationToken: ct);
                return TypedResults.Ok(new PageDto<SessionDto>(r.Sessions.Select(ToDto).ToList(), TrainingApi.NullIfEmpty(r.NextPageToken)));
            })
            .WithSummary("Sessions still to start that have free places.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        lists.MapGet("/trainers-expiring", async Task<Ok<PageDto<TrainerDto>>> (TrainingService.TrainingServiceClient training, string? institutionId,
                int? withinDays, int? pageSize, string? pageToken, CancellationToken ct) =>
            {
                var r = await training.ListTrainersAsync(new ListTrainersRequest
                {
                    InstitutionId = institutionId ?? "", ExpiringWithinDays = withinDays ?? 90, PageSize = pageSize ?? 0, PageToken = pageToken ?? "",
                }, cancellationToken: ct);
                return TypedResults.Ok(new PageDto<TrainerDto>(r.Trainers.Select(ToDto).ToList(), TrainingApi.NullIfEmpty(r.NextPageToken)));
            })
            .WithSummary("Trainers whose qualification ends within the given days (default 90).")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return app;
    }
}
