using System.Globalization;
using GenderArchitecture.Reporting.V1;
using GenderArchitecture.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using static GenderArchitecture.Gateway.Endpoints.ReportingDtos;

namespace GenderArchitecture.Gateway.Endpoints;

/// <summary>
/// Reporting: forms; the focal point's station reports (drafts, submission, corrections); the reviewer's queue,
/// approval and return; history; lock exceptions. Statistics are mapped from <see cref="ReportingStatisticsApi"/>.
/// Writes take an <c>Idempotency-Key</c> header (a retry with the same key returns the first answer) and edits an
/// <c>If-Match</c> header with the version they started from (a stale one answers 409 with the current version).
/// </summary>
public static class ReportingApi
{

    public static IEndpointRouteBuilder MapReportingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/reporting").WithTags("Reporting").RequireOperation(Operations.FormsRead);

        group.MapGet("/forms", async Task<Ok<FormDto[]>> (ReportingService.ReportingServiceClient reporting, CancellationToken ct) =>
            {
                var response = await reporting.ListFormsAsync(new ListFormsRequest(), cancellationToken: ct);
                return TypedResults.Ok(response.Forms.Select(ToDto).ToArray());
            })
            .WithSummary("The report forms, defined as data: elements, disaggregation categories and validation rules.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        MapStationReports(group);
        MapReview(group);
        MapLockExceptions(group);
        app.MapReportingStatisticsApi();
        return app;
    }

    private static void MapStationReports(RouteGroupBuilder group)
    {
        group.MapGet("/stations/{stationId}/reports", async Task<Ok<ReportPageDto>> (ReportingService.ReportingServiceClient reporting, string stationId,
                string? formId, string? periodFrom, string? periodTo, int? pageSize, string? pageToken, CancellationToken ct) =>
            {
                var response = await reporting.ListStationReportsAsync(new ListStationReportsRequest
                {
                    StationId = stationId, FormId = formId ?? "", PeriodFrom = periodFrom ?? "", PeriodTo = periodTo ?? "",
                    PageSize = pageSize ?? 0, PageToken = pageToken ?? "",
                }, cancellationToken: ct);
                return TypedResults.Ok(new ReportPageDto(response.Reports.Select(ToDto).ToArray(), NullIfEmpty(response.NextPageToken)));
            })
            .WithSummary("A station's reports and their states (its focal point, reviewers in scope, administrators).")
            .RequireOperation(Operations.ReportsRead)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPut("/stations/{stationId}/reports/{formId}/{periodStart}", async Task<Results<Ok<ReportDto>, ValidationProblem>> (ReportingService.ReportingServiceClient reporting,
                HttpContext http, string stationId, string formId, string periodStart, SaveDraftDto body, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                var values = ToMessages(body.Values, errors);
                if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
                var response = await reporting.SaveDraftAsync(new SaveDraftRequest
                {
                    ClientRequestId = VersionHeaders.IdempotencyKey(http.Request), FormId = formId, StationId = stationId, PeriodStart = periodStart,
                    ExpectedVersion = VersionHeaders.IfMatch(http.Request, required: false) ?? 0, Values = { values },
                }, cancellationToken: ct);
                return WithETag(http, ToDto(response.Report));
            })
            .WithSummary("Creates (no If-Match) or replaces (If-Match: the version read) the values of a draft or returned report; values is required ([] for none), a null cell or a number cell without a number is a 400 naming it.")
            .RequireOperation(Operations.ReportsWrite)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/reports/{id}", async Task<Ok<ReportDto>> (ReportingService.ReportingServiceClient reporting, HttpContext http, string id, CancellationToken ct) =>
                WithETag(http, ToDto((await reporting.GetReportAsync(new GetReportRequest { ReportId = id }, cancellationToken: ct)).Report)))
            .WithSummary("One report with its values and warnings; the ETag is its version.")
            .RequireOperation(Operations.ReportsRead)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/reports/{id}/submit", async Task<Ok<ReportDto>> (ReportingService.ReportingServiceClient reporting, HttpContext http, string id, CancellationToken ct) =>
            {
                var response = await reporting.SubmitReportAsync(new SubmitReportRequest
                {
                    ClientRequestId = VersionHeaders.IdempotencyKey(http.Request), ReportId = id, ExpectedVersion = VersionHeaders.IfMatch(http.Request, required: true)!.Value,
                }, cancellationToken: ct);
                return WithETag(http, ToDto(response.Report));
            })
            .WithSummary("Submits (or resubmits) a report; a broken validation rule answers 400 naming the rule.")
            .RequireOperation(Operations.ReportsWrite)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        group.MapPost("/reports/{id}/corrections", async Task<Results<Ok<ReportDto>, ValidationProblem>> (ReportingService.ReportingServiceClient reporting, HttpContext http, string id,
                CorrectionDto body, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                var values = ToMessages(body.Values, errors);
                if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
                var response = await reporting.CorrectReportAsync(new CorrectReportRequest
                {
                    ClientRequestId = VersionHeaders.IdempotencyKey(http.Request), ReportId = id, ExpectedVersion = VersionHeaders.IfMatch(http.Request, required: true)!.Value,
                    Reason = body.Reason ?? "", Values = { values },
                }, cancellationToken: ct);
                return WithETag(http, ToDto(response.Report));
            })
            .WithSummary("Corrects an approved report with a reason: a new revision that goes back to review.")
            .RequireOperation(Operations.ReportsWrite)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/reports/{id}/history", async Task<Ok<ReportEventDto[]>> (ReportingService.ReportingServiceClient reporting, string id, CancellationToken ct) =>
            {
                var response = await reporting.GetReportHistoryAsync(new GetReportHistoryRequest { ReportId = id }, cancellationToken: ct);
                return TypedResults.Ok(response.Events.Select(ToDto).ToArray());
            })
            .WithSummary("The append-only history of a report: who, when, what changed and why.")
            .RequireOperation(Operations.ReportsRead)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static void MapReview(RouteGroupBuilder group)
    {
        group.MapGet("/review-queue", async Task<Ok<ReportPageDto>> (ReportingService.ReportingServiceClient reporting, string? formId, int? pageSize,
                string? pageToken, CancellationToken ct) =>
            {
                var response = await reporting.ListReviewQueueAsync(new ListReviewQueueRequest { FormId = formId ?? "", PageSize = pageSize ?? 0, PageToken = pageToken ?? "" },
                    cancellationToken: ct);
                return TypedResults.Ok(new ReportPageDto(response.Reports.Select(ToDto).ToArray(), NullIfEmpty(response.NextPageToken)));
            })
            .WithSummary("Reports waiting for review in the caller's units, oldest period first.")
            .RequireOperation(Operations.ReportsReview)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/reports/{id}/approve", async Task<Ok<ReportDto>> (ReportingService.ReportingServiceClient reporting, HttpContext http, string id,
                ReviewDto? body, CancellationToken ct) =>
            {
                var response = await reporting.ApproveReportAsync(new ApproveReportRequest
                {
                    ClientRequestId = VersionHeaders.IdempotencyKey(http.Request), ReportId = id, ExpectedVersion = VersionHeaders.IfMatch(http.Request, required: true)!.Value,
                    Comment = body?.Comment ?? "",
                }, cancellationToken: ct);
                return WithETag(http, ToDto(response.Report));
            })
            .WithSummary("Approves a submitted report; it is then locked and counts in the aggregates at once.")
            .RequireOperation(Operations.ReportsReview)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/reports/{id}/return", async Task<Ok<ReportDto>> (ReportingService.ReportingServiceClient reporting, HttpContext http, string id,
                ReviewDto body, CancellationToken ct) =>
            {
                var response = await reporting.ReturnReportAsync(new ReturnReportRequest
                {
                    ClientRequestId = VersionHeaders.IdempotencyKey(http.Request), ReportId = id, ExpectedVersion = VersionHeaders.IfMatch(http.Request, required: true)!.Value,
                    Comment = body.Comment ?? "",
                }, cancellationToken: ct);
                return WithETag(http, ToDto(response.Report));
            })
            .WithSummary("Returns a submitted report to its station; the comment is required.")
            .RequireOperation(Operations.ReportsReview)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static void MapLockExceptions(RouteGroupBuilder group)
    {
        group.MapGet("/lock-exceptions", async Task<Ok<LockExceptionDto[]>> (ReportingService.ReportingServiceClient reporting, string? stationId, CancellationToken ct) =>
            {
                var response = await reporting.ListLockExceptionsAsync(new ListLockExceptionsRequest { StationId = stationId ?? "" }, cancellationToken: ct);
                return TypedResults.Ok(response.LockExceptions.Select(ToDto).ToArray());
            })
            .WithSummary("Lock exceptions, optionally of one station, newest first, each with its periods and state (active, expired, withdrawn): their history.")
            .RequireOperation(Operations.ReportingAdminister);

        group.MapPost("/lock-exceptions", async Task<Created<LockExceptionDto>> (ReportingService.ReportingServiceClient reporting, HttpContext http,
                CreateLockExceptionDto body, CancellationToken ct) =>
            {
                var response = await reporting.CreateLockExceptionAsync(new CreateLockExceptionRequest
                {
                    ClientRequestId = VersionHeaders.IdempotencyKey(http.Request), StationId = body.StationId ?? "", Reason = body.Reason ?? "", EndsOn = body.EndsOn ?? "",
                    FormId = body.FormId ?? "", PeriodFrom = body.PeriodFrom ?? "", PeriodTo = body.PeriodTo ?? "",
                }, cancellationToken: ct);
                return TypedResults.Created($"/api/v1/reporting/lock-exceptions?stationId={Uri.EscapeDataString(response.LockException.StationId)}", ToDto(response.LockException));
            })
            .WithSummary("Lets one station edit the locked periods named (formId, periodFrom, optional periodTo: at most 12 periods) until endsOn (not in the past, at most 90 days ahead), with a reason.")
            .RequireOperation(Operations.ReportingAdminister)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapDelete("/lock-exceptions/{id}", async Task<Ok<LockExceptionDto>> (ReportingService.ReportingServiceClient reporting, HttpContext http, string id,
                string? reason, CancellationToken ct) =>
            {
                var response = await reporting.WithdrawLockExceptionAsync(new WithdrawLockExceptionRequest
                {
                    ClientRequestId = VersionHeaders.IdempotencyKey(http.Request), Id = id, Reason = reason ?? "",
                }, cancellationToken: ct);
                return TypedResults.Ok(ToDto(response.LockException));
            })
            .WithSummary("Withdraws an active lock exception (optional ?reason=); it stays in the list as withdrawn, with who and when.")
            .RequireOperation(Operations.ReportingAdminister)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static Ok<ReportDto> WithETag(HttpContext http, ReportDto report)
    {
        VersionHeaders.SetETag(http.Response, report.Version);
        return TypedResults.Ok(report);
    }
}
