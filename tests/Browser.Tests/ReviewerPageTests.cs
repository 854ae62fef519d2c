using System.Net.Http.Json;
using System.Text.Json;
using GenderArchitecture.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GenderArchitecture.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ReviewerPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_reviewer_returns_a_report_with_a_required_comment_and_approves_the_corrected_one()
    {
        var station = await Arrange.NewStationAsync(fixture, "review");
        var period = ReportPages.EndedPeriod;
        await Arrange.SubmitReportAsync(fixture, station, period, Arrange.ValidValues(dvCases: 4, thbCases: 0));

        // The reviewer: the queue, the report next to the station's previous periods, return needs a comment.
        await using (var reviewer = await fixture.OpenAsync(nameof(A_reviewer_returns_a_report_with_a_required_comment_and_approves_the_corrected_one) + "-return"))
        {
            var page = reviewer.Page;
            await reviewer.SignInAsync("reviewer", station);
            Assert.EndsWith("reviewer.html", page.Url);
            await page.GetByRole(AriaRole.Button, new() { Name = $"Review {station} {period}" }).ClickAsync();
            // Side by side: this period first, then the station's previous periods (the demonstration data's, when seeded).
            var thisPeriod = page.Locator("table.comparison thead th").Nth(1);
            await Expect(thisPeriod).ToHaveAttributeAsync("data-period", period);
            await Expect(thisPeriod).ToContainTextAsync("(this report)");
            await Expect(page.Locator("table.comparison tbody tr").First).ToContainTextAsync("Domestic violence cases reported");

            await page.GetByRole(AriaRole.Button, new() { Name = "Return to station" }).ClickAsync();
            var comment = page.GetByLabel("Comment");
            await Expect(comment).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(page.Locator("#review [role=alert].error")).ToContainTextAsync("needs a comment");
            await reviewer.ScreenshotAsync("comment-required");

            await comment.FillAsync("Referred cases look too high: please check the prosecutor referrals.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Return to station" }).ClickAsync();
            await Expect(page.Locator("[role=status].success")).ToContainTextAsync($"Returned to {station}");
            await reviewer.AssertNoConsoleErrorsAsync();
        }

        // The focal point sees the comment on the returned report, corrects it and resubmits.
        await using (var focal = await fixture.OpenAsync(nameof(A_reviewer_returns_a_report_with_a_required_comment_and_approves_the_corrected_one) + "-correct"))
        {
            var page = focal.Page;
            await focal.SignInAsync("focal_point", station);
            await ReportPages.OpenPeriodAsync(page, period);
            await Expect(page.Locator("#review-comment")).ToContainTextAsync("check the prosecutor referrals");
            await ReportPages.Cell(page, "dv-cases-referred").FillAsync("1");
            await page.GetByRole(AriaRole.Button, new() { Name = "Resubmit" }).ClickAsync();
            await Expect(page.Locator("#editor .badge").First).ToHaveTextAsync("resubmitted");
            await focal.ScreenshotAsync("resubmitted");
            await focal.AssertNoConsoleErrorsAsync();
        }

        // The reviewer approves the corrected report; it leaves the queue.
        await using (var reviewer = await fixture.OpenAsync(nameof(A_reviewer_returns_a_report_with_a_required_comment_and_approves_the_corrected_one) + "-approve"))
        {
            var page = reviewer.Page;
            await reviewer.SignInAsync("reviewer", station);
            await page.GetByRole(AriaRole.Button, new() { Name = $"Review {station} {period}" }).ClickAsync();
            await Expect(page.Locator("#review")).ToContainTextAsync("resubmitted");
            await reviewer.ScreenshotAsync("review");
            await reviewer.DocsScreenshotAsync("reviewer-side-by-side", page.Locator("#review"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
            await Expect(page.Locator("[role=status].success")).ToContainTextAsync("Approved");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Review {station} {period}" })).ToHaveCountAsync(0);
            await reviewer.ScreenshotAsync("approved");
            await reviewer.AssertNoConsoleErrorsAsync();
        }

        using var api = fixture.Api(TestTokens.For("focal_point", [station]));
        var reports = await api.GetFromJsonAsync<JsonElement>($"/api/v1/reporting/stations/{station}/reports?formId={ReportPages.StationForm}&periodFrom={period}&periodTo={period}");
        Assert.Equal("approved", reports.GetProperty("items")[0].GetProperty("state").GetString());
    }
}
