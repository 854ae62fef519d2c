using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.Training.V1;
using Microsoft.AspNetCore.Http.HttpResults;
using static GenderArchitecture.Gateway.Endpoints.TrainingDtos;

namespace GenderArchitecture.Gateway.Endpoints;

/// <summary>
/// The training department's endpoints: curricula, the trainer pool, sessions, enrolment, attendance and results.
/// Certificates (with the public verification) and compliance are mapped from here too, from their own files.
/// </summary>
public static class TrainingApi
{

    public static IEndpointRouteBuilder MapTrainingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/training").WithTags("Training").RequireOperation(Operations.CurriculaRead);
        MapCurricula(group);
        MapSessions(group);
        app.MapTrainingCertificatesApi();
        app.MapTrainingComplianceApi();
        return app;
    }

    private static void MapCurricula(RouteGroupBuilder group)
    {
        group.MapGet("/curricula", async Task<Ok<PageDto<CurriculumDto>>> (TrainingService.TrainingServiceClient training, string? code, string? audience,
                string? institutionId, bool? allVersions, int? pageSize, string? pageToken, CancellationToken ct) =>
            {
                var response = await training.ListCurriculaAsync(new ListCurriculaRequest
                {
                    Code = code ?? "", Audience = ParseEnum<Audience>(audience, "audience") ?? Audience.Unspecified, InstitutionId = institutionId ?? "",
                    AllVersions = allVersions ?? false, PageSize = pageSize ?? 0, PageToken = pageToken ?? "",
                }, cancellationToken: ct);
                return TypedResults.Ok(new PageDto<CurriculumDto>(response.Curricula.Select(ToDto).ToList(), NullIfEmpty(response.NextPageToken)));
            })
            .WithSummary("Curricula: the newest version of each, or every version; by code, audience or institution.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("/curricula/{id}", async Task<Ok<CurriculumDto>> (TrainingService.TrainingServiceClient training, string id, HttpResponse http, CancellationToken ct) =>
            {
                var curriculum = (await training.GetCurriculumAsync(new GetCurriculumRequest { Id = id }, cancellationToken: ct)).Curriculum;
                VersionHeaders.SetETag(http, curriculum.Revision);
                return TypedResults.Ok(ToDto(curriculum));
            })
            .WithSummary("One curriculum version.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/curricula", async Task<Created<CurriculumDto>> (TrainingService.TrainingServiceClient training, CreateCurriculumDto body, CancellationToken ct) =>
            {
                var response = await training.CreateCurriculumAsync(new CreateCurriculumRequest
                {
                    Code = body.Code ?? "", InstitutionId = body.InstitutionId ?? "", Content = ToMessage(body.Content),
                }, cancellationToken: ct);
                return TypedResults.Created($"/api/v1/training/curricula/{response.Curriculum.Id}", ToDto(response.Curriculum));
            })
            .WithSummary("Creates version 1 of a curriculum.")
            .RequireOperation(Operations.TrainingManage)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPut("/curricula/{id}", async Task<Ok<CurriculumUpdatedDto>> (TrainingService.TrainingServiceClient training, string id, UpdateCurriculumDto body,
                HttpContext http, CancellationToken ct) =>
            {
                var response = await training.UpdateCurriculumAsync(new UpdateCurriculumRequest
                {
                    Id = id, ExpectedRevision = VersionHeaders.Expected(http.Request, body.ExpectedRevision), Content = ToMessage(body.Content),
                }, cancellationToken: ct);
                VersionHeaders.SetETag(http.Response, response.Curriculum.Revision);
                return TypedResults.Ok(new CurriculumUpdatedDto(ToDto(response.Curriculum), response.NewVersion));
            })
            .WithSummary("Edits a curriculum from the revision read (If-Match, or expectedRevision); a delivered version is kept and the edit becomes a new version (newVersion = true).")
            .RequireOperation(Operations.TrainingManage)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/trainers", async Task<Ok<PageDto<TrainerDto>>> (TrainingService.TrainingServiceClient training, string? institutionId, string? onDate,
                int? expiringWithinDays, int? pageSize, string? pageToken, CancellationToken ct) =>
            {
                var response = await training.ListTrainersAsync(new ListTrainersRequest
                {
                    InstitutionId = institutionId ?? "", OnDate = onDate ?? "", ExpiringWithinDays = expiringWithinDays ?? 0,
                    PageSize = pageSize ?? 0, PageToken = pageToken ?? "",
                }, cancellationToken: ct);
                return TypedResults.Ok(new PageDto<TrainerDto>(response.Trainers.Select(ToDto).ToList(), NullIfEmpty(response.NextPageToken)));
            })
            .WithSummary("The trainer pool: officers with a valid training-of-trainers certificate at a date (soonest expiry first).")
            .RequireOperation(Operations.TrainingRead)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static void MapSessions(RouteGroupBuilder group)
    {
        group.MapGet("/sessions", async Task<Ok<PageDto<SessionDto>>> (TrainingService.TrainingServiceClient training, string? institutionId, string? curriculumCode,
                string? startsFrom, string? startsTo, bool? withFreePlaces, int? pageSize, string? pageToken, CancellationToken ct) =>
            {
                var response = await training.ListSessionsAsync(new ListSessionsRequest
                {
                    InstitutionId = institutionId ?? "", CurriculumCode = curriculumCode ?? "", StartsFrom = startsFrom ?? "", StartsTo = startsTo ?? "",
                    WithFreePlaces = withFreePlaces ?? false, PageSize = pageSize ?? 0, PageToken = pageToken ?? "",
                }, cancellationToken: ct);
                return TypedResults.Ok(new PageDto<SessionDto>(response.Sessions.Select(ToDto).ToList(), NullIfEmpty(response.NextPageToken)));
            })
            .WithSummary("Sessions by institution, curriculum, start dates and free places.")
            .RequireOperation(Operations.TrainingRead)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/sessions/{id}", async Task<Ok<SessionDetailDto>> (TrainingService.TrainingServiceClient training, string id, HttpResponse http, CancellationToken ct) =>
            {
                var response = await training.GetSessionAsync(new GetSessionRequest { Id = id }, cancellationToken: ct);
                VersionHeaders.SetETag(http, response.Session.Revision);
                return TypedResults.Ok(new SessionDetailDto(ToDto(response.Session), response.Enrolments.Select(ToDto).ToList()));
            })
            .WithSummary("One session with its enrolments, attendance and results.")
            .RequireOperation(Operations.TrainingManage)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/sessions", async Task<Created<SessionDto>> (TrainingService.TrainingServiceClient training, CreateSessionDto body, CancellationToken ct) =>
            {
                var request = new CreateSessionRequest
                {
                    CurriculumId = body.CurriculumId ?? "", InstitutionId = body.InstitutionId ?? "", Location = body.Location ?? "",
                    StartDate = body.StartDate ?? "", EndDate = body.EndDate ?? "", Capacity = body.Capacity,
                };
                request.TrainerServiceNumbers.AddRange(body.TrainerServiceNumbers ?? []);
                var session = (await training.CreateSessionAsync(request, cancellationToken: ct)).Session;
                return TypedResults.Created($"/api/v1/training/sessions/{session.Id}", ToDto(session));
            })
            .WithSummary("Schedules a session; every trainer must hold a training-of-trainers certificate valid on each of its days.")
            .RequireOperation(Operations.TrainingManage)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPatch("/sessions/{id}", async Task<Ok<SessionUpdatedDto>> (TrainingService.TrainingServiceClient training, string id, UpdateSessionDto body,
                HttpContext http, CancellationToken ct) =>
            {
                var response = await training.UpdateSessionAsync(new UpdateSessionRequest
                {
                    Id = id, ExpectedRevision = VersionHeaders.Expected(http.Request, body.ExpectedRevision), Location = body.Location ?? "", Capacity = body.Capacity ?? 0,
                }, cancellationToken: ct);
                VersionHeaders.SetETag(http.Response, response.Session.Revision);
                return TypedResults.Ok(new SessionUpdatedDto(ToDto(response.Session), response.Promoted.Select(ToDto).ToList()));
            })
            .WithSummary("Changes a session's location or capacity from the revision read (If-Match, or expectedRevision); new places go to the waitlist in order (promoted).")
            .RequireOperation(Operations.TrainingManage)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/sessions/{id}/enrolments", async Task<Created<EnrolmentDto>> (TrainingService.TrainingServiceClient training, string id, EnrolDto body, CancellationToken ct) =>
            {
                var enrolment = (await training.EnrolAsync(new EnrolRequest { SessionId = id, ServiceNumber = body.ServiceNumber ?? "" }, cancellationToken: ct)).Enrolment;
                return TypedResults.Created($"/api/v1/training/sessions/{id}/enrolments/{enrolment.ServiceNumber}", ToDto(enrolment));
            })
            .WithSummary("Enrols an officer; when the session is full the officer is waitlisted (status waitlisted, with a position).")
            .RequireOperation(Operations.TrainingManage)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapDelete("/sessions/{id}/enrolments/{serviceNumber}", async Task<Ok<WithdrawalDto>> (TrainingService.TrainingServiceClient training, string id, string serviceNumber, CancellationToken ct) =>
            {
                var response = await training.WithdrawAsync(new WithdrawRequest { SessionId = id, ServiceNumber = serviceNumber }, cancellationToken: ct);
                return TypedResults.Ok(new WithdrawalDto(ToDto(response.Withdrawn), response.Promoted is null ? null : ToDto(response.Promoted)));
            })
            .WithSummary("Withdraws an officer; the first on the waitlist moves up into the freed place (promoted).")
            .RequireOperation(Operations.TrainingManage)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPut("/sessions/{id}/attendance/{day}", async Task<Ok<EnrolmentDto[]>> (TrainingService.TrainingServiceClient training, string id, string day, AttendanceDto body, CancellationToken ct) =>
            {
                var request = new RecordAttendanceRequest { SessionId = id, Day = day };
                request.Marks.AddRange((body.Marks ?? []).Select(m => new AttendanceMark { ServiceNumber = m.ServiceNumber ?? "", Present = m.Present }));
                var response = await training.RecordAttendanceAsync(request, cancellationToken: ct);
                return TypedResults.Ok(response.Enrolments.Select(ToDto).ToArray());
            })
            .WithSummary("Records who was present on one day (yyyy-MM-dd) of the session.")
            .RequireOperation(Operations.TrainingManage)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/sessions/{id}/enrolments/{serviceNumber}/results", async Task<Ok<EnrolmentDto>> (TrainingService.TrainingServiceClient training, string id, string serviceNumber, ResultsDto body, CancellationToken ct) =>
            {
                var request = new RecordResultsRequest { SessionId = id, ServiceNumber = serviceNumber };
                if (body.PreTestScore is { } pre) request.PreTestScore = pre;
                if (body.PostTestScore is { } post) request.PostTestScore = post;
                return TypedResults.Ok(ToDto((await training.RecordResultsAsync(request, cancellationToken: ct)).Enrolment));
            })
            .WithSummary("Records an officer's pre- and post-test scores (0-100).")
            .RequireOperation(Operations.TrainingManage)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
