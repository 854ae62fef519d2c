using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Idempotency;
using GenderArchitecture.Structure.Data;
using GenderArchitecture.Structure.V1;
using GenderArchitecture.TestSupport;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Structure.Tests;

/// <summary>The write contract (services/ServiceDefaults/Idempotency) as Structure's writes honour it.</summary>
public sealed class IdempotentWritesTests
{
    private static Metadata Key(string key) => new() { { "idempotency-key", key } };

    private static async Task BoardAsync(StructureApp app) =>
        await app.Admin.CreateGenderBodyAsync(new CreateGenderBodyRequest
        {
            Id = "t-board", Name = "Test Board", Kind = GenderBodyKind.Board, OwnerUnitId = "kp", Mandate = "Test", EstablishedOn = "2020-01-01",
        });

    private static async Task<int> CountAsync<T>(StructureApp app, Func<StructureDbContext, IQueryable<T>> query)
    {
        await using var scope = app.App.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<StructureDbContext>()).CountAsync();
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_retried_meeting_and_progress_note_with_the_same_key_are_written_once(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        await BoardAsync(app);
        var plan = new PlanMeetingRequest { BodyId = "t-board", PlannedOn = "2024-02-01", Agenda = "Agenda" };
        await app.Admin.CreateActionPlanAsync(new CreateActionPlanRequest { Id = "t-plan", Title = "Plan", OwnerUnitId = "kp", PeriodStart = "2024-01-01", PeriodEnd = "2025-12-31" });
        var action = (await app.Admin.AddPlanActionAsync(new AddPlanActionRequest { PlanId = "t-plan", Title = "Curricula", ResponsibleUnitId = "kp", DueOn = "2024-12-31" })).Action;
        var note = new AddProgressNoteRequest { ActionId = action.Id, WrittenOn = "2024-03-01", Text = "First note" };

        var first = await app.Admin.PlanMeetingAsync(plan, Key("meeting-1"));
        var retry = await app.Admin.PlanMeetingAsync(plan, Key("meeting-1"));
        var noted = await app.Admin.AddProgressNoteAsync(note, Key("note-1"));
        var notedAgain = await app.Admin.AddProgressNoteAsync(note, Key("note-1"));

        Assert.Equal(first, retry);
        Assert.Equal(noted, notedAgain);
        Assert.Equal(1, await CountAsync(app, db => db.Meetings));
        Assert.Single(notedAgain.Action.Notes);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task The_audit_records_the_business_change_and_not_the_stored_answer(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        await BoardAsync(app);
        var plan = new PlanMeetingRequest { BodyId = "t-board", PlannedOn = "2024-02-01", Agenda = "Agenda" };

        await app.Admin.PlanMeetingAsync(plan, Key("audited-1"));
        await app.Admin.PlanMeetingAsync(plan, Key("audited-1"));

        await using var scope = app.App.CreateScope();
        var resources = await scope.ServiceProvider.GetRequiredService<StructureDbContext>().Set<GenderArchitecture.ServiceDefaults.Audit.AuditEvent>()
            .AsNoTracking().Select(e => e.Resource).ToListAsync();
        Assert.Single(resources, r => r.StartsWith("Meeting/", StringComparison.Ordinal));
        Assert.DoesNotContain(resources, r => r.StartsWith("IdempotencyRecord", StringComparison.Ordinal));
        Assert.Equal(1, await CountAsync(app, db => db.Set<IdempotencyRecord>()));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task The_same_key_with_another_payload_is_refused_and_writes_nothing(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        await BoardAsync(app);
        await app.Admin.PlanMeetingAsync(new PlanMeetingRequest { BodyId = "t-board", PlannedOn = "2024-02-01", Agenda = "Agenda" }, Key("k"));

        var error = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () =>
            app.Admin.PlanMeetingAsync(new PlanMeetingRequest { BodyId = "t-board", PlannedOn = "2024-03-01", Agenda = "Agenda" }, Key("k")).ResponseAsync);

        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<Google.Rpc.PreconditionFailure>().Violations);
        Assert.Equal(("IDEMPOTENCY_KEY_REUSED", "k"), (violation.Type, violation.Subject));
        Assert.Equal(1, await CountAsync(app, db => db.Meetings));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Keys_belong_to_their_caller(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        await BoardAsync(app);
        var other = new StructureService.StructureServiceClient(app.App.CreateChannel(TestTokens.For(SuiteRoles.Administrator, subject: "another-admin")));
        var plan = new PlanMeetingRequest { BodyId = "t-board", PlannedOn = "2024-02-01", Agenda = "Agenda" };

        var mine = await app.Admin.PlanMeetingAsync(plan, Key("shared-key"));
        var theirs = await other.PlanMeetingAsync(plan, Key("shared-key"));

        Assert.NotEqual(mine.Meeting.Id, theirs.Meeting.Id);
        Assert.Equal(2, await CountAsync(app, db => db.Meetings));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Copies_of_one_request_racing_each_other_write_once_and_all_get_the_first_answer(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        await BoardAsync(app);
        var plan = new PlanMeetingRequest { BodyId = "t-board", PlannedOn = "2024-02-01", Agenda = "Agenda" };

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.Admin.PlanMeetingAsync(plan, Key("raced")).ResponseAsync));

        Assert.Single(answers.Select(a => a.Meeting.Id).Distinct());
        Assert.Equal(1, await CountAsync(app, db => db.Meetings));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Expired_answers_are_deleted_by_the_clean_up_and_free_the_key(DatabaseKind kind)
    {
        await using var app = new StructureAppWith(await GrpcServiceApp<Program>.StartAsync("Structure", kind,
            new Dictionary<string, string?> { ["Seeds:Demo"] = "false", ["Idempotency:Retention"] = "00:00:00" }));
        var admin = new StructureService.StructureServiceClient(app.App.CreateChannel(TestTokens.Administrator()));
        await admin.CreateGenderBodyAsync(new CreateGenderBodyRequest
        {
            Id = "t-board", Name = "Test Board", Kind = GenderBodyKind.Board, OwnerUnitId = "kp", Mandate = "Test", EstablishedOn = "2020-01-01",
        });
        await admin.PlanMeetingAsync(new PlanMeetingRequest { BodyId = "t-board", PlannedOn = "2024-02-01", Agenda = "Agenda" }, Key("old"));
        await admin.PlanMeetingAsync(new PlanMeetingRequest { BodyId = "t-board", PlannedOn = "2024-02-01", Agenda = "Agenda" }, Key("again"));

        var deleted = await app.App.Services.GetRequiredService<IdempotencyCleanup<StructureDbContext>>().DeleteExpiredAsync(CancellationToken.None);
        var reused = await admin.PlanMeetingAsync(new PlanMeetingRequest { BodyId = "t-board", PlannedOn = "2024-05-01", Agenda = "New" }, Key("old"));

        Assert.Equal(2, deleted);
        Assert.Equal("2024-05-01", reused.Meeting.PlannedOn);
        await using var scope = app.App.CreateScope();
        Assert.Equal(3, await scope.ServiceProvider.GetRequiredService<StructureDbContext>().Meetings.CountAsync());
    }

    private sealed class StructureAppWith(GrpcServiceApp<Program> app) : IAsyncDisposable
    {
        public GrpcServiceApp<Program> App { get; } = app;
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}
