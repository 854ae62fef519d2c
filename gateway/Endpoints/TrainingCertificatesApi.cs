using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.Training.V1;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using static GenderArchitecture.Gateway.Endpoints.TrainingDtos;

namespace GenderArchitecture.Gateway.Endpoints;

/// <summary>Certificates: issuance, revocation, lists, the public verification, and the import of historic completions.</summary>
public static class TrainingCertificatesApi
{
    public static IEndpointRouteBuilder MapTrainingCertificatesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/training").WithTags("Training").RequireOperation(Operations.TrainingManage);

        group.MapPost("/sessions/{id}/enrolments/{serviceNumber}/certificate", async Task<Results<Created<IssuedDto>, Ok<IssuedDto>>> (
                TrainingService.TrainingServiceClient training, string id, string serviceNumber,
                [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CancellationToken ct) =>
            {
                var response = await training.IssueCertificateAsync(new IssueCertificateRequest
                {
                    SessionId = id, ServiceNumber = serviceNumber, RequestId = idempotencyKey ?? "",
                }, cancellationToken: ct);
                var dto = new IssuedDto(ToDto(response.Certificate), response.Created);
                return response.Created
                    ? TypedResults.Created($"/api/v1/training/certificates/{response.Certificate.Id}", dto)
                    : TypedResults.Ok(dto);
            })
            .WithSummary("Issues the officer's certificate for the session when attendance and the post-test meet the curriculum's rules. " +
                "Safe to retry (one certificate per officer per session): 201 when made, 200 with the same certificate on a repeat.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("/certificates", async Task<Ok<PageDto<CertificateDto>>> (TrainingService.TrainingServiceClient training, string? institutionId, string? serviceNumber,
                string? curriculumCode, string? status, string? onDate, int? pageSize, string? pageToken, CancellationToken ct) =>
            {
                var response = await training.ListCertificatesAsync(new ListCertificatesRequest
                {
                    InstitutionId = institutionId ?? "", ServiceNumber = serviceNumber ?? "", CurriculumCode = curriculumCode ?? "",
                    Status = ParseEnum<CertificateStatus>(status, "status") ?? CertificateStatus.Unspecified, OnDate = onDate ?? "", PageSize = pageSize ?? 0, PageToken = pageToken ?? "",
                }, cancellationToken: ct);
                return TypedResults.Ok(new PageDto<CertificateDto>(response.Certificates.Select(ToDto).ToList(), TrainingApi.NullIfEmpty(response.NextPageToken)));
            })
            .WithSummary("Certificates by institution, officer, curriculum and status at a date.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/certificates/{id}", async Task<Ok<CertificateDto>> (TrainingService.TrainingServiceClient training, string id, HttpResponse http, CancellationToken ct) =>
            {
                var certificate = (await training.GetCertificateAsync(new GetCertificateRequest { Id = id }, cancellationToken: ct)).Certificate;
                VersionHeaders.SetETag(http, certificate.Revision);
                return TypedResults.Ok(ToDto(certificate));
            })
            .WithSummary("One certificate.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/certificates/{id}/revocation", async Task<Ok<CertificateDto>> (TrainingService.TrainingServiceClient training, string id, RevocationDto body,
                HttpContext http, CancellationToken ct) =>
            {
                var certificate = (await training.RevokeCertificateAsync(new RevokeCertificateRequest
                {
                    Id = id, Reason = body.Reason ?? "", ExpectedRevision = VersionHeaders.Expected(http.Request, body.ExpectedRevision),
                }, cancellationToken: ct)).Certificate;
                VersionHeaders.SetETag(http.Response, certificate.Revision);
                return TypedResults.Ok(ToDto(certificate));
            })
            .WithSummary("Revokes a certificate with a reason, from the revision read (If-Match, or expectedRevision); it verifies as revoked from then on.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/certificates/import", async Task<Results<Ok<ImportReportDto>, UnprocessableEntity<ImportReportDto>, ProblemHttpResult>> (
                TrainingService.TrainingServiceClient training, HttpRequest http, string institutionId, bool? dryRun, bool? validRowsOnly, CancellationToken ct) =>
            {
                var csv = await ReadCsvAsync(http, ct);
                if (csv is null)
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the CSV as text/csv, or as a file in multipart/form-data.");
                }
                var response = await training.ImportCompletionsAsync(new ImportCompletionsRequest
                {
                    InstitutionId = institutionId, Csv = csv, DryRun = dryRun ?? false, ValidRowsOnly = validRowsOnly ?? false,
                }, cancellationToken: ct);
                var report = new ImportReportDto(response.DryRun, response.RowsRead, response.RowsValid, response.CertificatesCreated,
                    response.Errors.Select(e => new ImportRowErrorDto(e.Line, e.ServiceNumber, e.Reason)).ToList());
                // A real run that was refused because of rejected rows wrote nothing: say so with 422 and the rows.
                return !response.DryRun && response.Errors.Count > 0 && response.CertificatesCreated == 0 && !(validRowsOnly ?? false)
                    ? TypedResults.UnprocessableEntity(report)
                    : TypedResults.Ok(report);
            })
            .WithSummary("Imports historic completions from CSV (service_number,curriculum,completion_date,result). dryRun=true reports what would " +
                "be created and every rejected row; a real run with rejected rows writes nothing unless validRowsOnly=true.")
            .Accepts<string>("text/csv", "multipart/form-data")
            .DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        // The public check of a certificate: no token, and the answer reveals only name, curriculum, validity and status.
        app.MapGet("/api/v1/certificates/verify/{code}", async Task<Ok<VerificationDto>> (TrainingService.TrainingServiceClient training, string code, CancellationToken ct) =>
            {
                var r = await training.VerifyCertificateAsync(new VerifyCertificateRequest { VerificationCode = code }, cancellationToken: ct);
                return TypedResults.Ok(new VerificationDto(r.Status, TrainingApi.NullIfEmpty(r.HolderName), TrainingApi.NullIfEmpty(r.CurriculumTitle),
                    TrainingApi.NullIfEmpty(r.IssuedOn), TrainingApi.NullIfEmpty(r.ExpiresOn)));
            })
            .WithTags("Training")
            .WithSummary("Verifies a certificate by the code printed on it (anyone may ask): valid, expired, revoked or unknown.")
            .RequireOperation(Operations.PublicRead)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return app;
    }

    private static async Task<string?> ReadCsvAsync(HttpRequest http, CancellationToken ct)
    {
        if (http.HasFormContentType)
        {
            var form = await http.ReadFormAsync(ct);
            var file = form.Files.FirstOrDefault();
            if (file is null) return null;
            using var reader = new StreamReader(file.OpenReadStream());
            return await reader.ReadToEndAsync(ct);
        }
        var type = http.ContentType ?? "";
        if (!type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase)) return null;
        using var body = new StreamReader(http.Body);
        return await body.ReadToEndAsync(ct);
    }
}
