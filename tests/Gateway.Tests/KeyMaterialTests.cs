using System.Net;
using System.Security.Cryptography;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Hosting;
using GenderArchitecture.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting.Internal;

namespace GenderArchitecture.Gateway.Tests;

/// <summary>Outside Development and Testing, no process starts on missing or published key material.</summary>
public sealed class KeyMaterialTests
{
    /// <summary>A fresh secret, as an operator would generate one (never the published development key).</summary>
    public static Dictionary<string, string?> ProductionKey() =>
        new() { ["Auth:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)) };

    [Fact]
    public void A_production_gateway_without_key_material_refuses_to_start_naming_the_setting()
    {
        using var app = new GatewayApp(environment: "Production");

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        var message = Innermost(error).Message;
        Assert.Contains("Auth:Authority", message);
        Assert.Contains("Production", message);
    }

    [Fact]
    public void A_production_gateway_given_the_development_key_refuses_to_start()
    {
        using var app = new GatewayApp(environment: "Production",
            settings: new() { ["Auth:SigningKey"] = TestTokens.Options.SigningKey });

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("published development key", Innermost(error).Message);
    }

    [Fact]
    public async Task A_token_forged_with_the_development_key_is_refused_by_a_production_gateway()
    {
        var settings = ProductionKey();
        await using var app = new GatewayApp(environment: "Production", settings: settings);
        var forged = app.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.Administrator());
        var genuine = app.CreateClient();
        genuine.DefaultRequestHeaders.Authorization = new("Bearer", SignedWith(settings["Auth:SigningKey"]!));

        var refused = await forged.GetAsync("/api/v1/training/curricula");
        var accepted = await genuine.GetAsync("/api/v1/training/curricula");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        // Past authentication: the downstream service is unreachable in this test.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, accepted.StatusCode);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void A_service_outside_development_without_key_material_refuses_to_start(string environment)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration["Auth:Issuer"] = "genderarchitecture";
        builder.Configuration["Auth:Audience"] = "genderarchitecture";

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddGrpcServiceDefaults());

        Assert.Contains("Auth:Authority", error.Message);
    }

    [Fact]
    public void A_service_in_development_accepts_the_development_key()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration["Auth:Issuer"] = "genderarchitecture-dev";
        builder.Configuration["Auth:Audience"] = "genderarchitecture";
        builder.Configuration["Auth:SigningKey"] = TestTokens.Options.SigningKey;
        builder.Configuration["Disclosure:Key"] = TestKeys.Disclosure;

        builder.AddGrpcServiceDefaults();

        using var app = builder.Build();
        Assert.NotNull(app.Services);
    }

    private static string SignedWith(string key) =>
        new TokenIssuer(new SuiteAuthOptions { Issuer = TestTokens.Options.Issuer, Audience = TestTokens.Options.Audience, SigningKey = key },
            TimeProvider.System, new HostingEnvironment { ApplicationName = "tests" }).Issue("ops", "Ops", SuiteRoles.Oversight);

    private static Exception Innermost(Exception error)
    {
        while (error.InnerException is not null) error = error.InnerException;
        return error;
    }
}
