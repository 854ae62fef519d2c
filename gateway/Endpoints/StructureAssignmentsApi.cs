using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.Structure.V1;
using Microsoft.AspNetCore.Http.HttpResults;
using static GenderArchitecture.Gateway.Endpoints.StructureDtos;

namespace GenderArchitecture.Gateway.Endpoints;

/// <summary>
/// Reviewer and training-officer assignments, and the scopes the register grants a person on a date: administrators only.
/// The identity service asks the same question over gRPC (GetPersonScopes) with its own identity.
/// </summary>
public static class StructureAssignmentsApi
{
    public sealed record CreateAssignmentRequest(string PersonId, string Role, string UnitId, string StartOn, string? EndOn);
    public sealed record EndAssignmentRequest(string EndOn, long? ExpectedVersion);

    public sealed record AssignmentDto(string Id, string PersonId, string PersonName, string Role, string UnitId, string StartOn, string? EndOn, long Version);

    public sealed record ScopesDto(string PersonId, string OnDate, string InstitutionId, bool InService, string[] FocalPointUnitIds,
        string[] ReviewerUnitIds, string[] TrainingOfficerInstitutionIds, string? NextChangeOn);

    public static IEndpointRouteBuilder MapStructureAssignmentsApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1").WithTags("Structure")
            .RequireOperation(Operations.StructureAdminister)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        admin.MapGet("/role-assignments", async Task<Ok<Page<AssignmentDto>>> (string? personId, string? role, string? unitId, string? activeOn,
                int? pageSize, string? pageToken, StructureService.StructureServiceClient structure, CancellationToken ct) =>
            {
                var response = await structure.ListRoleAssignmentsAsync(new ListRoleAssignmentsRequest
                {
                    PersonId = personId ?? "", Role = Parse<AssignmentRole>(role), RootUnitId = unitId ?? "", ActiveOn = activeOn ?? "",
                    PageSize = pageSize ?? 0, PageToken = pageToken ?? "",
                }, cancellationToken: ct);
                return TypedResults.Ok(new Page<AssignmentDto>([.. response.Assignments.Select(ToDto)], InstitutionsApi.NullIfEmpty(response.NextPageToken)));
            })
            .WithSummary("Reviewer and training-officer assignments, optionally of one person, role (reviewer, training_officer), unit subtree, active at a date.")
            .RequireOperation(Operations.RegisterDetailRead);

        admin.MapPost("/role-assignments", async Task<Created<AssignmentDto>> (CreateAssignmentRequest body, StructureService.StructureServiceClient structure, CancellationToken ct) =>
            {
                var assignment = (await structure.CreateRoleAssignmentAsync(new CreateRoleAssignmentRequest
                {
                    PersonId = body.PersonId ?? "", Role = Parse<AssignmentRole>(body.Role), UnitId = body.UnitId ?? "", StartOn = body.StartOn ?? "", EndOn = body.EndOn ?? "",
                }, cancellationToken: ct)).Assignment;
                return TypedResults.Created($"/api/v1/role-assignments?personId={assignment.PersonId}", ToDto(assignment));
            })
            .WithSummary("Assign a person as reviewer of a unit's subtree or training officer of an institution for a period; an overlapping duplicate is refused (422).")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        admin.MapPost("/role-assignments/{id}/end", async Task<Ok<AssignmentDto>> (string id, EndAssignmentRequest body, HttpRequest http,
                StructureService.StructureServiceClient structure, CancellationToken ct) =>
                TypedResults.Ok(ToDto((await structure.EndRoleAssignmentAsync(new EndRoleAssignmentRequest
                {
                    Id = id, EndOn = body.EndOn ?? "", ExpectedVersion = ExpectedVersion(http, body.ExpectedVersion),
                }, cancellationToken: ct)).Assignment)))
            .WithSummary("End an assignment from a date on (If-Match or expectedVersion): from that day it grants no scope.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        admin.MapGet("/personnel/{id}/scopes", async Task<Ok<ScopesDto>> (string id, string? on, StructureService.StructureServiceClient structure, CancellationToken ct) =>
            {
                var s = await structure.GetPersonScopesAsync(new GetPersonScopesRequest { PersonId = id, OnDate = on ?? "" }, cancellationToken: ct);
                return TypedResults.Ok(new ScopesDto(s.PersonId, s.OnDate, s.InstitutionId, s.InService, [.. s.FocalPointUnitIds], [.. s.ReviewerUnitIds],
                    [.. s.TrainingOfficerInstitutionIds], InstitutionsApi.NullIfEmpty(s.NextChangeOn)));
            })
            .WithSummary("The scopes the register grants a person on a date (default today): focal-point stations, reviewed units, training-officer institutions.")
            .RequireOperation(Operations.PersonScopesRead);

        return app;
    }

    private static AssignmentDto ToDto(RoleAssignment a) => new(a.Id, a.PersonId, a.PersonName, Name(a.Role), a.UnitId, a.StartOn,
        InstitutionsApi.NullIfEmpty(a.EndOn), a.Version);
}
