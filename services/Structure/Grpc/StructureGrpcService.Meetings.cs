using GenderArchitecture.ServiceDefaults.Errors;
using GenderArchitecture.Structure.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Domain = GenderArchitecture.Structure.Domain;

namespace GenderArchitecture.Structure.Grpc;

/// <summary>Meetings of gender bodies (planned, held with attendance and quorum, cancelled) and the decisions taken at them.</summary>
public sealed partial class StructureGrpcService
{
    public override async Task<PlanMeetingResponse> PlanMeeting(PlanMeetingRequest request, ServerCallContext context)
    {
        Administrator(context);
        var validator = new Validator();
        var plannedOn = validator.RequiredDate(request.PlannedOn, "planned_on");
        validator.Require(request.Agenda.Length <= 2000, "agenda", "must be at most 2000 characters");
        validator.ThrowIfInvalid();

        var body = await FindBodyAsync(request.BodyId, context);
        body.RequireActiveOn(plannedOn, "planned_on");
        var meeting = new Domain.Meeting(Guid.CreateVersion7(), body.Id, plannedOn, request.Agenda.Trim());
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(context.CancellationToken);
        return new PlanMeetingResponse { Meeting = Messages.ToMessage(meeting) };
    }

    public override async Task<RecordMeetingHeldResponse> RecordMeetingHeld(RecordMeetingHeldRequest request, ServerCallContext context)
    {
        Administrator(context);
        var validator = new Validator();
        var heldOn = validator.RequiredDate(request.HeldOn, "held_on");
        var attendees = request.AttendeeMemberIds.Select((a, i) => ParseId(validator, a, $"attendee_member_ids[{i}]")).Distinct().ToList();
        var expected = RequireVersion(validator, request.ExpectedVersion);
        validator.ThrowIfInvalid();

        var meeting = await FindMeetingAsync(request.Id, context);
        meeting.CheckVersion(expected, "meeting", request.Id);
        var body = await db.GenderBodies.AsNoTracking().FirstAsync(b => b.Id == meeting.BodyId, context.CancellationToken);
        body.RequireActiveOn(heldOn, "held_on");
        var members = await db.BodyMembers.AsNoTracking().Where(m => m.BodyId == body.Id).ToListAsync(context.CancellationToken);
        var sitting = members.Where(m => m.SitsOn(heldOn)).Select(m => m.Id).ToHashSet();
        var attendance = new Validator();
        for (var i = 0; i < request.AttendeeMemberIds.Count; i++)
        {
            if (Guid.TryParse(request.AttendeeMemberIds[i], out var a) && !sitting.Contains(a))
            {
                attendance.Add($"attendee_member_ids[{i}]", $"is not a member of '{body.Id}' sitting on {Messages.Iso(heldOn)}");
            }
        }
        attendance.ThrowIfInvalid();

        meeting.RecordHeld(body, heldOn, attendees, sitting.Count);
        await db.SaveChangesAsync(context.CancellationToken);
        return new RecordMeetingHeldResponse { Meeting = Messages.ToMessage(meeting) };
    }

    public override async Task<CancelMeetingResponse> CancelMeeting(CancelMeetingRequest request, ServerCallContext context)
    {
        Administrator(context);
        var validator = new Validator();
        var expected = RequireVersion(validator, request.ExpectedVersion);
        validator.ThrowIfInvalid();

        var meeting = await FindMeetingAsync(request.Id, context);
        meeting.CheckVersion(expected, "meeting", request.Id);
        meeting.Cancel();
        await db.SaveChangesAsync(context.CancellationToken);
        return new CancelMeetingResponse { Meeting = Messages.ToMessage(meeting) };
    }

    public override async Task<ListMeetingsResponse> ListMeetings(ListMeetingsRequest request, ServerCallContext context)
    {
        PersonalData.RequireRegisterDetailReader(context);
        var validator = new Validator();
        var from = validator.OptionalDate(request.From, "from");
        var to = validator.OptionalDate(request.To, "to");
        var size = validator.Size(request.PageSize);
        var offset = validator.Offset(request.PageToken);
        validator.ThrowIfInvalid();

        var body = await FindBodyAsync(request.BodyId, context, tracked: false);
        var query = db.Meetings.AsNoTracking().Include(m => m.Attendance).Where(m => m.BodyId == body.Id);
        if (from is { } f) query = query.Where(m => m.PlannedOn >= f);
        if (to is { } t) query = query.Where(m => m.PlannedOn <= t);
        var fetched = await query.OrderBy(m => m.PlannedOn).ThenBy(m => m.Id).Skip(offset).Take(size + 1).ToListAsync(context.CancellationToken);

        var response = new ListMeetingsResponse { NextPageToken = Paging.NextOffset(offset, size, fetched.Count) };
        response.Meetings.AddRange(fetched.Take(size).Select(Messages.ToMessage));
        return response;
    }

    public override async Task<RecordDecisionResponse> RecordDecision(RecordDecisionRequest request, ServerCallContext context)
    {
        Administrator(context);
        var validator = new Validator();
        validator.RequireText(request.Text, "text", 2000);
        var dueOn = validator.OptionalDate(request.DueOn, "due_on");
        validator.ThrowIfInvalid();

        var meeting = await FindMeetingAsync(request.MeetingId, context);
        var decision = new Domain.Decision(Guid.CreateVersion7(), meeting, request.Text.Trim(), dueOn);
        if (dueOn is { } due && due < decision.TakenOn) throw RpcErrors.InvalidArgument("due_on", $"must not be before the meeting ({Messages.Iso(decision.TakenOn)})");
        db.Decisions.Add(decision);
        await db.SaveChangesAsync(context.CancellationToken);
        return new RecordDecisionResponse { Decision = Messages.ToMessage(decision) };
    }

    public override async Task<UpdateDecisionStatusResponse> UpdateDecisionStatus(UpdateDecisionStatusRequest request, ServerCallContext context)
    {
        Administrator(context);
        var validator = new Validator();
        RequireEnum(validator, request.FollowUpStatus, "follow_up_status");
        var expected = RequireVersion(validator, request.ExpectedVersion);
        validator.ThrowIfInvalid();

        var id = ParseIdOrNotFound(request.Id, "decision");
        var decision = await db.Decisions.FirstOrDefaultAsync(d => d.Id == id, context.CancellationToken)
            ?? throw RpcErrors.NotFound("decision", request.Id);
        decision.CheckVersion(expected, "decision", request.Id);
        decision.SetFollowUp((Domain.FollowUpStatus)request.FollowUpStatus);
        await db.SaveChangesAsync(context.CancellationToken);
        return new UpdateDecisionStatusResponse { Decision = Messages.ToMessage(decision) };
    }

    public override async Task<ListDecisionsResponse> ListDecisions(ListDecisionsRequest request, ServerCallContext context)
    {
        PersonalData.RequireRegisterDetailReader(context);
        var validator = new Validator();
        validator.Require(Enum.IsDefined(request.FollowUpStatus), "follow_up_status", "is not a known status");
        var size = validator.Size(request.PageSize);
        var offset = validator.Offset(request.PageToken);
        validator.ThrowIfInvalid();

        var body = await FindBodyAsync(request.BodyId, context, tracked: false);
        var query = db.Decisions.AsNoTracking().Where(d => d.BodyId == body.Id);
        if (request.FollowUpStatus != FollowUpStatus.Unspecified)
        {
            var status = (Domain.FollowUpStatus)request.FollowUpStatus;
            query = query.Where(d => d.FollowUpStatus == status);
        }
        var fetched = await query.OrderBy(d => d.TakenOn).ThenBy(d => d.Id).Skip(offset).Take(size + 1).ToListAsync(context.CancellationToken);

        var response = new ListDecisionsResponse { NextPageToken = Paging.NextOffset(offset, size, fetched.Count) };
        response.Decisions.AddRange(fetched.Take(size).Select(Messages.ToMessage));
        return response;
    }

    private async Task<Domain.Meeting> FindMeetingAsync(string id, ServerCallContext context)
    {
        var meetingId = ParseIdOrNotFound(id, "meeting");
        return await db.Meetings.Include(m => m.Attendance).FirstOrDefaultAsync(m => m.Id == meetingId, context.CancellationToken)
            ?? throw RpcErrors.NotFound("meeting", id);
    }
}
