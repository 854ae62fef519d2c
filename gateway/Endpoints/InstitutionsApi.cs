using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.Structure.V1;
using Microsoft.AspNetCore.Http.HttpResults;
using static GenderArchitecture.Gateway.Endpoints.StructureDtos;

namespace GenderArchitecture.Gateway.Endpoints;

public static class InstitutionsApi
{
    public sealed record CreateRankBody(string Code, string Name, string Band);

    public sealed record InstitutionDto(string Id, string Name, string ShortName, string Type, string OpenedOn, string? ClosedOn);

    /// <summary>The Structure area: institutions here; units, personnel and focal points, and bodies and action plans in their own files.</summary>
    public static IEndpointRouteBuilder MapInstitutionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/institutions").WithTags("Structure");

        group.MapGet("/", async Task<Ok<InstitutionDto[]>> (StructureService.StructureServiceClient structure, string? activeOn, CancellationToken ct) =>
            {
                var response = await structure.ListInstitutionsAsync(new ListInstitutionsRequest { ActiveOn = activeOn ?? "" }, cancellationToken: ct);
                return TypedResults.Ok(response.Institutions.Select(ToDto).ToArray());
            })
            .WithSummary("The institutions of the register (the public list; no token needed).")
            .RequireOperation(Operations.PublicRead)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        var signedIn = group.MapGroup("").RequireOperation(Operations.StructureRead)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

        signedIn.MapGet("/{id}", async Task<Ok<UnitDto>> (string id, StructureService.StructureServiceClient structure, HttpResponse http, CancellationToken ct) =>
            {
                var unit = (await structure.GetOrganisationUnitAsync(new GetOrganisationUnitRequest { Id = id }, cancellationToken: ct)).Unit;
                SetETag(http, unit.Version);
                return TypedResults.Ok(StructureDtos.ToDto(unit));
            })
            .WithSummary("One institution (an organisation unit at the root of a tree).");

        signedIn.MapGet("/{id}/units", async Task<Ok<Page<UnitDto>>> (string id, string? kind, string? activeOn, string? activeFrom, string? activeTo,
                int? pageSize, string? pageToken, StructureService.StructureServiceClient structure, CancellationToken ct) =>
            {
                var response = await structure.ListOrganisationUnitsAsync(new ListOrganisationUnitsRequest
                {
                    InstitutionId = id, Kind = Parse<OrganisationUnitKind>(kind), ActiveOn = activeOn ?? "", ActiveFrom = activeFrom ?? "",
                    ActiveTo = activeTo ?? "", PageSize = pageSize ?? 0, PageToken = pageToken ?? "",
                }, cancellationToken: ct);
                return TypedResults.Ok(new Page<UnitDto>([.. response.Units.Select(StructureDtos.ToDto)], NullIfEmpty(response.NextPageToken)));
            })
            .WithSummary("The organisation units of an institution, with their ancestors; filter by kind (region, station, ...) and dates.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        signedIn.MapGet("/{id}/ranks", async Task<Ok<RankDto[]>> (string id, StructureService.StructureServiceClient structure, CancellationToken ct) =>
            {
                var response = await structure.ListRanksAsync(new ListRanksRequest { InstitutionId = id }, cancellationToken: ct);
                return TypedResults.Ok(response.Ranks.Select(StructureDtos.ToDto).ToArray());
            })
            .WithSummary("The rank catalogue of an institution, each rank with its band.");

        signedIn.MapPost("/{id}/ranks", async Task<Ok<RankDto>> (string id, CreateRankBody body, StructureService.StructureServiceClient structure, CancellationToken ct) =>
            {
                var response = await structure.CreateRankAsync(new CreateRankRequest
                {
                    InstitutionId = id, Code = body.Code ?? "", Name = body.Name ?? "", Band = Parse<RankBand>(body.Band),
                }, cancellationToken: ct);
                return TypedResults.Ok(StructureDtos.ToDto(response.Rank));
            })
            .RequireOperation(Operations.StructureAdminister)
            .WithSummary("Add a rank (band junior, middle or senior) to an institution's catalogue (administrators).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapStructureUnitsApi();
        app.MapStructureBodiesApi();
        return app;
    }

    internal static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    internal static InstitutionDto ToDto(OrganisationUnit u) => new(u.Id, u.Name, u.ShortName,
        Name(u.InstitutionType), u.OpenedOn, u.ClosedOn is "" ? null : u.ClosedOn);
}
