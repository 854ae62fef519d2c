using System.Security.Claims;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.Structure.V1;
using Microsoft.AspNetCore.Http.HttpResults;
using static GenderArchitecture.Gateway.Endpoints.StructureDtos;

namespace GenderArchitecture.Gateway.Endpoints;

/// <summary>
/// Organisation units, personnel and focal points. Units, composition and coverage figures: any signed-in user.
/// Personnel records: administrators, and training officers of the person's institution without community (the
/// service narrows to the institution). Who holds a focal-point post: administrators. Writes: administrators.
/// </summary>
public static class StructureUnitsApi
{

    public sealed record CreateUnitRequest(string Id, string Name, string Kind, string? ParentId, string? ShortName, string OpenedOn, string? InstitutionType);
    public sealed record UpdateUnitRequest(string Name, string? ShortName, string? ParentId, long? ExpectedVersion);
    public sealed record CloseRequest(string ClosedOn, long? ExpectedVersion);
    public sealed record CreatePersonRequest(string InstitutionId, string ServiceNumber, string GivenName, string FamilyName, string Sex,
        string RankCode, string? Position, string UnitId, string ServiceStart, string? Community);
    public sealed record UpdatePersonRequest(string GivenName, string FamilyName, string Sex, string RankCode, string? Position, string UnitId,
        string? UnitEffectiveOn, string? Community, long? ExpectedVersion);
    public sealed record EndServiceRequest(string ServiceEnd, long? ExpectedVersion);
    public sealed record AppointRequest(string UnitId, string PersonId, string StartOn, string? EndOn);
    public sealed record EndAppointmentRequest(string EndOn, long? ExpectedVersion);

    public static IEndpointRouteBuilder MapStructureUnitsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Structure").RequireOperation(Operations.StructureRead)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        var admin = api.MapGroup("").RequireOperation(Operations.StructureAdminister)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        var personnel = api.MapGroup("").RequireOperation(Operations.PersonnelRead)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/units/{id}", async Task<Ok<UnitDto>> (string id, StructureService.StructureServiceClient structure, HttpResponse http, CancellationToken ct) =>
            {
                var unit = (await structure.GetOrganisationUnitAsync(new GetOrganisationUnitRequest { Id = id }, cancellationToken: ct)).Unit;
                SetETag(http, unit.Version);
                return TypedResults.Ok(ToDto(unit));
            })
            .WithSummary("One organisation unit with its ancestors; the ETag is its version.");

        api.MapGet("/units/{id}/subtree", async Task<Ok<Page<UnitDto>>> (string id, string? kind, string? activeOn, int? pageSize, string? pageToken,
                StructureService.StructureServiceClient structure, CancellationToken ct) =>
            {
                var response = await structure.ListOrganisationUnitsAsync(new ListOrganisationUnitsRequest
                {
                    RootId = id, Kind = Parse<OrganisationUnitKind>(kind), ActiveOn = activeOn ?? "", PageSize = pageSize ?? 0, PageToken = pageToken ?? "",
                }, cancellationToken: ct);
                return TypedResults.Ok(new Page<UnitDto>([.. response.Units.Select(ToDto)], InstitutionsApi.NullIfEmpty(response.NextPageToken)));
            })
            .WithSummary("A unit and its descendants, optionally of one kind and open at a date.");

        api.MapGet("/units/{id}/composition", async Task<Ok<CompositionDto>> (string id, string? on, StructureService.StructureServiceClient structure, CancellationToken ct) =>
                TypedResults.Ok(ToDto(await structure.GetCompositionAsync(new GetCompositionRequest { RootUnitId = id, OnDate = on ?? "" }, cancellationToken: ct))))
            .WithSummary("Headcount of the unit's subtree at a date (default today) by sex and rank band, with women's share overall and in senior ranks. " +
                "Administrators and analysts get exact counts; others get protected counts for an institution only (400 below it).")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/units/{id}/focal-point-coverage", async Task<Ok<CoverageDto>> (string id, string? from, string? to, ClaimsPrincipal user,
                StructureService.StructureServiceClient structure, CancellationToken ct) =>
            {
                var coverage = ToDto(await structure.GetFocalPointCoverageAsync(new GetFocalPointCoverageRequest { RootUnitId = id, From = from ?? "", To = to ?? "" }, cancellationToken: ct));
                // Coverage is a figure; who holds each post is personal data, for administrators only.
                return TypedResults.Ok(IsAdministrator(user) ? coverage
                    : coverage with { Stations = [.. coverage.Stations.Select(s => s with { HolderPersonId = null, HolderName = null })] });
            })
            .WithSummary("Focal-point coverage of the stations in the unit's subtree over [from, to]: stations active, covered, vacancy days (holders' names for administrators).")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        admin.MapGet("/units/{id}/focal-points", async Task<Ok<Page<AppointmentDto>>> (string id, string? activeOn, int? pageSize, string? pageToken,
                StructureService.StructureServiceClient structure, CancellationToken ct) =>
            {
                var response = await structure.ListFocalPointAppointmentsAsync(new ListFocalPointAppointmentsRequest
                {
                    RootUnitId = id, ActiveOn = activeOn ?? "", PageSize = pageSize ?? 0, PageToken = pageToken ?? "",
                }, cancellationToken: ct);
                return TypedResults.Ok(new Page<AppointmentDto>([.. response.Appointments.Select(ToDto)], InstitutionsApi.NullIfEmpty(response.NextPageToken)));
            })
            .WithSummary("Focal-point appointments in the unit's subtree, optionally only those active at a date (administrators).")
            .RequireOperation(Operations.RegisterDetailRead);

        personnel.MapGet("/units/{id}/personnel", async Task<Ok<Page<PersonDto>>> (string id, string? activeOn, int? pageSize, string? pageToken,
                ClaimsPrincipal user, StructureService.StructureServiceClient structure, CancellationToken ct) =>
            {
                var response = await structure.ListPersonnelAsync(new ListPersonnelRequest
                {
                    RootUnitId = id, ActiveOn = activeOn ?? "", PageSize = pageSize ?? 0, PageToken = pageToken ?? "",
                }, cancellationToken: ct);
                return TypedResults.Ok(new Page<PersonDto>([.. response.Personnel.Select(p => Visible(ToDto(p), user))], InstitutionsApi.NullIfEmpty(response.NextPageToken)));
            })
            .WithSummary("Personnel in service at a date (default today) in the unit's subtree (administrators; training officers of the institution, without community).");

        personnel.MapGet("/personnel/{id}", async Task<Ok<PersonDto>> (string id, ClaimsPrincipal user, StructureService.StructureServiceClient structure,
                HttpResponse http, CancellationToken ct) =>
            {
                var person = (await structure.GetPersonAsync(new GetPersonRequest { Id = id }, cancellationToken: ct)).Person;
                SetETag(http, person.Version);
                return TypedResults.Ok(Visible(ToDto(person), user));
            })
            .WithSummary("One personnel record (administrators; training officers of the person's institution, without community). Another institution's record is 404, as an unknown id.");

        admin.MapPost("/units", async Task<Created<UnitDto>> (CreateUnitRequest body, StructureService.StructureServiceClient structure, CancellationToken ct) =>
            {
                var unit = (await structure.CreateOrganisationUnitAsync(new Structure.V1.CreateOrganisationUnitRequest
                {
                    Id = body.Id ?? "", Name = body.Name ?? "", Kind = Parse<OrganisationUnitKind>(body.Kind), ParentId = body.ParentId ?? "",
                    ShortName = body.ShortName ?? "", OpenedOn = body.OpenedOn ?? "", InstitutionType = Parse<InstitutionType>(body.InstitutionType),
                }, cancellationToken: ct)).Unit;
                return TypedResults.Created($"/api/v1/units/{unit.Id}", ToDto(unit));
            })
            .WithSummary("Create an organisation unit under an open parent (administrators).");

        admin.MapPut("/units/{id}", async Task<Ok<UnitDto>> (string id, UpdateUnitRequest body, HttpRequest http, StructureService.StructureServiceClient structure, CancellationToken ct) =>
            {
                var unit = (await structure.UpdateOrganisationUnitAsync(new UpdateOrganisationUnitRequest
                {
                    Id = id, Name = body.Name ?? "", ShortName = body.ShortName ?? "", ParentId = body.ParentId ?? "",
                    ExpectedVersion = ExpectedVersion(http, body.ExpectedVersion),
                }, cancellationToken: ct)).Unit;
                SetETag(http.HttpContext.Response, unit.Version);
                return TypedResults.Ok(ToDto(unit));
            })
            .WithSummary("Rename or move a unit (If-Match or expectedVersion); moving under its own descendant is refused.");

        admin.MapPost("/units/{id}/close", async Task<Ok<UnitDto>> (string id, CloseRequest body, HttpRequest http, StructureService.StructureServiceClient structure, CancellationToken ct) =>
                TypedResults.Ok(ToDto((await structure.CloseOrganisationUnitAsync(new CloseOrganisationUnitRequest
                {
                    Id = id, ClosedOn = body.ClosedOn ?? "", ExpectedVersion = ExpectedVersion(http, body.ExpectedVersion),
                }, cancellationToken: ct)).Unit)))
            .WithSummary("Close a unit from a date on; its children must be closed first.");

        admin.MapPost("/personnel", async Task<Created<PersonDto>> (CreatePersonRequest body, StructureService.StructureServiceClient structure, CancellationToken ct) =>
            {
                var person = (await structure.CreatePersonAsync(new Structure.V1.CreatePersonRequest
                {
                    InstitutionId = body.InstitutionId ?? "", ServiceNumber = body.ServiceNumber ?? "", GivenName = body.GivenName ?? "",
                    FamilyName = body.FamilyName ?? "", Sex = Parse<Sex>(body.Sex), RankCode = body.RankCode ?? "", Position = body.Position ?? "",
                    UnitId = body.UnitId ?? "", ServiceStart = body.ServiceStart ?? "", Community = body.Community ?? "",
                }, cancellationToken: ct)).Person;
                return TypedResults.Created($"/api/v1/personnel/{person.Id}", ToDto(person));
            })
            .WithSummary("Create a personnel record; the service number is unique per institution and the rank must be in its catalogue.");

        admin.MapPut("/personnel/{id}", async Task<Ok<PersonDto>> (string id, UpdatePersonRequest body, HttpRequest http, StructureService.StructureServiceClient structure, CancellationToken ct) =>
            {
                var person = (await structure.UpdatePersonAsync(new Structure.V1.UpdatePersonRequest
                {
                    Id = id, GivenName = body.GivenName ?? "", FamilyName = body.FamilyName ?? "", Sex = Parse<Sex>(body.Sex), RankCode = body.RankCode ?? "",
                    Position = body.Position ?? "", UnitId = body.UnitId ?? "", UnitEffectiveOn = body.UnitEffectiveOn ?? "", Community = body.Community ?? "",
                    ExpectedVersion = ExpectedVersion(http, body.ExpectedVersion),
                }, cancellationToken: ct)).Person;
                SetETag(http.HttpContext.Response, person.Version);
                return TypedResults.Ok(ToDto(person));
            })
            .WithSummary("Change a personnel record (If-Match or expectedVersion); a new unit applies from unitEffectiveOn (default today).");

        admin.MapPost("/personnel/{id}/end-service", async Task<Ok<PersonDto>> (string id, EndServiceRequest body, HttpRequest http, StructureService.StructureServiceClient structure, CancellationToken ct) =>
                TypedResults.Ok(ToDto((await structure.EndServiceAsync(new Structure.V1.EndServiceRequest
                {
                    Id = id, ServiceEnd = body.ServiceEnd ?? "", ExpectedVersion = ExpectedVersion(http, body.ExpectedVersion),
                }, cancellationToken: ct)).Person)))
            .WithSummary("End a person's service from a date on.");

        admin.MapPost("/focal-points", async Task<Created<AppointmentDto>> (AppointRequest body, StructureService.StructureServiceClient structure, CancellationToken ct) =>
            {
                var appointment = (await structure.AppointFocalPointAsync(new AppointFocalPointRequest
                {
                    UnitId = body.UnitId ?? "", PersonId = body.PersonId ?? "", StartOn = body.StartOn ?? "", EndOn = body.EndOn ?? "",
                }, cancellationToken: ct)).Appointment;
                return TypedResults.Created($"/api/v1/units/{appointment.UnitId}/focal-points", ToDto(appointment));
            })
            .WithSummary("Appoint a focal point; an appointment overlapping the current holder's is refused (422) naming the holder.");

        admin.MapPost("/focal-points/{id}/end", async Task<Ok<AppointmentDto>> (string id, EndAppointmentRequest body, HttpRequest http, StructureService.StructureServiceClient structure, CancellationToken ct) =>
                TypedResults.Ok(ToDto((await structure.EndFocalPointAppointmentAsync(new EndFocalPointAppointmentRequest
                {
                    Id = id, EndOn = body.EndOn ?? "", ExpectedVersion = ExpectedVersion(http, body.ExpectedVersion),
                }, cancellationToken: ct)).Appointment)))
            .WithSummary("End a focal-point appointment from a date on.");

        return app;
    }

    private static bool IsAdministrator(ClaimsPrincipal user) => user.HasClaim(SuiteClaims.Role, SuiteRoles.Administrator);

    /// <summary>Community is special-category data: administrators only (the service already leaves it out; this is the second lock).</summary>
    private static PersonDto Visible(PersonDto person, ClaimsPrincipal user) => IsAdministrator(user) ? person : person with { Community = null };
}
