using GenderArchitecture.Structure.V1;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GenderArchitecture.Gateway.Endpoints;

public static class InstitutionsApi
{
    public sealed record InstitutionDto(string Id, string Name, string ShortName, string Type, string OpenedOn, string? ClosedOn);

    public static IEndpointRouteBuilder MapInstitutionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/institutions").WithTags("Structure");

        group.MapGet("/", async Task<Ok<InstitutionDto[]>> (StructureService.StructureServiceClient structure, string? activeOn, CancellationToken ct) =>
            {
                var response = await structure.ListInstitutionsAsync(new ListInstitutionsRequest { ActiveOn = activeOn ?? "" }, cancellationToken: ct);
                return TypedResults.Ok(response.Institutions.Select(ToDto).ToArray());
            })
            .WithSummary("The institutions of the register (the public list; no token needed).")
            .AllowAnonymous()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return app;
    }

    internal static InstitutionDto ToDto(OrganisationUnit u) => new(u.Id, u.Name, u.ShortName,
        u.InstitutionType.ToString().ToLowerInvariant(), u.OpenedOn, u.ClosedOn is "" ? null : u.ClosedOn);
}
