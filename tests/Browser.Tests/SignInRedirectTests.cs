using Microsoft.Playwright;

namespace GenderArchitecture.Browser.Tests;

/// <summary>
/// After signing in, <c>?next=</c> leads only to the suite's own pages: a path from the site root with no second
/// slash and no backslash. Anything else (another site, however spelled) lands on the role's home page instead.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInRedirectTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("%5C%5Cevil.example")]
    [InlineData("%2F%5Cevil.example")]
    [InlineData("%2F%2Fevil.example")]
    [InlineData("https%3A%2F%2Fevil.example%2F")]
    [InlineData("%2Fadmin.html%2F%2Fevil.example")]
    public async Task A_next_page_off_the_suite_is_ignored_and_sign_in_lands_on_the_roles_home_page(string next)
    {
        await using var session = await fixture.OpenAsync(nameof(A_next_page_off_the_suite_is_ignored_and_sign_in_lands_on_the_roles_home_page));
        var page = session.Page;

        // The form's handler is attached once the institutions are listed: clicking earlier would submit it natively.
        await page.RunAndWaitForResponseAsync(() => page.GotoAsync($"index.html?next={next}"), r => r.Url.Contains("/api/v1/institutions"));
        await page.GetByLabel("Role").SelectOptionAsync("reviewer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Where it went is the point, not how long the page takes to draw: wait for the navigation's commit only.
        await page.WaitForURLAsync(url => !url.Contains("index.html"), new() { WaitUntil = WaitUntilState.Commit });

        var landed = new Uri(page.Url);
        Assert.Equal(fixture.Suite.GatewayAddress.Authority, landed.Authority);
        Assert.Equal("/reviewer.html", landed.AbsolutePath);
    }

    [Fact]
    public async Task A_page_that_needs_sign_in_is_where_sign_in_returns_to()
    {
        await using var session = await fixture.OpenAsync(nameof(A_page_that_needs_sign_in_is_where_sign_in_returns_to));
        var page = session.Page;

        await page.RunAndWaitForResponseAsync(() => page.GotoAsync("audit.html"), r => r.Url.Contains("/api/v1/institutions"));
        Assert.Contains("index.html?next=", page.Url);
        await page.GetByLabel("Role").SelectOptionAsync("administrator");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Where it went is the point, not how long the page takes to draw: wait for the navigation's commit only.
        await page.WaitForURLAsync(url => !url.Contains("index.html"), new() { WaitUntil = WaitUntilState.Commit });

        Assert.Equal("/audit.html", new Uri(page.Url).AbsolutePath);
        await session.AssertNoConsoleErrorsAsync();
    }
}
