using System.Net;
using GenderArchitecture.Gateway.Auth;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.TestSupport;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GenderArchitecture.Gateway.Tests;

/// <summary>The gateway guards every endpoint with a row of the policy table, and reads roles by its one rule.</summary>
public sealed class PolicyTableTests
{
    [Fact]
    public async Task Every_api_endpoint_names_an_operation_of_the_policy_table()
    {
        await using var gateway = new GatewayApp();
        using var _ = gateway.CreateClient();
        var endpoints = gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true).ToList();

        var unguarded = endpoints.Where(e => e.Metadata.GetMetadata<OperationMetadata>() is not { } m || !SuitePolicies.All.ContainsKey(m.Operation))
            .Select(e => e.RoutePattern.RawText).ToList();

        Assert.True(endpoints.Count > 80, $"only {endpoints.Count} endpoints found");
        Assert.Empty(unguarded);
    }

    [Fact]
    public async Task A_token_with_two_roles_is_refused_with_401_even_when_each_role_alone_would_be_allowed()
    {
        await using var gateway = new GatewayApp();
        var client = gateway.CreateClient();

        using var several = new HttpRequestMessage(HttpMethod.Get, "/api/v1/audit");
        several.Headers.Authorization = new("Bearer", TestTokens.WithRoles(SuiteRoles.Administrator, SuiteRoles.Oversight));
        using var one = new HttpRequestMessage(HttpMethod.Get, "/api/v1/audit");
        one.Headers.Authorization = new("Bearer", TestTokens.For(SuiteRoles.Administrator));
        using var refused = await client.SendAsync(several);
        using var allowed = await client.SendAsync(one);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        // Past authorisation the request reaches the (absent) service: 503, not a refusal.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, allowed.StatusCode);
    }

    [Fact]
    public void Every_operation_names_only_known_roles_and_anonymous_operations_name_none()
    {
        Assert.All(SuitePolicies.All.Values, p => Assert.All(p.Roles, r => Assert.Contains(r, SuiteRoles.All)));
        Assert.All(SuitePolicies.All.Values.Where(p => p.Anonymous), p => Assert.Empty(p.Roles));
        Assert.Throws<ArgumentException>(() => SuitePolicies.For("no.such.operation"));
    }
}
