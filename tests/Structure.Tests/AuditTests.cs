using GenderArchitecture.Audit.V1;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.Structure.Data;
using GenderArchitecture.Structure.V1;
using GenderArchitecture.TestSupport;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GenderArchitecture.Structure.Tests;

/// <summary>The audit component (ServiceDefaults/Audit) as the Structure service uses it.</summary>
public sealed class AuditTests
{
    private static AuditService.AuditServiceClient Audit(StructureApp app, string role, string? subject = null) =>
        new(app.App.CreateChannel(TestTokens.For(role, subject: subject)));

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task The_database_refuses_to_update_or_delete_audit_events(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        await app.UnitAsync("t-audit-region", "kp", OrganisationUnitKind.Region);
        await using var scope = app.App.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StructureDbContext>();
        Assert.True(await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM audit_events").SingleAsync() > 0);

        var update = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_events SET actor = 'someone-else'"));
        var delete = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_events"));

        Assert.Contains("append-only", update.Message);
        Assert.Contains("append-only", delete.Message);
        Assert.Equal(0, await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM audit_events WHERE actor = 'someone-else'").SingleAsync());
        if (kind == DatabaseKind.Postgres)
        {
            var truncate = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE audit_events"));
            Assert.Contains("append-only", truncate.Message);
        }
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Creating_a_unit_is_audited_with_its_actor_role_key_and_client_address(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        var admin = new StructureService.StructureServiceClient(app.App.CreateChannel(TestTokens.For(SuiteRoles.Administrator, subject: "admin-7")));

        await admin.CreateOrganisationUnitAsync(new CreateOrganisationUnitRequest
        {
            Id = "t-audited", Name = "Audited", ParentId = "kp", Kind = OrganisationUnitKind.Region, OpenedOn = "2020-01-01",
        }, new Metadata { { "x-ga-client-address", "198.51.100.4" } });

        var events = (await Audit(app, SuiteRoles.Oversight).ListAuditEventsAsync(new() { Actor = "admin-7" })).Events;
        var created = Assert.Single(events, e => e.Resource == "OrganisationUnit/t-audited");
        Assert.Equal(("create", "administrator", "198.51.100.4", "structure"), (created.Action, created.Role, created.ClientAddress, created.Service));
        Assert.True(created.OccurTime.ToDateTime() > DateTime.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task Seeding_is_summarised_as_system_seed_rather_than_recorded_row_by_row()
    {
        await using var app = await StructureApp.StartAsync(DatabaseKind.Sqlite);

        var seeded = (await Audit(app, SuiteRoles.Administrator).ListAuditEventsAsync(new() { Actor = "system:seed", PageSize = 1000 })).Events;

        Assert.NotEmpty(seeded);
        Assert.All(seeded, e => Assert.Equal(("seed", "system"), (e.Action, e.Role)));
        Assert.Contains(seeded, e => e.Description.Contains("OrganisationUnit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_focal_point_may_not_read_the_audit_and_the_refusal_is_itself_audited()
    {
        await using var app = await StructureApp.StartAsync(DatabaseKind.Sqlite);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Audit(app, SuiteRoles.FocalPoint, "fp-curious").ListAuditEventsAsync(new()).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        var refusal = Assert.Single((await Audit(app, SuiteRoles.Oversight).ListAuditEventsAsync(new() { Action = "permission_denied" })).Events);
        Assert.Equal(("fp-curious", "focal_point"), (refusal.Actor, refusal.Role));
        Assert.Contains("ListAuditEvents", refusal.Resource);
    }

    [Fact]
    public async Task A_record_hidden_out_of_scope_is_audited_as_a_refusal_and_an_unknown_id_as_not_found_so_both_answers_do_the_same_work()
    {
        await using var app = await StructureApp.StartAsync(DatabaseKind.Sqlite);
        var person = await app.PersonAsync("T-HID", "kp-station-peja", Sex.Female);
        var kpc = new StructureService.StructureServiceClient(
            app.App.CreateChannel(TestTokens.For(SuiteRoles.TrainingOfficer, institution: "kpc", subject: "to-probing")));

        await RpcAssert.FailsWith(StatusCode.NotFound, () => kpc.GetPersonAsync(new GetPersonRequest { Id = person.Id }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.NotFound, () => kpc.GetPersonAsync(new GetPersonRequest { Id = Guid.NewGuid().ToString() }).ResponseAsync);

        // The caller cannot tell the two apart; the audit can. Each answer wrote one event, so neither takes longer.
        var audit = Audit(app, SuiteRoles.Oversight);
        var refusal = Assert.Single((await audit.ListAuditEventsAsync(new() { Action = "permission_denied" })).Events);
        Assert.Equal(("to-probing", "training_officer"), (refusal.Actor, refusal.Role));
        Assert.Contains("GetPerson", refusal.Resource);
        Assert.Contains(person.Id, refusal.Description);
        var unknown = Assert.Single((await audit.ListAuditEventsAsync(new() { Action = "not_found" })).Events);
        Assert.Equal(("to-probing", "training_officer", refusal.Resource), (unknown.Actor, unknown.Role, unknown.Resource));
        Assert.DoesNotContain(person.Id, unknown.Description);
    }

    [Fact]
    public async Task Only_a_service_identity_may_record_an_event()
    {
        await using var app = await StructureApp.StartAsync(DatabaseKind.Sqlite);
        var request = new RecordEventRequest { Actor = "x", Role = "oversight", Action = "unusual_query_volume", Description = "d" };

        var error = await Assert.ThrowsAsync<RpcException>(() => Audit(app, SuiteRoles.Administrator).RecordEventAsync(request).ResponseAsync);
        var recorded = await new AuditService.AuditServiceClient(app.App.CreateChannel(TestTokens.Service())).RecordEventAsync(request);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(("x", "unusual_query_volume", "direct"), (recorded.Event.Actor, recorded.Event.Action, recorded.Event.ClientAddress));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task The_audit_is_filtered_and_paged_newest_first_without_gaps_or_repeats(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        foreach (var i in Enumerable.Range(1, 5)) await app.UnitAsync($"t-paged-{i}", "kp", OrganisationUnitKind.Region);
        var audit = Audit(app, SuiteRoles.Oversight);
        var filter = new ListAuditEventsRequest { Action = "create", Text = "T-PAGED", PageSize = 2 };

        var seen = new List<AuditEvent>();
        do
        {
            var page = await audit.ListAuditEventsAsync(filter);
            seen.AddRange(page.Events);
            filter.PageToken = page.NextPageToken;
        } while (filter.PageToken.Length > 0);

        Assert.Equal(Enumerable.Range(1, 5).Reverse().Select(i => $"OrganisationUnit/t-paged-{i}"), seen.Select(e => e.Resource));
        var bad = await Assert.ThrowsAsync<RpcException>(() => audit.ListAuditEventsAsync(new() { PageToken = "not-a-token" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
    }
}
