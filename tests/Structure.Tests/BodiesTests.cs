using GenderArchitecture.Structure.V1;
using GenderArchitecture.TestSupport;
using Grpc.Core;

namespace GenderArchitecture.Structure.Tests;

public sealed class BodiesTests
{
    /// <summary>
    /// Three members sit in 2024 (a fourth left in 2023), so a majority quorum is 2. In the first half of 2024: four
    /// meetings planned, two held (one with 1 attendee: no quorum; one with 2: quorum), one cancelled, one still
    /// planned; a meeting planned for August is outside the period. Decisions: one open, one done. Plan actions: one
    /// done, one overdue (due in March, not started), one in progress.
    /// </summary>
    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Body_activity_counts_meetings_quorum_decisions_and_plan_progress(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        var admin = app.Admin;
        await admin.CreateGenderBodyAsync(new CreateGenderBodyRequest
        {
            Id = "t-board", Name = "Test Board", Kind = GenderBodyKind.Board, OwnerUnitId = "kp", Mandate = "Test", EstablishedOn = "2020-01-01",
        });
        async Task<BodyMember> Member(string name, string start, string end = "") => (await admin.AddBodyMemberAsync(new AddBodyMemberRequest
        {
            BodyId = "t-board", Name = name, Sex = Sex.Female, Role = MemberRole.Member, RepresentedOrganisation = "OSCE", TermStart = start, TermEnd = end,
        })).Member;
        var a = await Member("A", "2020-01-01");
        var b = await Member("B", "2020-01-01");
        await Member("C", "2021-01-01");
        var d = await Member("D", "2020-01-01", "2023-01-01");
        async Task<Meeting> Plan(string on) => (await admin.PlanMeetingAsync(new PlanMeetingRequest { BodyId = "t-board", PlannedOn = on, Agenda = "Agenda" })).Meeting;
        var m1 = await Plan("2024-02-01");
        var m2 = await Plan("2024-03-01");
        var m3 = await Plan("2024-04-01");
        await Plan("2024-05-01");
        await Plan("2024-08-01");

        var held1 = await admin.RecordMeetingHeldAsync(new RecordMeetingHeldRequest { Id = m1.Id, HeldOn = "2024-02-02", AttendeeMemberIds = { a.Id }, ExpectedVersion = m1.Version });
        var formerMember = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => admin.RecordMeetingHeldAsync(new RecordMeetingHeldRequest
        {
            Id = m2.Id, HeldOn = "2024-03-01", AttendeeMemberIds = { a.Id, d.Id }, ExpectedVersion = m2.Version,
        }).ResponseAsync);
        var held2 = await admin.RecordMeetingHeldAsync(new RecordMeetingHeldRequest { Id = m2.Id, HeldOn = "2024-03-01", AttendeeMemberIds = { a.Id, b.Id }, ExpectedVersion = m2.Version });
        var cancelled = await admin.CancelMeetingAsync(new CancelMeetingRequest { Id = m3.Id, ExpectedVersion = m3.Version });
        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => admin.RecordDecisionAsync(new RecordDecisionRequest { MeetingId = m3.Id, Text = "Not at a cancelled meeting" }).ResponseAsync);
        var open = await admin.RecordDecisionAsync(new RecordDecisionRequest { MeetingId = m2.Id, Text = "Open decision", DueOn = "2024-09-30" });
        var done = await admin.RecordDecisionAsync(new RecordDecisionRequest { MeetingId = m2.Id, Text = "Done decision" });
        await admin.UpdateDecisionStatusAsync(new UpdateDecisionStatusRequest { Id = done.Decision.Id, FollowUpStatus = FollowUpStatus.Done, ExpectedVersion = done.Decision.Version });

        await admin.CreateActionPlanAsync(new CreateActionPlanRequest { Id = "t-plan", Title = "Plan", OwnerUnitId = "kp", BodyId = "t-board", PeriodStart = "2024-01-01", PeriodEnd = "2025-12-31" });
        async Task<PlanAction> Action(string title, string due) =>
            (await admin.AddPlanActionAsync(new AddPlanActionRequest { PlanId = "t-plan", Title = title, ResponsibleUnitId = "kp-hrgeu", DueOn = due })).Action;
        var finished = await Action("Finished", "2024-02-01");
        await Action("Late", "2024-03-01");
        var going = await Action("Going", "2024-12-31");
        await admin.UpdatePlanActionAsync(new UpdatePlanActionRequest { Id = finished.Id, Title = "Finished", ResponsibleUnitId = "kp-hrgeu", DueOn = "2024-02-01", Status = ActionStatus.Done, ExpectedVersion = finished.Version });
        await admin.UpdatePlanActionAsync(new UpdatePlanActionRequest { Id = going.Id, Title = "Going", ResponsibleUnitId = "kp-hrgeu", DueOn = "2024-12-31", Status = ActionStatus.InProgress, ExpectedVersion = going.Version });

        var activity = await app.Reader.GetBodyActivityAsync(new GetBodyActivityRequest { BodyId = "t-board", From = "2024-01-01", To = "2024-06-30" });

        Assert.Equal(["attendee_member_ids[1]"], RpcAssert.ViolatedFields(formerMember));
        Assert.False(held1.Meeting.QuorumMet);
        Assert.True(held2.Meeting.QuorumMet);
        Assert.Equal(MeetingStatus.Cancelled, cancelled.Meeting.Status);
        Assert.Equal(FollowUpStatus.Open, open.Decision.FollowUpStatus);
        Assert.Equal((4, 2, 1, 1), (activity.MeetingsPlanned, activity.MeetingsHeld, activity.MeetingsCancelled, activity.MeetingsQuorumMet));
        var decisions = activity.Decisions.ToDictionary(x => x.FollowUpStatus, x => x.Count);
        Assert.Equal((1, 1, 0, 0), (decisions[FollowUpStatus.Open], decisions[FollowUpStatus.Done], decisions[FollowUpStatus.InProgress], decisions[FollowUpStatus.Dropped]));
        Assert.Equal((3, 1, 1, 1), (activity.ActionsTotal, activity.ActionsDone, activity.ActionsOverdue, activity.ActionsInProgress));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Regulations_are_versioned_and_a_stale_body_edit_is_aborted(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        var body = (await app.Admin.CreateGenderBodyAsync(new CreateGenderBodyRequest
        {
            Id = "t-task-force", Name = "Task force", Kind = GenderBodyKind.TaskForce, OwnerUnitId = "kp-hrgeu", Mandate = "Mainstreaming", EstablishedOn = "2020-01-01", Quorum = 3,
        })).Body;
        await app.Admin.AdoptRegulationAsync(new AdoptRegulationRequest { BodyId = body.Id, Title = "Rules", AdoptedOn = "2020-01-01" });
        var second = await app.Admin.AdoptRegulationAsync(new AdoptRegulationRequest { BodyId = body.Id, Title = "Rules, revised", AdoptedOn = "2022-05-01" });
        await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => app.Admin.AdoptRegulationAsync(new AdoptRegulationRequest { BodyId = body.Id, Title = "Backdated", AdoptedOn = "2021-01-01" }).ResponseAsync);
        await app.Admin.UpdateGenderBodyAsync(new UpdateGenderBodyRequest { Id = body.Id, Name = "Task force", Mandate = "Wider mandate", Quorum = 2, ExpectedVersion = body.Version });
        await RpcAssert.FailsWith(StatusCode.Aborted, () => app.Admin.UpdateGenderBodyAsync(new UpdateGenderBodyRequest
        {
            Id = body.Id, Name = "Lost update", Mandate = "Old", ExpectedVersion = body.Version,
        }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.AlreadyExists, () => app.Admin.CreateGenderBodyAsync(new CreateGenderBodyRequest
        {
            Id = "t-task-force", Name = "Again", Kind = GenderBodyKind.TaskForce, OwnerUnitId = "kp", EstablishedOn = "2020-01-01",
        }).ResponseAsync);

        var stored = await app.Reader.GetGenderBodyAsync(new GetGenderBodyRequest { Id = body.Id });
        var underHrgeu = await app.Reader.ListGenderBodiesAsync(new ListGenderBodiesRequest { RootUnitId = "kp-hrgeu", Kind = GenderBodyKind.TaskForce });

        Assert.Equal(2, second.Regulation.Number);
        Assert.Equal([(1, "Rules"), (2, "Rules, revised")], stored.Regulations.Select(r => (r.Number, r.Title)));
        Assert.Equal(("Wider mandate", 2, 2L), (stored.Body.Mandate, stored.Body.Quorum, stored.Body.Version));
        Assert.Equal(["t-task-force"], underHrgeu.Bodies.Select(b => b.Id));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Action_plans_keep_dated_progress_notes_and_refuse_bad_input(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        var invalid = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => app.Admin.CreateActionPlanAsync(new CreateActionPlanRequest
        {
            Id = "t-plan", Title = "", OwnerUnitId = "kpc", PeriodStart = "2025-01-01", PeriodEnd = "2024-01-01",
        }).ResponseAsync);
        await app.Admin.CreateActionPlanAsync(new CreateActionPlanRequest { Id = "t-plan", Title = "KPC plan", OwnerUnitId = "kpc", PeriodStart = "2024-01-01", PeriodEnd = "2025-12-31" });
        var action = (await app.Admin.AddPlanActionAsync(new AddPlanActionRequest { PlanId = "t-plan", Title = "Curricula", ResponsibleUnitId = "kpc-tdc", DueOn = "2024-12-31" })).Action;
        await app.Admin.AddProgressNoteAsync(new AddProgressNoteRequest { ActionId = action.Id, WrittenOn = "2024-05-01", Text = "Second note" });
        await app.Admin.AddProgressNoteAsync(new AddProgressNoteRequest { ActionId = action.Id, WrittenOn = "2024-03-01", Text = "First note" });
        await RpcAssert.FailsWith(StatusCode.NotFound, () => app.Admin.AddPlanActionAsync(new AddPlanActionRequest { PlanId = "t-plan", Title = "X", ResponsibleUnitId = "nowhere", DueOn = "2024-12-31" }).ResponseAsync);

        var renamed = await app.Admin.UpdateActionPlanAsync(new UpdateActionPlanRequest { Id = "t-plan", Title = "KPC plan 2024-2026", PeriodStart = "2024-01-01", PeriodEnd = "2026-12-31", ExpectedVersion = 1 });
        await RpcAssert.FailsWith(StatusCode.Aborted, () => app.Admin.UpdateActionPlanAsync(new UpdateActionPlanRequest
        {
            Id = "t-plan", Title = "Stale", PeriodStart = "2024-01-01", PeriodEnd = "2025-12-31", ExpectedVersion = 1,
        }).ResponseAsync);

        var plan = await app.Reader.GetActionPlanAsync(new GetActionPlanRequest { Id = "t-plan" });

        Assert.Equal(["period_end", "title"], RpcAssert.ViolatedFields(invalid).Order());
        var stored = Assert.Single(plan.Plan.Actions);
        Assert.Equal(["First note", "Second note"], stored.Notes.Select(n => n.Text));
        Assert.Equal(1, stored.Version);
        Assert.Equal(("KPC plan 2024-2026", "2026-12-31", 2L), (plan.Plan.Title, plan.Plan.PeriodEnd, renamed.Plan.Version));
    }
}
