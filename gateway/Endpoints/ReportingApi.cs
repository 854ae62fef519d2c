using GenderArchitecture.Reporting.V1;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GenderArchitecture.Gateway.Endpoints;

public static class ReportingApi
{
    public sealed record FormDto(string Id, string Name, string PeriodType, int ElementCount);

    public static IEndpointRouteBuilder MapReportingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/reporting").WithTags("Reporting").RequireAuthorization();

        group.MapGet("/forms", async Task<Ok<FormDto[]>> (ReportingService.ReportingServiceClient reporting, CancellationToken ct) =>
            {
                var response = await reporting.ListFormsAsync(new ListFormsRequest(), cancellationToken: ct);
                return TypedResults.Ok(response.Forms.Select(f => new FormDto(f.Id, f.Name, f.PeriodType.ToString().ToLowerInvariant(), f.ElementCount)).ToArray());
            })
            .WithSummary("The report forms, defined as data.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return app;
    }
}
