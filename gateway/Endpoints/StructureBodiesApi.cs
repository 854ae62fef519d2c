using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.Structure.V1;
using Microsoft.AspNetCore.Http.HttpResults;
using static GenderArchitecture.Gateway.Endpoints.StructureDtos;

namespace GenderArchitecture.Gateway.Endpoints;

/// <summary>
/// Gender bodies and action plans. Any signed-in user reads bodies, their regulations, activity figures and action plans;
/// members (people), meetings (agendas, attendance) and decisions are for administrators - oversight boards read the
/// activity figures. Writes: administrators.
/// </summary>
public static class StructureBodiesApi
{
    public sealed record CreateBodyRequest(string Id, string Name, string Kind, string OwnerUnitId, string? Mandate, string EstablishedOn, int? Quorum);
    public sealed record UpdateBodyRequest(string Name, string? Mandate, int? Quorum, long? ExpectedVersion);
    public sealed record DissolveRequest(string DissolvedOn, long? ExpectedVersion);
    public sealed record RegulationRequest(string Title, string AdoptedOn, string? Summary);
    public sealed record MemberRequest(string Name, string Sex, string Role, string RepresentedOrganisation, string? PersonId, string TermStart, string? TermEnd);
    public sealed record EndTermRequest(string TermEnd, long? ExpectedVersion);
    public sealed record PlanMeetingBody(string PlannedOn, string? Agenda);
    public sealed record HeldRequest(string HeldOn, string[]? AttendeeMemberIds, long? ExpectedVersion);
    public sealed record VersionRequest(long? ExpectedVersion);
    public sealed record DecisionRequest(string Text, string? DueOn);
    public sealed record FollowUpRequest(string FollowUpStatus, long? ExpectedVersion);
    public sealed record CreatePlanRequest(string Id, string Title, string OwnerUnitId, string? BodyId, string PeriodStart, string PeriodEnd);
    public sealed record UpdatePlanRequest(string Title, string PeriodStart, string PeriodEnd, long? ExpectedVersion);
    public sealed record ActionRequest(string Title, string ResponsibleUnitId, string DueOn);
    public sealed record UpdateActionRequest(string Title, string ResponsibleUnitId, string DueOn, string Status, long? ExpectedVersion);
    public sealed record NoteRequest(string WrittenOn, string Text);

    public static IEndpointRouteBuilder MapStructureBodiesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Gender bodies and action plans").RequireOperation(Operations.StructureRead)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        var admin = api.MapGroup("").RequireOperation(Operations.StructureAdminister)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapGet("/bodies", async Task<Ok<Page<BodyDto>>> (string? unitId, string? kind, string? activeOn, int? pageSize, string? pageToken,
                StructureService.StructureServiceClient structure, CancellationToken ct) =>
            {
                var response = await structure.ListGenderBodiesAsync(new ListGenderBodiesRequest
                {
                    RootUnitId = unitId ?? "", Kind = Parse<GenderBodyKind>(kind), ActiveOn = activeOn ?? "", PageSize = pageSize ?? 0, PageToken = pageToken ?? "",
                }, cancellationToken: ct);
                return TypedResults.Ok(new Page<BodyDto>([.. response.Bodies.Select(ToDto)], InstitutionsApi.NullIfEmpty(response.NextPageToken)));
            })
            .WithSummary("Gender bodies (board, advisory_board, task_force, coordination_group), optionally under a unit and active at a date.");

        api.MapGet("/bodies/{id}", async Task<Ok<BodyDetailDto>> (string id, StructureService.StructureServiceClient structure, HttpResponse http, CancellationToken ct) =>
            {
                var response = await structure.GetGenderBodyAsync(new GetGenderBodyRequest { Id = id }, cancellationToken: ct);
                SetETag(http, response.Body.Version);
                return TypedResults.Ok(new BodyDetailDto(ToDto(response.Body), [.. response.Regulations.Select(ToDto)], [.. response.Members.Select(ToDto)]));
            })
            .WithSummary("A gender body with every version of its regulation; its members for administrators only.");

        admin.MapGet("/bodies/{id}/meetings", async Task<Ok<Page<MeetingDto>>> (string id, string? from, string? to, int? pageSize, string? pageToken,
                StructureService.StructureServiceClient structure, CancellationToken ct) =>
            {
                var response = await structure.ListMeetingsAsync(new ListMeetingsRequest
                {
                    BodyId = id, From = from ?? "", To = to ?? "", PageSize = pageSize ?? 0, PageToken = pageToken ?? "",
                }, cancellationToken: ct);
                return TypedResults.Ok(new Page<MeetingDto>([.. response.Meetings.Select(ToDto)], InstitutionsApi.NullIfEmpty(response.NextPageToken)));
            })
            .WithSummary("Meetings of a body planned within [from, to] (administrators).")
            .RequireOperation(Operations.RegisterDetailRead);

        admin.MapGet("/bodies/{id}/decisions", async Task<Ok<Page<DecisionDto>>> (string id, string? status, int? pageSize, string? pageToken,
                StructureService.StructureServiceClient structure, CancellationToken ct) =>
            {
                var response = await structure.ListDecisionsAsync(new ListDecisionsRequest
                {
                    BodyId = id, FollowUpStatus = Parse<FollowUpStatus>(status), PageSize = pageSize ?? 0, PageToken = pageToken ?? "",
                }, cancellationToken: ct);
                return TypedResults.Ok(new Page<DecisionDto>([.. response.Decisions.Select(ToDto)], InstitutionsApi.NullIfEmpty(response.NextPageToken)));
            })
            .WithSummary("Decisions of a body, optionally with one follow-up status (open, in_progress, done, dropped) (administrators).")
            .RequireOperation(Operations.RegisterDetailRead);

        api.MapGet("/bodies/{id}/activity", async Task<Ok<ActivityDto>> (string id, string? from, string? to, StructureService.StructureServiceClient structure, CancellationToken ct) =>
                TypedResults.Ok(ToDto(await structure.GetBodyActivityAsync(new GetBodyActivityRequest { BodyId = id, From = from ?? "", To = to ?? "" }, cancellationToken: ct))))
            .WithSummary("A body's activity over [from, to]: meetings planned and held, quorum, decisions by follow-up status, action-plan progress.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/action-plans", async Task<Ok<Page<PlanDto>>> (string? ownerUnitId, string? bodyId, int? pageSize, string? pageToken,
                StructureService.StructureServiceClient structure, CancellationToken ct) =>
            {
                var response = await structure.ListActionPlansAsync(new ListActionPlansRequest
                {
                    OwnerUnitId = ownerUnitId ?? "", BodyId = bodyId ?? "", PageSize = pageSize ?? 0, PageToken = pageToken ?? "",
                }, cancellationToken: ct);
                return TypedResults.Ok(new Page<PlanDto>([.. response.Plans.Select(p => ToDto(p, withActions: false))], InstitutionsApi.NullIfEmpty(response.NextPageToken)));
            })
            .WithSummary("Action plans, optionally of one owning unit or body.");

        api.MapGet("/action-plans/{id}", async Task<Ok<PlanDto>> (string id, StructureService.StructureServiceClient structure, CancellationToken ct) =>
                TypedResults.Ok(ToDto((await structure.GetActionPlanAsync(new GetActionPlanRequest { Id = id }, cancellationToken: ct)).Plan, withActions: true)))
            .WithSummary("An action plan with its actions and their dated progress notes.");

        admin.MapPost("/bodies", async Task<Created<BodyDto>> (CreateBodyRequest body, StructureService.StructureServiceClient structure, CancellationToken ct) =>
            {
                var created = (await structure.CreateGenderBodyAsync(new CreateGenderBodyRequest
                {
                    Id = body.Id ?? "", Name = body.Name ?? "", Kind = Parse<GenderBodyKind>(body.Kind), OwnerUnitId = body.OwnerUnitId ?? "",
                    Mandate = body.Mandate ?? "", EstablishedOn = body.EstablishedOn ?? "", Quorum = body.Quorum ?? 0,
                }, cancellationToken: ct)).Body;
                return TypedResults.Created($"/api/v1/bodies/{created.Id}", ToDto(created));
            })
            .WithSummary("Create a gender body.");

        admin.MapPut("/bodies/{id}", async Task<Ok<BodyDto>> (string id, UpdateBodyRequest body, HttpRequest http, StructureService.StructureServiceClient structure, CancellationToken ct) =>
                TypedResults.Ok(ToDto((await structure.UpdateGenderBodyAsync(new UpdateGenderBodyRequest
                {
                    Id = id, Name = body.Name ?? "", Mandate = body.Mandate ?? "", Quorum = body.Quorum ?? 0, ExpectedVersion = ExpectedVersion(http, body.ExpectedVersion),
                }, cancellationToken: ct)).Body)))
            .WithSummary("Change a body's name, mandate or quorum (If-Match or expectedVersion).");

        admin.MapPost("/bodies/{id}/dissolve", async Task<Ok<BodyDto>> (string id, DissolveRequest body, HttpRequest http, StructureService.StructureServiceClient structure, CancellationToken ct) =>
                TypedResults.Ok(ToDto((await structure.DissolveGenderBodyAsync(new DissolveGenderBodyRequest
                {
                    Id = id, DissolvedOn = body.DissolvedOn ?? "", ExpectedVersion = ExpectedVersion(http, body.ExpectedVersion),
                }, cancellationToken: ct)).Body)))
            .WithSummary("Dissolve a body from a date on.");

        admin.MapPost("/bodies/{id}/regulations", async Task<Ok<RegulationDto>> (string id, RegulationRequest body, StructureService.StructureServiceClient structure, CancellationToken ct) =>
                TypedResults.Ok(ToDto((await structure.AdoptRegulationAsync(new AdoptRegulationRequest
                {
                    BodyId = id, Title = body.Title ?? "", AdoptedOn = body.AdoptedOn ?? "", Summary = body.Summary ?? "",
                }, cancellationToken: ct)).Regulation)))
            .WithSummary("Adopt the next version of a body's regulation.");

        admin.MapPost("/bodies/{id}/members", async Task<Ok<MemberDto>> (string id, MemberRequest body, StructureService.StructureServiceClient structure, CancellationToken ct) =>
                TypedResults.Ok(ToDto((await structure.AddBodyMemberAsync(new AddBodyMemberRequest
                {
                    BodyId = id, Name = body.Name ?? "", Sex = Parse<Sex>(body.Sex), Role = Parse<MemberRole>(body.Role),
                    RepresentedOrganisation = body.RepresentedOrganisation ?? "", PersonId = body.PersonId ?? "", TermStart = body.TermStart ?? "", TermEnd = body.TermEnd ?? "",
                }, cancellationToken: ct)).Member)))
            .WithSummary("Add a member (chair, deputy_chair, secretary, member, observer) to a body for a term.");

        admin.MapPost("/members/{id}/end", async Task<Ok<MemberDto>> (string id, EndTermRequest body, HttpRequest http, StructureService.StructureServiceClient structure, CancellationToken ct) =>
                TypedResults.Ok(ToDto((await structure.EndBodyMembershipAsync(new EndBodyMembershipRequest
                {
                    Id = id, TermEnd = body.TermEnd ?? "", ExpectedVersion = ExpectedVersion(http, body.ExpectedVersion),
                }, cancellationToken: ct)).Member)))
            .WithSummary("End a member's term.");

        admin.MapPost("/bodies/{id}/meetings", async Task<Ok<MeetingDto>> (string id, PlanMeetingBody body, StructureService.StructureServiceClient structure, CancellationToken ct) =>
                TypedResults.Ok(ToDto((await structure.PlanMeetingAsync(new PlanMeetingRequest { BodyId = id, PlannedOn = body.PlannedOn ?? "", Agenda = body.Agenda ?? "" }, cancellationToken: ct)).Meeting)))
            .WithSummary("Plan a meeting of a body.");

        admin.MapPost("/meetings/{id}/held", async Task<Ok<MeetingDto>> (string id, HeldRequest body, HttpRequest http, StructureService.StructureServiceClient structure, CancellationToken ct) =>
                TypedResults.Ok(ToDto((await structure.RecordMeetingHeldAsync(new RecordMeetingHeldRequest
                {
                    Id = id, HeldOn = body.HeldOn ?? "", AttendeeMemberIds = { body.AttendeeMemberIds ?? [] }, ExpectedVersion = ExpectedVersion(http, body.ExpectedVersion),
                }, cancellationToken: ct)).Meeting)))
            .WithSummary("Record that a planned meeting was held and who attended; quorum is computed.");

        admin.MapPost("/meetings/{id}/cancel", async Task<Ok<MeetingDto>> (string id, VersionRequest body, HttpRequest http, StructureService.StructureServiceClient structure, CancellationToken ct) =>
                TypedResults.Ok(ToDto((await structure.CancelMeetingAsync(new CancelMeetingRequest { Id = id, ExpectedVersion = ExpectedVersion(http, body.ExpectedVersion) }, cancellationToken: ct)).Meeting)))
            .WithSummary("Cancel a planned meeting.");

        admin.MapPost("/meetings/{id}/decisions", async Task<Ok<DecisionDto>> (string id, DecisionRequest body, StructureService.StructureServiceClient structure, CancellationToken ct) =>
                TypedResults.Ok(ToDto((await structure.RecordDecisionAsync(new RecordDecisionRequest { MeetingId = id, Text = body.Text ?? "", DueOn = body.DueOn ?? "" }, cancellationToken: ct)).Decision)))
            .WithSummary("Record a decision taken at a held meeting.");

        admin.MapPut("/decisions/{id}/follow-up", async Task<Ok<DecisionDto>> (string id, FollowUpRequest body, HttpRequest http, StructureService.StructureServiceClient structure, CancellationToken ct) =>
                TypedResults.Ok(ToDto((await structure.UpdateDecisionStatusAsync(new UpdateDecisionStatusRequest
                {
                    Id = id, FollowUpStatus = Parse<FollowUpStatus>(body.FollowUpStatus), ExpectedVersion = ExpectedVersion(http, body.ExpectedVersion),
                }, cancellationToken: ct)).Decision)))
            .WithSummary("Set a decision's follow-up status.");

        admin.MapPost("/action-plans", async Task<Created<PlanDto>> (CreatePlanRequest body, StructureService.StructureServiceClient structure, CancellationToken ct) =>
            {
                var plan = (await structure.CreateActionPlanAsync(new CreateActionPlanRequest
                {
                    Id = body.Id ?? "", Title = body.Title ?? "", OwnerUnitId = body.OwnerUnitId ?? "", BodyId = body.BodyId ?? "",
                    PeriodStart = body.PeriodStart ?? "", PeriodEnd = body.PeriodEnd ?? "",
                }, cancellationToken: ct)).Plan;
                return TypedResults.Created($"/api/v1/action-plans/{plan.Id}", ToDto(plan, withActions: true));
            })
            .WithSummary("Create an action plan of a unit or body.");

        admin.MapPut("/action-plans/{id}", async Task<Ok<PlanDto>> (string id, UpdatePlanRequest body, HttpRequest http, StructureService.StructureServiceClient structure, CancellationToken ct) =>
                TypedResults.Ok(ToDto((await structure.UpdateActionPlanAsync(new UpdateActionPlanRequest
                {
                    Id = id, Title = body.Title ?? "", PeriodStart = body.PeriodStart ?? "", PeriodEnd = body.PeriodEnd ?? "",
                    ExpectedVersion = ExpectedVersion(http, body.ExpectedVersion),
                }, cancellationToken: ct)).Plan, withActions: false)))
            .WithSummary("Change a plan's title or period (If-Match or expectedVersion).");

        admin.MapPost("/action-plans/{id}/actions", async Task<Ok<ActionDto>> (string id, ActionRequest body, StructureService.StructureServiceClient structure, CancellationToken ct) =>
                TypedResults.Ok(ToDto((await structure.AddPlanActionAsync(new AddPlanActionRequest
                {
                    PlanId = id, Title = body.Title ?? "", ResponsibleUnitId = body.ResponsibleUnitId ?? "", DueOn = body.DueOn ?? "",
                }, cancellationToken: ct)).Action)))
            .WithSummary("Add an action to a plan.");

        admin.MapPut("/actions/{id}", async Task<Ok<ActionDto>> (string id, UpdateActionRequest body, HttpRequest http, StructureService.StructureServiceClient structure, CancellationToken ct) =>
                TypedResults.Ok(ToDto((await structure.UpdatePlanActionAsync(new UpdatePlanActionRequest
                {
                    Id = id, Title = body.Title ?? "", ResponsibleUnitId = body.ResponsibleUnitId ?? "", DueOn = body.DueOn ?? "",
                    Status = Parse<ActionStatus>(body.Status), ExpectedVersion = ExpectedVersion(http, body.ExpectedVersion),
                }, cancellationToken: ct)).Action)))
            .WithSummary("Change an action (status not_started, in_progress, done, cancelled).");

        admin.MapPost("/actions/{id}/notes", async Task<Ok<ActionDto>> (string id, NoteRequest body, StructureService.StructureServiceClient structure, CancellationToken ct) =>
                TypedResults.Ok(ToDto((await structure.AddProgressNoteAsync(new AddProgressNoteRequest { ActionId = id, WrittenOn = body.WrittenOn ?? "", Text = body.Text ?? "" }, cancellationToken: ct)).Action)))
            .WithSummary("Add a dated progress note to an action.");

        return app;
    }
}
