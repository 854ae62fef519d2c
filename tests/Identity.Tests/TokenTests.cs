extern alias GatewayApp;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GenderArchitecture.Identity.Tests;

/// <summary>Service tokens, published keys and their rotation, and the gateway trusting the identity service.</summary>
public sealed class TokenTests
{
    [Fact]
    public async Task A_service_gets_a_token_with_its_permitted_scope_and_the_service_role()
    {
        await using var app = await IdentityApp.StartAsync();

        var answer = await ClientCredentialsAsync(app, "suite.structure");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(SuiteRoles.Service, answer.Access.GetClaim(SuiteClaims.Role).Value);
        Assert.Equal("service:training", answer.Access.Subject);
        Assert.Equal("suite.structure", answer.Access.GetClaim("scope").Value);
    }

    [Fact]
    public async Task A_service_asking_for_a_scope_it_was_not_given_is_refused()
    {
        await using var app = await IdentityApp.StartAsync();

        var answer = await ClientCredentialsAsync(app, "suite.reporting");

        // OpenIddict answers invalid_request ("not allowed to use the specified scope"): no token is issued.
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.False(answer.Json.TryGetProperty("access_token", out _));
        Assert.Contains("scope", answer.Json.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task A_wrong_client_secret_is_refused()
    {
        await using var app = await IdentityApp.StartAsync();

        var answer = await ClientCredentialsAsync(app, "suite.structure", secret: "guessed-secret-guessed-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("invalid_client", answer.Error);
    }

    [Fact]
    public async Task During_a_rotation_tokens_of_the_previous_key_still_validate_and_a_retired_key_does_not()
    {
        var previous = IdentityApp.NewSigningKey();
        var next = IdentityApp.NewSigningKey();
        string oldToken;
        await using (var before = await IdentityApp.StartAsync(signingKeys: [previous]))
        {
            oldToken = (await ClientCredentialsAsync(before, "suite.structure")).AccessToken;
        }

        await using var overlap = await IdentityApp.StartAsync(signingKeys: [next, previous]);
        var newToken = (await ClientCredentialsAsync(overlap, "suite.structure")).AccessToken;
        var overlapKeys = await PublishedKeysAsync(overlap);
        await using var retired = await IdentityApp.StartAsync(signingKeys: [next]);
        var retiredKeys = await PublishedKeysAsync(retired);

        Assert.NotEqual(new JsonWebToken(oldToken).Kid, new JsonWebToken(newToken).Kid);
        Assert.True(await ValidatesAsync(newToken, overlapKeys), "new token during overlap");
        Assert.True(await ValidatesAsync(oldToken, overlapKeys), "previous key's token during overlap");
        Assert.True(await ValidatesAsync(newToken, retiredKeys), "new token after retirement");
        Assert.False(await ValidatesAsync(oldToken, retiredKeys), "retired key's token");
    }

    [Fact]
    public async Task The_published_keys_are_public_only()
    {
        await using var app = await IdentityApp.StartAsync();

        var json = await app.CreateClient().GetStringAsync("/.well-known/jwks");

        var key = Assert.Single(new JsonWebKeySet(json).Keys);
        Assert.Equal("EC", key.Kty);
        Assert.True(string.IsNullOrEmpty(key.D));
    }

    [Fact]
    public async Task A_production_gateway_trusting_the_identity_service_accepts_its_tokens_and_refuses_forged_ones()
    {
        await using var identity = await IdentityApp.StartAsync(kestrel: true);
        var authority = identity.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var token = (await ClientCredentialsAsync(identity, "suite.structure")).AccessToken;
        await using var gateway = new ProductionGateway(authority);

        // A structure-scoped service token opens a structure read (the policy table's service scope).
        var genuine = await gateway.GetAsync("/api/v1/units/kp", token);
        var forged = await gateway.GetAsync("/api/v1/training/curricula", TestTokens.Administrator());

        // Past authentication the downstream service is unreachable here: 503 means the token was accepted.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, genuine);
        Assert.Equal(HttpStatusCode.Unauthorized, forged);
    }

    [Fact]
    public async Task In_development_the_quick_sign_in_still_gives_working_tokens_for_every_role_beside_the_identity_service()
    {
        await using var identity = await IdentityApp.StartAsync(kestrel: true);
        var authority = identity.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await using var gateway = new ProductionGateway(authority, "Development");
        var statuses = new Dictionary<string, HttpStatusCode>();

        foreach (var role in SuiteRoles.All)
        {
            var minted = await gateway.CreateClient().PostAsJsonAsync("/api/v1/dev/tokens", new { role, units = new[] { "kp-station-prishtina" }, institution = "kp" });
            Assert.Equal(HttpStatusCode.OK, minted.StatusCode);
            var token = (await minted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
            statuses[role] = await gateway.GetAsync("/api/v1/training/curricula", token);
        }
        var genuine = await gateway.GetAsync("/api/v1/units/kp", (await ClientCredentialsAsync(identity, "suite.structure")).AccessToken);

        // Past authentication the downstream service is unreachable here: 503 (or the role's refusal) means accepted.
        Assert.All(statuses, s => Assert.Contains(s.Value, new[] { HttpStatusCode.ServiceUnavailable, HttpStatusCode.Forbidden }));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, genuine);
    }

    private static async Task<TokenAnswer> ClientCredentialsAsync(IdentityApp app, string scope, string secret = IdentityApp.TrainingSecret) =>
        await new SignInClient(app).TokenAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "training",
            ["client_secret"] = secret,
            ["scope"] = scope,
        });

    private static async Task<IList<SecurityKey>> PublishedKeysAsync(IdentityApp app) =>
        new JsonWebKeySet(await app.CreateClient().GetStringAsync("/.well-known/jwks")).GetSigningKeys();

    /// <summary>The same check the gateway's and services' JWT bearer handler makes, against given published keys.</summary>
    private static async Task<bool> ValidatesAsync(string token, IList<SecurityKey> keys)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "http://localhost/",
            ValidAudience = "genderarchitecture",
            IssuerSigningKeys = keys,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        });
        return result.IsValid;
    }

    private sealed class ProductionGateway(string authority, string environment = "Production") : WebApplicationFactory<GatewayApp::Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("Auth:Authority", authority);
            // Plain HTTP on loopback in this test only; deployments put the identity service behind TLS.
            builder.UseSetting("Auth:RequireHttpsMetadata", "false");
            builder.UseSetting("Services:Structure:Address", "http://127.0.0.1:9");
            builder.UseSetting("Services:Training:Address", "http://127.0.0.1:9");
            builder.UseSetting("Services:Reporting:Address", "http://127.0.0.1:9");
        }

        public async Task<HttpStatusCode> GetAsync(string path, string token)
        {
            var client = CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            return (await client.GetAsync(path)).StatusCode;
        }
    }
}
