using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using OtpNet;
using static Microsoft.Playwright.Assertions;

namespace GenderArchitecture.Browser.Tests;

/// <summary>
/// Sign-in as deployed: the pages send people to the identity service (authorisation code with PKCE), accounts exist
/// only because the install command or an administrator created them, and the gateway and the services act on the
/// token the identity service signed. No development token is used anywhere in these scenarios.
/// </summary>
[Collection(IdentityBrowserCollection.Name)]
public sealed class IdentitySignInTests(IdentityBrowserFixture fixture)
{
    [Fact]
    public async Task An_administrator_signs_in_with_password_and_authenticator_code_and_adds_a_station()
    {
        await using var session = await fixture.OpenAsync(nameof(An_administrator_signs_in_with_password_and_authenticator_code_and_adds_a_station));
        var page = session.Page;
        var token = await SignInAsAdministratorAsync(session);

        var id = $"kp-station-oidc-{Guid.NewGuid().ToString("N")[..8]}";
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Add a unit" });
        await form.GetByLabel("Id").FillAsync(id);
        await form.GetByLabel("Name").FillAsync("Station added by a signed-in administrator");
        await form.GetByLabel("Parent").SelectOptionAsync("kp-region-prishtina");
        await form.GetByLabel("Opened on").FillAsync("2020-01-01");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add unit" }).ClickAsync();
        await Expect(page.Locator("[role=status].success", new() { HasTextString = "added" })).ToBeVisibleAsync();
        await session.ScreenshotAsync("unit-added");

        using var api = fixture.Api(token);
        var unit = await api.GetFromJsonAsync<JsonElement>($"/api/v1/units/{id}");
        Assert.Equal("Station added by a signed-in administrator", unit.GetProperty("name").GetString());
        Assert.Equal("kp-region-prishtina", unit.GetProperty("parentId").GetString());
        await session.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task A_focal_point_whose_account_an_administrator_created_signs_in_with_a_password_and_saves_a_draft()
    {
        // The administrator registers the station and opens the focal point's account (a one-time link, no password).
        string station, link, email = $"focal-{Guid.NewGuid():N}@example.org";
        await using (var admin = await fixture.OpenAsync(nameof(A_focal_point_whose_account_an_administrator_created_signs_in_with_a_password_and_saves_a_draft) + "-admin"))
        {
            var token = await SignInAsAdministratorAsync(admin);
            using var api = fixture.Api(token);
            station = $"kp-station-oidc-{Guid.NewGuid().ToString("N")[..8]}";
            using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/units")
            {
                Content = JsonContent.Create(new { id = station, name = "Station of a signed-in focal point", kind = "station", parentId = "kp-region-prishtina", openedOn = "2015-01-01" }),
            };
            create.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            Assert.True((await api.SendAsync(create)).IsSuccessStatusCode);

            using var identity = new HttpClient { BaseAddress = fixture.Suite.IdentityAddress };
            identity.DefaultRequestHeaders.Authorization = new("Bearer", token);
            var account = await identity.PostAsJsonAsync("/api/v1/accounts", new { email, name = "Focal Point", role = "focal_point", units = new[] { station } });
            var body = await account.Content.ReadAsStringAsync();
            Assert.True(account.IsSuccessStatusCode, $"Creating the account answered {(int)account.StatusCode}: {body}");
            link = JsonDocument.Parse(body).RootElement.GetProperty("link").GetString()!;
        }

        await using var session = await fixture.OpenAsync(nameof(A_focal_point_whose_account_an_administrator_created_signs_in_with_a_password_and_saves_a_draft));
        var page = session.Page;
        var password = NewPassword();
        await page.GotoAsync(link);
        await page.GetByLabel("New password").FillAsync(password);
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Password set");

        await StartSignInAsync(page, email, password);
        await ArriveAsync(page, "focal-point.html");
        var focalToken = await AccessTokenAsync(page);

        // An ended month of the station (the month in progress cannot be submitted yet): a draft is saved.
        await ReportPages.OpenPeriodAsync(page, ReportPages.EndedPeriod);
        await ReportPages.FillAsync(page, bySexAndAgeTotal: 5);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page.Locator("#editor .success")).ToContainTextAsync("Draft saved");
        await session.ScreenshotAsync("draft-saved");

        using var reports = fixture.Api(focalToken);
        var page1 = await reports.GetFromJsonAsync<JsonElement>($"/api/v1/reporting/stations/{station}/reports");
        var saved = Assert.Single(page1.GetProperty("items").EnumerateArray());
        Assert.Equal(ReportPages.EndedPeriod, saved.GetProperty("periodStart").GetString());
        Assert.Contains("draft", saved.GetProperty("state").ToString(), StringComparison.OrdinalIgnoreCase);
        await session.AssertNoConsoleErrorsAsync();
    }

    /// <summary>
    /// A first administrator created by the install command signs in: password, then the authenticator enrolled on the
    /// identity service's page and confirmed with its current code. Answers the access token the page received.
    /// </summary>
    private async Task<string> SignInAsAdministratorAsync(BrowserSession session)
    {
        var email = $"admin-{Guid.NewGuid():N}@example.org";
        var password = NewPassword();
        await fixture.Suite.CreateAdministratorAsync(email, "First Administrator", password);
        var page = session.Page;

        await StartSignInAsync(page, email, password);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Set up your authenticator");
        var key = (await page.Locator("#authenticator-key").TextContentAsync())!.Trim();
        await page.GetByLabel("Code").FillAsync(TotpCode(key));
        await page.Locator("button[type=submit]").ClickAsync();
        await ArriveAsync(page, "admin.html");

        var token = await AccessTokenAsync(page);
        Assert.Equal(new Uri(fixture.Suite.IdentityAddress!, "/").ToString(), Claim(token, "iss"));
        Assert.Equal("administrator", Claim(token, "role"));
        return token;
    }

    /// <summary>From the suite's sign-in page to the identity service's, where the password is entered.</summary>
    private async Task StartSignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync(fixture.Suite.GatewayAddress + "index.html");
        await page.Locator("#oidc-sign-in").ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(fixture.Suite.IdentityAddress!.ToString()) && url.Contains("/account/login"));
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.Locator("button[type=submit]").ClickAsync();
    }

    /// <summary>Waits for the role's page; on a timeout, says where the browser stopped and what that page said.</summary>
    private async Task ArriveAsync(IPage page, string home)
    {
        try
        {
            await page.WaitForURLAsync(url => url.EndsWith(home));
        }
        catch (TimeoutException)
        {
            var log = fixture.Suite.Log;
            Assert.Fail($"Stopped at {page.Url} instead of {home}:\n{await page.Locator("body").InnerTextAsync()}\n{log[Math.Max(0, log.Length - 4000)..]}");
        }
    }

    private static async Task<string> AccessTokenAsync(IPage page) =>
        await page.EvaluateAsync<string>("() => sessionStorage.getItem('ga.accessToken')");

    private static string? Claim(string token, string name)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        var claims = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload))).RootElement;
        return claims.TryGetProperty(name, out var value) ? value.GetString() : null;
    }

    /// <summary>What the person's authenticator app shows: RFC 6238 with SHA-1, 30-second steps, 6 digits.</summary>
    private static string TotpCode(string base32Key) =>
        new Totp(Base32Encoding.ToBytes(base32Key.Replace(" ", "")), step: 30, mode: OtpHashMode.Sha1, totpSize: 6).ComputeTotp();

    private static string NewPassword() => "long passphrase " + Guid.NewGuid().ToString("N");
}
