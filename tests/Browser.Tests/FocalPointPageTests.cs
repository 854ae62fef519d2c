using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GenderArchitecture.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class FocalPointPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_focal_point_sees_the_broken_rule_next_to_its_cell_then_submits_the_corrected_report()
    {
        await using var session = await fixture.OpenAsync(nameof(A_focal_point_sees_the_broken_rule_next_to_its_cell_then_submits_the_corrected_report));
        session.ExpectApiStatus(400); // the validation error the scenario provokes
        var page = session.Page;

        var station = await Arrange.NewStationAsync(fixture, "focal");
        await session.SignInAsync("focal_point", station);
        Assert.EndsWith("focal-point.html", page.Url);
        await ReportPages.OpenPeriodAsync(page, ReportPages.EndedPeriod);

        // The form is generated from the definition: every cell has an accessible name, blanks are explicit choices.
        await Expect(page.GetByLabel("Domestic violence cases reported: Female, Child (under 18)", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(ReportPages.Kind(page, "protection-orders-requested").Locator("option")).ToHaveTextAsync(["Count", "Not applicable", "Not available"]);

        await ReportPages.FillAsync(page, bySexAndAgeTotal: 4);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();

        // The broken rule is announced next to the total it concerns, tied to the field for assistive technology.
        var total = ReportPages.Cell(page, "dv-cases-reported");
        await Expect(total).ToHaveAttributeAsync("aria-invalid", "true");
        var describedBy = (await total.GetAttributeAsync("aria-describedby"))!.Split(' ');
        var message = page.Locator($"#{describedBy.Last()}");
        await Expect(message).ToHaveAttributeAsync("role", "alert");
        await Expect(message).ToContainTextAsync("add up");
        await Expect(page.Locator("#editor [role=alert].problem")).ToContainTextAsync("saved as a draft but not submitted");
        await session.ScreenshotAsync("validation-error");
        await session.DocsScreenshotAsync("focal-point-report-form", page.Locator("#editor"));

        // Corrected: the sex and age cells now add up to the total; the report goes to review.
        await ReportPages.Cell(page, "dv-cases-reported", "sex=male;age=adult").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await Expect(page.Locator("#editor .success")).ToContainTextAsync("submitted for review");
        await Expect(page.Locator("#editor .badge").First).ToHaveTextAsync("submitted");
        await Expect(page.Locator("#editor ol.history")).ToContainTextAsync("submitted");
        await session.ScreenshotAsync("submitted");
        await session.AssertNoConsoleErrorsAsync();
    }
}
