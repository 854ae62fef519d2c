using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.Structure.V1;
using GenderArchitecture.TestSupport;
using Grpc.Core;

namespace GenderArchitecture.Structure.Tests;

/// <summary>The services read the policy table's rule for roles: exactly one role claim, or the call is unauthenticated.</summary>
public sealed class PolicyTableTests
{
    [Fact]
    public async Task A_token_with_two_roles_is_unauthenticated_even_when_each_role_alone_would_be_allowed()
    {
        await using var app = await StructureApp.StartAsync(DatabaseKind.Sqlite);
        var both = new StructureService.StructureServiceClient(app.App.CreateChannel(TestTokens.WithRoles(SuiteRoles.Administrator, SuiteRoles.Oversight)));
        var administrator = app.ClientFor(SuiteRoles.Administrator);

        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => both.GetOrganisationUnitAsync(new GetOrganisationUnitRequest { Id = "kp" }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => both.ListFocalPointAppointmentsAsync(new ListFocalPointAppointmentsRequest { RootUnitId = "kp" }).ResponseAsync);
        Assert.Equal("kp", (await administrator.GetOrganisationUnitAsync(new GetOrganisationUnitRequest { Id = "kp" })).Unit.Id);
    }

    [Fact]
    public async Task A_service_without_the_person_scopes_scope_may_not_ask_for_a_persons_scopes()
    {
        await using var app = await StructureApp.StartAsync(DatabaseKind.Sqlite);
        var token = new TokenIssuer(TestTokens.Options, TimeProvider.System, new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ApplicationName = "tests" })
            .Issue("service:training", "training", SuiteRoles.Service, scopes: [SuiteScopes.ForService("structure")]);
        var structureOnly = new StructureService.StructureServiceClient(app.App.CreateChannel(token));
        var person = await app.PersonAsync("T-SC", "kp-station-peja", Sex.Female);

        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => structureOnly.GetPersonScopesAsync(new GetPersonScopesRequest { PersonId = person.Id }).ResponseAsync);
        Assert.NotNull(await app.ClientFor(SuiteRoles.Service).GetPersonScopesAsync(new GetPersonScopesRequest { PersonId = person.Id }));
        // Writes are no service's business: a structure-scoped service token cannot create a unit.
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => structureOnly.CreateOrganisationUnitAsync(new CreateOrganisationUnitRequest
        {
            Id = "svc-unit", Name = "Service unit", Kind = OrganisationUnitKind.Unit, ParentId = "kp", OpenedOn = "2024-01-01",
        }).ResponseAsync);
    }

    [Fact]
    public async Task Only_a_service_holding_the_audit_scope_may_record_an_audit_event()
    {
        await using var app = await StructureApp.StartAsync(DatabaseKind.Sqlite);
        var request = new GenderArchitecture.Audit.V1.RecordEventRequest { Actor = "x", Role = "oversight", Action = "unusual_query_volume", Description = "d" };
        string Service(string scope) => new TokenIssuer(TestTokens.Options, TimeProvider.System, new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ApplicationName = "tests" })
            .Issue("service:gateway", "gateway", SuiteRoles.Service, scopes: [scope]);

        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => new GenderArchitecture.Audit.V1.AuditService.AuditServiceClient(
            app.App.CreateChannel(Service(SuiteScopes.ForService("structure")))).RecordEventAsync(request).ResponseAsync);
        var recorded = await new GenderArchitecture.Audit.V1.AuditService.AuditServiceClient(app.App.CreateChannel(Service(SuiteScopes.Audit))).RecordEventAsync(request);

        Assert.Equal("unusual_query_volume", recorded.Event.Action);
    }
}
