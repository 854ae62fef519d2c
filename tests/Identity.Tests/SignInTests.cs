using System.Net;
using System.Net.Http.Json;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.TestSupport;

namespace GenderArchitecture.Identity.Tests;

/// <summary>People sign in through the authorisation code flow with PKCE; administrators and analysts need TOTP.</summary>
public sealed class SignInTests
{
    private const string Password = "seven orange lanterns by the river";

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task An_administrator_enrols_an_authenticator_then_gets_a_token_with_the_suite_claims(DatabaseKind kind)
    {
        await using var app = await IdentityApp.StartAsync(kind);
        var account = await app.CreateAccountAsync("admin@example.org", SuiteRoles.Administrator, Password, institution: "kp");
        var browser = new SignInClient(app);

        var afterPassword = await browser.SubmitPasswordAsync("admin@example.org", Password);
        var enrolled = await browser.EnrolAsync(afterPassword);
        var tokens = await browser.ExchangeAsync(await browser.AuthorizationCodeAsync(enrolled));

        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        var access = tokens.Access;
        Assert.Equal("ES256", access.Alg);
        Assert.Equal(account.Id, access.Subject);
        Assert.Equal([SuiteRoles.Administrator], access.Claims.Where(c => c.Type == SuiteClaims.Role).Select(c => c.Value));
        Assert.Equal("kp", access.GetClaim(SuiteClaims.Institution).Value);
        Assert.Equal("Person admin@example.org", access.GetClaim(SuiteClaims.Name).Value);
        Assert.Contains("genderarchitecture", access.Audiences);
        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken));
    }

    [Fact]
    public async Task An_enrolled_administrator_must_give_a_current_code_and_a_wrong_one_is_refused()
    {
        await using var app = await IdentityApp.StartAsync();
        await app.CreateAccountAsync("admin@example.org", SuiteRoles.Administrator, Password);
        var first = new SignInClient(app);
        await first.SignInAsync("admin@example.org", Password);
        var second = new SignInClient(app) { AuthenticatorKey = first.AuthenticatorKey };

        var afterPassword = await second.SubmitPasswordAsync("admin@example.org", Password);
        var wrong = await second.SecondStepAsync(afterPassword, code: "000000");
        var right = await second.SecondStepAsync(afterPassword);

        Assert.Contains("/account/2fa", afterPassword.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.False(string.IsNullOrEmpty(await second.AuthorizationCodeAsync(right)));
    }

    [Fact]
    public async Task An_analyst_who_stops_after_the_password_gets_no_code()
    {
        await using var app = await IdentityApp.StartAsync();
        await app.CreateAccountAsync("analyst@example.org", SuiteRoles.Analyst, Password);
        var browser = new SignInClient(app);

        var afterPassword = await browser.SubmitPasswordAsync("analyst@example.org", Password);
        var authorizeAgain = await browser.Http.GetAsync(browser.AuthorizeUrl());

        Assert.Contains("/account/enrol", afterPassword.Headers.Location!.ToString());
        Assert.Contains("/account/login", authorizeAgain.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_focal_point_signs_in_with_a_password_and_the_token_carries_the_station()
    {
        await using var app = await IdentityApp.StartAsync();
        await app.CreateAccountAsync("fp@example.org", SuiteRoles.FocalPoint, Password, units: ["kp-station-prishtina"]);

        var tokens = await new SignInClient(app).SignInAsync("fp@example.org", Password);

        Assert.Equal(SuiteRoles.FocalPoint, tokens.Access.GetClaim(SuiteClaims.Role).Value);
        Assert.Equal(["kp-station-prishtina"], tokens.Access.Claims.Where(c => c.Type == SuiteClaims.Unit).Select(c => c.Value));
    }

    [Fact]
    public async Task A_code_without_the_pkce_verifier_is_refused()
    {
        await using var app = await IdentityApp.StartAsync();
        await app.CreateAccountAsync("fp@example.org", SuiteRoles.FocalPoint, Password);
        var browser = new SignInClient(app);
        var code = await browser.AuthorizationCodeAsync(await browser.SubmitPasswordAsync("fp@example.org", Password));

        var answer = await browser.ExchangeAsync(code, verifier: new SignInClient(app).Verifier);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("invalid_grant", answer.Error);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        await using var app = await IdentityApp.StartAsync();
        await app.CreateAccountAsync("fp@example.org", SuiteRoles.FocalPoint, Password);
        var browser = new SignInClient(app);

        for (var i = 0; i < 4; i++) Assert.Equal(HttpStatusCode.BadRequest, (await browser.SubmitPasswordAsync("fp@example.org", "not the password at all")).StatusCode);
        var fifth = await browser.SubmitPasswordAsync("fp@example.org", "not the password at all");
        var locked = await browser.SubmitPasswordAsync("fp@example.org", Password);

        Assert.Equal((HttpStatusCode)423, fifth.StatusCode);
        Assert.Equal((HttpStatusCode)423, locked.StatusCode);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sign_in_attempts_past_the_limit_per_address_get_429()
    {
        await using var app = await IdentityApp.StartAsync(settings: new() { ["Identity:SignInAttemptsPerMinute"] = "3" });
        var browser = new SignInClient(app);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) answers.Add((await browser.SubmitPasswordAsync($"nobody{i}@example.org", "whatever it is, it is wrong")).StatusCode);

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], answers);
    }

    [Fact]
    public async Task A_changed_scope_applies_at_the_next_refresh()
    {
        await using var app = await IdentityApp.StartAsync();
        var account = await app.CreateAccountAsync("fp@example.org", SuiteRoles.FocalPoint, Password, units: ["kp-station-a"]);
        var tokens = await new SignInClient(app).SignInAsync("fp@example.org", Password);
        var admin = await AdministratorClientAsync(app);

        (await admin.PutAsJsonAsync($"/api/v1/accounts/{account.Id}/scope", new { units = new[] { "kp-station-b" } })).EnsureSuccessStatusCode();
        var refreshed = await new SignInClient(app).RefreshAsync(tokens.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, refreshed.Status);
        Assert.Equal(["kp-station-b"], refreshed.Access.Claims.Where(c => c.Type == SuiteClaims.Unit).Select(c => c.Value));
    }

    [Fact]
    public async Task Signing_out_everywhere_kills_the_refresh_token_and_the_sign_in_cookie()
    {
        await using var app = await IdentityApp.StartAsync();
        var account = await app.CreateAccountAsync("fp@example.org", SuiteRoles.FocalPoint, Password);
        var browser = new SignInClient(app);
        var tokens = await browser.SignInAsync("fp@example.org", Password);
        var admin = await AdministratorClientAsync(app);

        var revoked = await admin.PostAsync($"/api/v1/accounts/{account.Id}/sign-out-everywhere", null);
        var refreshed = await browser.RefreshAsync(tokens.RefreshToken);

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refreshed.Status);
        Assert.Equal("invalid_grant", refreshed.Error);
    }

    [Fact]
    public async Task A_password_reset_by_an_administrator_stops_the_old_password_and_the_link_sets_a_new_one()
    {
        await using var app = await IdentityApp.StartAsync();
        var account = await app.CreateAccountAsync("fp@example.org", SuiteRoles.FocalPoint, Password);
        var admin = await AdministratorClientAsync(app);

        var reset = await admin.PostAsJsonAsync($"/api/v1/accounts/{account.Id}/password-reset", new { resetSecondFactor = false });
        var link = (await reset.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("link").GetString()!;
        var oldPassword = await new SignInClient(app).SubmitPasswordAsync("fp@example.org", Password);
        var person = new SignInClient(app);
        var set = await person.PostFormAsync(new Uri(link).PathAndQuery, new() { ["password"] = "a brand new sentence of words" });
        var newPassword = await person.SignInAsync("fp@example.org", "a brand new sentence of words");

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, oldPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newPassword.Status);
    }

    [Fact]
    public async Task The_accounts_api_refuses_a_non_administrator()
    {
        await using var app = await IdentityApp.StartAsync();
        await app.CreateAccountAsync("fp@example.org", SuiteRoles.FocalPoint, Password);
        var tokens = await new SignInClient(app).SignInAsync("fp@example.org", Password);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", tokens.AccessToken);

        var answer = await client.PostAsJsonAsync("/api/v1/accounts", new { email = "x@example.org", role = "administrator" });

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
    }

    private static async Task<HttpClient> AdministratorClientAsync(IdentityApp app)
    {
        var administrator = await app.CreateAccountAsync($"admin-{Guid.NewGuid():N}@example.org", SuiteRoles.Administrator, Password);
        var tokens = await new SignInClient(app).SignInAsync(administrator.Email!, Password);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", tokens.AccessToken);
        return client;
    }
}
