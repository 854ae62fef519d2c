using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using OtpNet;

namespace GenderArchitecture.Identity.Tests;

/// <summary>
/// What a browser does against the identity service, step by step and without following redirects, so each step
/// can be checked: the authorisation request with PKCE, the sign-in form, the second step, the code exchange.
/// </summary>
public sealed partial class SignInClient(IdentityApp app)
{
    public HttpClient Http { get; } = app.CreateClient(new WebApplicationFactoryClientOptions
    {
        // On a real socket (kestrel) the default base address would be http://localhost: take the server's own.
        BaseAddress = app.ClientOptions.BaseAddress,
        AllowAutoRedirect = false,
        HandleCookies = true,
    });
    public string Verifier { get; } = Base64UrlEncoder(RandomNumberGenerator.GetBytes(32));
    /// <summary>The authenticator key shown at enrolment, kept like the person's phone keeps it.</summary>
    public string? AuthenticatorKey { get; set; }

    public string AuthorizeUrl(string state = "state-1", string scope = "openid profile offline_access") =>
        QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = IdentityApp.WebClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = IdentityApp.RedirectUri,
            ["scope"] = scope,
            ["state"] = state,
            ["code_challenge"] = Base64UrlEncoder(SHA256.HashData(Encoding.ASCII.GetBytes(Verifier))),
            ["code_challenge_method"] = "S256",
        });

    /// <summary>Starts the flow and submits the password; answers the response of the sign-in form.</summary>
    public async Task<HttpResponseMessage> SubmitPasswordAsync(string email, string password)
    {
        var authorize = await Http.GetAsync(AuthorizeUrl());
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        Assert.Contains("/account/login", authorize.Headers.Location!.ToString());
        return await PostFormAsync(authorize.Headers.Location!.ToString(), new() { ["email"] = email, ["password"] = password });
    }

    /// <summary>Reads a page's form and posts it with <paramref name="fields"/> filled in (antiforgery and return URL kept).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pageUrl, Dictionary<string, string> fields)
    {
        var page = await Http.GetAsync(pageUrl);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.IsSuccessStatusCode, $"{pageUrl}: {(int)page.StatusCode} {html}");
        var form = new Dictionary<string, string>(fields);
        foreach (Match hidden in HiddenInput().Matches(html))
        {
            form.TryAdd(WebUtility.HtmlDecode(hidden.Groups[1].Value), WebUtility.HtmlDecode(hidden.Groups[2].Value));
        }
        var action = WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value);
        return await Http.PostAsync(action, new FormUrlEncodedContent(form));
    }

    /// <summary>Enrols the authenticator shown on the enrolment page and confirms it with a current code.</summary>
    public async Task<HttpResponseMessage> EnrolAsync(HttpResponseMessage afterPassword)
    {
        var url = afterPassword.Headers.Location!.ToString();
        Assert.Contains("/account/enrol", url);
        var html = await (await Http.GetAsync(url)).Content.ReadAsStringAsync();
        AuthenticatorKey = WebUtility.HtmlDecode(AuthenticatorKeyElement().Match(html).Groups[1].Value);
        return await PostFormAsync(url, new() { ["code"] = CurrentCode() });
    }

    public async Task<HttpResponseMessage> SecondStepAsync(HttpResponseMessage afterPassword, string? code = null)
    {
        var url = afterPassword.Headers.Location!.ToString();
        Assert.Contains("/account/2fa", url);
        return await PostFormAsync(url, new() { ["code"] = code ?? CurrentCode() });
    }

    public string CurrentCode() => new Totp(Base32Encoding.ToBytes(AuthenticatorKey!)).ComputeTotp();

    /// <summary>Follows the return URL back to the authorisation endpoint and takes the code from the redirect to the client.</summary>
    public async Task<string> AuthorizationCodeAsync(HttpResponseMessage signedIn)
    {
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var back = await Http.GetAsync(signedIn.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        var location = back.Headers.Location!;
        Assert.StartsWith(IdentityApp.RedirectUri, location.ToString());
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("state-1", query["state"].ToString());
        return query["code"].ToString();
    }

    public async Task<TokenAnswer> ExchangeAsync(string code, string? verifier = null) =>
        await TokenAsync(new()
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = IdentityApp.WebClientId,
            ["code"] = code,
            ["redirect_uri"] = IdentityApp.RedirectUri,
            ["code_verifier"] = verifier ?? Verifier,
        });

    public async Task<TokenAnswer> RefreshAsync(string refreshToken) =>
        await TokenAsync(new() { ["grant_type"] = "refresh_token", ["client_id"] = IdentityApp.WebClientId, ["refresh_token"] = refreshToken });

    public async Task<TokenAnswer> TokenAsync(Dictionary<string, string> form)
    {
        var response = await Http.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return new TokenAnswer(response.StatusCode, json);
    }

    /// <summary>Password, authenticator and code exchange in one go, for tests about what comes after.</summary>
    public async Task<TokenAnswer> SignInAsync(string email, string password)
    {
        var afterPassword = await SubmitPasswordAsync(email, password);
        var location = afterPassword.Headers.Location?.ToString() ?? "";
        var signedIn = location.Contains("/account/enrol") ? await EnrolAsync(afterPassword)
            : location.Contains("/account/2fa") ? await SecondStepAsync(afterPassword)
            : afterPassword;
        return await ExchangeAsync(await AuthorizationCodeAsync(signedIn));
    }

    private static string Base64UrlEncoder(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenInput();
    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\"")]
    private static partial Regex FormAction();
    [GeneratedRegex("<code id=\"authenticator-key\">([^<]+)</code>")]
    private static partial Regex AuthenticatorKeyElement();
}

public sealed record TokenAnswer(HttpStatusCode Status, JsonElement Json)
{
    public string AccessToken => Json.GetProperty("access_token").GetString()!;
    public string RefreshToken => Json.GetProperty("refresh_token").GetString()!;
    public string? Error => Json.TryGetProperty("error", out var e) ? e.GetString() : null;
    public JsonWebToken Access => new(AccessToken);
}
