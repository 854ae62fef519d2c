using GenderArchitecture.Training.V1;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GenderArchitecture.Gateway.Endpoints;

public static class TrainingApi
{
    public sealed record CurriculumDto(string Id, string Code, string Title, int Version, double TotalHours, int ValidityMonths);

    public static IEndpointRouteBuilder MapTrainingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/training").WithTags("Training").RequireAuthorization();

        group.MapGet("/curricula", async Task<Ok<CurriculumDto[]>> (TrainingService.TrainingServiceClient training, CancellationToken ct) =>
            {
                var response = await training.ListCurriculaAsync(new ListCurriculaRequest(), cancellationToken: ct);
                return TypedResults.Ok(response.Curricula.Select(c => new CurriculumDto(c.Id, c.Code, c.Title, c.Version, c.TotalHours, c.ValidityMonths)).ToArray());
            })
            .WithSummary("Curricula, newest version of each.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return app;
    }
}
