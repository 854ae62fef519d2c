using System.Net.Http.Json;

namespace GenderArchitecture.Gateway.Tests;

/// <summary>Every answer carries the security headers; API answers are never stored by a browser or a proxy.</summary>
public sealed class SecurityHeadersTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/index.html")]
    [InlineData("/dashboard.html")]
    [InlineData("/js/api.js")]
    [InlineData("/no-such-page.html")]
    [InlineData("/api/v1/reporting/forms")]
    public async Task Every_answer_carries_a_strict_policy_and_the_security_headers(string path)
    {
        await using var app = new GatewayApp();

        var response = await app.CreateClient().GetAsync(path);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Theory]
    [InlineData("GET", "/api/v1/reporting/forms")]
    [InlineData("GET", "/api/v1/reporting/aggregates?periodFrom=1000-01-01")]
    [InlineData("POST", "/api/v1/dev/tokens")]
    public async Task Api_answers_are_never_stored(string method, string path)
    {
        await using var app = new GatewayApp();
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST") request.Content = JsonContent.Create(new { role = "analyst" });

        var response = await app.CreateClient().SendAsync(request);

        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: {response.Headers.CacheControl}");
    }
}
