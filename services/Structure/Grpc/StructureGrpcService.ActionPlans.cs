using GenderArchitecture.ServiceDefaults.Errors;
using GenderArchitecture.Structure.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Domain = GenderArchitecture.Structure.Domain;

namespace GenderArchitecture.Structure.Grpc;

public sealed partial class StructureGrpcService
{
    public override async Task<CreateActionPlanResponse> CreateActionPlan(CreateActionPlanRequest request, ServerCallContext context)
    {
        Administrator(context);
        var validator = new Validator();
        validator.Require(Domain.OrganisationUnit.IsValidId(request.Id), "id", "must be 1-64 lowercase letters, digits or hyphens, not starting with a hyphen");
        validator.RequireText(request.Title, "title");
        validator.RequireText(request.OwnerUnitId, "owner_unit_id", 64);
        var start = validator.RequiredDate(request.PeriodStart, "period_start");
        var end = validator.RequiredDate(request.PeriodEnd, "period_end");
        if (start != default && end != default && end < start) validator.Add("period_end", "must not be before period_start");
        validator.ThrowIfInvalid();

        var owner = RequireUnit(await TreeAsync(context, request.OwnerUnitId), request.OwnerUnitId);
        if (request.BodyId.Length > 0 && !await db.GenderBodies.AnyAsync(b => b.Id == request.BodyId, context.CancellationToken))
        {
            throw RpcErrors.NotFound("gender_body", request.BodyId);
        }
        if (await db.ActionPlans.AnyAsync(p => p.Id == request.Id, context.CancellationToken)) throw RpcErrors.AlreadyExists("action_plan", request.Id);
        var plan = new Domain.ActionPlan(request.Id, request.Title.Trim(), owner.Id, request.BodyId.Length > 0 ? request.BodyId : null, start, end);
        db.ActionPlans.Add(plan);
        await SaveNewAsync("action_plan", plan.Id, context);
        return new CreateActionPlanResponse { Plan = Messages.ToMessage(plan, []) };
    }

    public override async Task<GetActionPlanResponse> GetActionPlan(GetActionPlanRequest request, ServerCallContext context)
    {
        Reader(context);
        var plan = await db.ActionPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == request.Id, context.CancellationToken)
            ?? throw RpcErrors.NotFound("action_plan", request.Id);
        var actions = await db.PlanActions.AsNoTracking().Include(a => a.Notes).Where(a => a.PlanId == plan.Id).ToListAsync(context.CancellationToken);
        return new GetActionPlanResponse { Plan = Messages.ToMessage(plan, actions.OrderBy(a => a.DueOn).ThenBy(a => a.Title, StringComparer.Ordinal)) };
    }

    public override async Task<ListActionPlansResponse> ListActionPlans(ListActionPlansRequest request, ServerCallContext context)
    {
        Reader(context);
        var validator = new Validator();
        var size = validator.Size(request.PageSize);
        var offset = validator.Offset(request.PageToken);
        validator.ThrowIfInvalid();

        var query = db.ActionPlans.AsNoTracking();
        if (request.OwnerUnitId.Length > 0) query = query.Where(p => p.OwnerUnitId == request.OwnerUnitId);
        if (request.BodyId.Length > 0) query = query.Where(p => p.BodyId == request.BodyId);
        var fetched = await query.OrderBy(p => p.Id).Skip(offset).Take(size + 1).ToListAsync(context.CancellationToken);

        var response = new ListActionPlansResponse { NextPageToken = Paging.NextOffset(offset, size, fetched.Count) };
        response.Plans.AddRange(fetched.Take(size).Select(p => Messages.ToMessage(p)));
        return response;
    }

    public override async Task<UpdateActionPlanResponse> UpdateActionPlan(UpdateActionPlanRequest request, ServerCallContext context)
    {
        Administrator(context);
        var validator = new Validator();
        validator.RequireText(request.Title, "title");
        var start = validator.RequiredDate(request.PeriodStart, "period_start");
        var end = validator.RequiredDate(request.PeriodEnd, "period_end");
        if (start != default && end != default && end < start) validator.Add("period_end", "must not be before period_start");
        var expected = RequireVersion(validator, request.ExpectedVersion);
        validator.ThrowIfInvalid();

        var plan = await db.ActionPlans.FirstOrDefaultAsync(p => p.Id == request.Id, context.CancellationToken)
            ?? throw RpcErrors.NotFound("action_plan", request.Id);
        plan.CheckVersion(expected, "action_plan", plan.Id);
        plan.Update(request.Title.Trim(), start, end);
        await db.SaveChangesAsync(context.CancellationToken);
        return new UpdateActionPlanResponse { Plan = Messages.ToMessage(plan) };
    }

    public override async Task<AddPlanActionResponse> AddPlanAction(AddPlanActionRequest request, ServerCallContext context)
    {
        Administrator(context);
        var validator = new Validator();
        validator.RequireText(request.Title, "title", 500);
        validator.RequireText(request.ResponsibleUnitId, "responsible_unit_id", 64);
        var dueOn = validator.RequiredDate(request.DueOn, "due_on");
        validator.ThrowIfInvalid();

        var plan = await db.ActionPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == request.PlanId, context.CancellationToken)
            ?? throw RpcErrors.NotFound("action_plan", request.PlanId);
        var unit = RequireUnit(await TreeAsync(context, request.ResponsibleUnitId), request.ResponsibleUnitId);
        var action = new Domain.PlanAction(Guid.CreateVersion7(), plan.Id, request.Title.Trim(), unit.Id, dueOn);
        db.PlanActions.Add(action);
        await db.SaveChangesAsync(context.CancellationToken);
        return new AddPlanActionResponse { Action = Messages.ToMessage(action) };
    }

    public override async Task<UpdatePlanActionResponse> UpdatePlanAction(UpdatePlanActionRequest request, ServerCallContext context)
    {
        Administrator(context);
        var validator = new Validator();
        validator.RequireText(request.Title, "title", 500);
        validator.RequireText(request.ResponsibleUnitId, "responsible_unit_id", 64);
        var dueOn = validator.RequiredDate(request.DueOn, "due_on");
        RequireEnum(validator, request.Status, "status");
        var expected = RequireVersion(validator, request.ExpectedVersion);
        validator.ThrowIfInvalid();

        var action = await FindActionAsync(request.Id, context);
        action.CheckVersion(expected, "plan_action", request.Id);
        var unit = RequireUnit(await TreeAsync(context, request.ResponsibleUnitId), request.ResponsibleUnitId);
        action.Update(request.Title.Trim(), unit.Id, dueOn, (Domain.ActionStatus)request.Status);
        await db.SaveChangesAsync(context.CancellationToken);
        return new UpdatePlanActionResponse { Action = Messages.ToMessage(action) };
    }

    public override async Task<AddProgressNoteResponse> AddProgressNote(AddProgressNoteRequest request, ServerCallContext context)
    {
        Administrator(context);
        var validator = new Validator();
        var writtenOn = validator.RequiredDate(request.WrittenOn, "written_on");
        validator.RequireText(request.Text, "text", 2000);
        validator.ThrowIfInvalid();

        var action = await FindActionAsync(request.ActionId, context);
        action.AddNote(Guid.CreateVersion7(), writtenOn, request.Text.Trim());
        await db.SaveChangesAsync(context.CancellationToken);
        return new AddProgressNoteResponse { Action = Messages.ToMessage(action) };
    }

    private async Task<Domain.PlanAction> FindActionAsync(string id, ServerCallContext context)
    {
        var actionId = ParseIdOrNotFound(id, "plan_action");
        return await db.PlanActions.Include(a => a.Notes).FirstOrDefaultAsync(a => a.Id == actionId, context.CancellationToken)
            ?? throw RpcErrors.NotFound("plan_action", id);
    }
}
