using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GenderArchitecture.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class AdministratorPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_administrator_plans_a_gender_body_meeting_after_the_missing_date_is_announced_next_to_its_field()
    {
        await using var session = await fixture.OpenAsync(nameof(An_administrator_plans_a_gender_body_meeting_after_the_missing_date_is_announced_next_to_its_field));
        session.ExpectApiStatus(400); // the missing date the scenario provokes
        var page = session.Page;
        await session.SignInAsync("administrator");
        Assert.EndsWith("admin.html", page.Url);

        // The register of the chosen institution: its stations, focal-point appointments and gender bodies.
        await Expect(page.Locator("#units table")).ToContainTextAsync("kp-station-prishtina");
        await Expect(page.Locator("#appointments table tbody tr").First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Meetings of KP Gender Equality Task Force" }).ClickAsync();

        var plan = page.GetByRole(AriaRole.Form, new() { Name = "Plan a meeting" });
        await plan.GetByLabel("Agenda").FillAsync("Review of the station reports on domestic violence");
        await plan.GetByRole(AriaRole.Button, new() { Name = "Plan meeting" }).ClickAsync();
        var date = plan.GetByLabel("Date");
        await Expect(date).ToHaveAttributeAsync("aria-invalid", "true");
        var describedBy = (await date.GetAttributeAsync("aria-describedby"))!.Split(' ');
        await Expect(page.Locator($"#{describedBy.Last()}")).ToHaveAttributeAsync("role", "alert");
        await session.ScreenshotAsync("missing-date");

        await date.FillAsync(DateTime.UtcNow.AddDays(14).ToString("yyyy-MM-dd"));
        await plan.GetByRole(AriaRole.Button, new() { Name = "Plan meeting" }).ClickAsync();
        await Expect(page.Locator("[role=status].success")).ToContainTextAsync("Meeting planned");
        var row = page.Locator("#bodies table tr", new() { HasTextString = "Review of the station reports on domestic violence" });
        await Expect(row).ToContainTextAsync("planned");
        await session.ScreenshotAsync("meeting-planned");
        await session.AssertNoConsoleErrorsAsync();
    }
}
