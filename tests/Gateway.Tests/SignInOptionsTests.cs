using System.Net.Http.Json;
using System.Text.Json;

namespace GenderArchitecture.Gateway.Tests;

/// <summary>The sign-in page learns from the gateway where to run the code flow, and whether the dev sign-in exists.</summary>
public sealed class SignInOptionsTests
{
    [Fact]
    public async Task The_sign_in_page_is_told_the_browser_facing_authority_and_the_public_client()
    {
        await using var app = new GatewayApp(settings: new()
        {
            ["Auth:Authority"] = "http://identity.internal:5090",
            ["Auth:BrowserAuthority"] = "https://id.example.org/",
        });

        var options = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/auth/sign-in-options");

        Assert.Equal("https://id.example.org", options.GetProperty("authority").GetString());
        Assert.Equal("genderarchitecture-web", options.GetProperty("clientId").GetString());
        Assert.True(options.GetProperty("developmentSignIn").GetBoolean());
    }

    [Fact]
    public async Task Without_an_authority_only_the_development_sign_in_is_offered()
    {
        await using var app = new GatewayApp();

        var options = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/auth/sign-in-options");

        Assert.Equal(JsonValueKind.Null, options.GetProperty("authority").ValueKind);
    }
}
