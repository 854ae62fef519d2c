using System.Security.Claims;
using GenderArchitecture.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.IdentityModel.JsonWebTokens;

namespace GenderArchitecture.Identity.Tests;

/// <summary>A service's identity opens only the services named in its token's scope.</summary>
public sealed class ServiceScopeTests
{
    private static Caller Service(string scope) =>
        Caller.FromPrincipal(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("sub", "service:training"), new Claim(SuiteClaims.Role, SuiteRoles.Service), new Claim(SuiteClaims.Scope, scope)], "test")))!;

    [Fact]
    public void A_service_with_the_structure_scope_may_perform_structure_reads_only()
    {
        var caller = Service("suite.structure");

        Assert.True(SuitePolicies.For(Operations.StructureRead).Allows(caller));
        Assert.True(SuitePolicies.For(Operations.PersonnelRead).Allows(caller));
        Assert.False(SuitePolicies.For(Operations.StructureAdminister).Allows(caller));
        Assert.False(SuitePolicies.For(Operations.PersonScopesRead).Allows(caller));
        Assert.False(SuitePolicies.For(Operations.ReportsReview).Allows(caller));
        Assert.False(SuitePolicies.For(Operations.TrainingManage).Allows(caller));
        Assert.False(SuitePolicies.For(Operations.AuditRecord).Allows(caller));
    }

    [Fact]
    public void Recording_audit_events_and_reading_person_scopes_need_their_own_scopes()
    {
        Assert.True(SuitePolicies.For(Operations.AuditRecord).Allows(Service(SuiteScopes.Audit)));
        Assert.True(SuitePolicies.For(Operations.PersonScopesRead).Allows(Service(SuiteScopes.PersonScopes)));
        Assert.False(SuitePolicies.For(Operations.AuditRecord).Allows(Service(SuiteScopes.PersonScopes)));
        Assert.False(SuitePolicies.For(Operations.StructureRead).Allows(Service(SuiteScopes.Audit)));
    }

    [Fact]
    public void A_service_token_without_scopes_opens_nothing() =>
        Assert.DoesNotContain(SuitePolicies.All.Values, p => p.Allows(Service("")));

    [Fact]
    public async Task A_service_asking_for_no_scope_gets_no_token()
    {
        await using var app = await IdentityApp.StartAsync();

        var answer = await new SignInClient(app).TokenAsync(new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "training", ["client_secret"] = IdentityApp.TrainingSecret,
        });

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("invalid_scope", answer.Error);
    }

    [Fact]
    public async Task A_service_configured_with_an_authority_fetches_its_own_token_by_client_credentials()
    {
        await using var identity = await IdentityApp.StartAsync(kestrel: true);
        var authority = identity.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var issuer = new TokenIssuer(new SuiteAuthOptions
        {
            Audience = "genderarchitecture", Authority = authority, ClientId = "training", ClientSecret = IdentityApp.TrainingSecret,
            ServiceScopes = ["suite.structure"],
        }, TimeProvider.System, new HostingEnvironment { ApplicationName = "training" });

        var token = new JsonWebToken(await issuer.ServiceTokenAsync(CancellationToken.None));
        var cached = await issuer.ServiceTokenAsync(CancellationToken.None);

        Assert.Equal("ES256", token.Alg);
        Assert.Equal(SuiteRoles.Service, token.GetClaim(SuiteClaims.Role).Value);
        Assert.Equal("suite.structure", token.GetClaim(SuiteClaims.Scope).Value);
        Assert.Equal(token.EncodedToken, cached);
    }
}
