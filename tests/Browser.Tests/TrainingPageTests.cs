using System.Net.Http.Json;
using System.Text.Json;
using GenderArchitecture.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GenderArchitecture.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class TrainingPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_training_officer_issues_a_certificate_that_then_verifies_on_the_public_page()
    {
        await using var session = await fixture.OpenAsync(nameof(A_training_officer_issues_a_certificate_that_then_verifies_on_the_public_page));
        var page = session.Page;

        // A two-day session of the five-day curriculum, held last week, with one place; a trainer of the pool
        // qualified on those days, and two officers of a station (from the seeded register).
        var monday = DateTime.UtcNow.Date.AddDays(-7 - ((int)DateTime.UtcNow.DayOfWeek + 6) % 7);
        var days = new[] { monday, monday.AddDays(1) }.Select(d => d.ToString("yyyy-MM-dd")).ToArray();
        using var api = fixture.Api(TestTokens.For("training_officer", institution: "kp"));
        var trainers = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/training/trainers?institutionId=kp&onDate={days[0]}&pageSize=200")).GetProperty("items");
        var trainer = trainers.EnumerateArray().Last(t => t.GetProperty("qualifiedUntil").GetString() is not { } until || string.CompareOrdinal(until, days[1]) > 0);
        var officers = (await api.GetFromJsonAsync<JsonElement>("/api/v1/units/kp-station-podujeva/personnel?pageSize=50")).GetProperty("items")
            .EnumerateArray().Where(p => p.GetProperty("inService").GetBoolean()).Take(2).ToArray();
        var (first, second) = (officers[0], officers[1]);
        var firstName = $"{first.GetProperty("givenName").GetString()} {first.GetProperty("familyName").GetString()}";

        await session.SignInAsync("training_officer", institution: "kp");
        Assert.EndsWith("training.html", page.Url);

        var plan = page.GetByRole(AriaRole.Form, new() { Name = "Plan a session" });
        await plan.GetByLabel("Curriculum").SelectOptionAsync(new SelectOptionValue { Label = await CurriculumLabelAsync(page, "kp-gender-5day") });
        await plan.GetByLabel("Location").FillAsync("Police Academy, Vushtrri");
        await plan.GetByLabel("Start date").FillAsync(days[0]);
        await plan.GetByLabel("End date").FillAsync(days[1]);
        await plan.GetByLabel("Capacity").FillAsync("1");
        await plan.GetByLabel("Trainers").SelectOptionAsync(trainer.GetProperty("serviceNumber").GetString()!);
        await plan.GetByRole(AriaRole.Button, new() { Name = "Create session" }).ClickAsync();
        var panel = page.Locator("#session");
        await Expect(panel.Locator("h2")).ToContainTextAsync("Police Academy, Vushtrri");

        // Enrolment: the first officer takes the only place, the second goes on the waitlist.
        var enrol = page.GetByRole(AriaRole.Form, new() { Name = "Enrol an officer" });
        await enrol.GetByLabel("Service number").FillAsync(first.GetProperty("serviceNumber").GetString()!);
        await enrol.GetByRole(AriaRole.Button, new() { Name = "Enrol" }).ClickAsync();
        await Expect(panel.Locator(".success")).ToContainTextAsync("is enrolled");
        enrol = page.GetByRole(AriaRole.Form, new() { Name = "Enrol an officer" });
        await enrol.GetByLabel("Service number").FillAsync(second.GetProperty("serviceNumber").GetString()!);
        await enrol.GetByRole(AriaRole.Button, new() { Name = "Enrol" }).ClickAsync();
        await Expect(panel.Locator(".success")).ToContainTextAsync("waitlist (place 1)");

        // Attendance on both days, then the test results.
        foreach (var day in days)
        {
            var attendance = page.GetByRole(AriaRole.Form, new() { Name = "Record attendance" });
            await attendance.GetByLabel("Day").SelectOptionAsync(day);
            await attendance.GetByRole(AriaRole.Button, new() { Name = "Record attendance" }).ClickAsync();
            await Expect(panel.Locator(".success")).ToContainTextAsync($"Attendance recorded for {day}");
        }
        await Expect(panel).ToContainTextAsync("2 / 2");
        await page.GetByLabel($"pre-test score of {firstName}").FillAsync("45");
        await page.GetByLabel($"post-test score of {firstName}").FillAsync("86");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save results" }).ClickAsync();
        await Expect(panel.Locator(".success")).ToContainTextAsync($"Results saved for {firstName}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Issue certificate" }).ClickAsync();
        var code = panel.Locator("[data-verification-code]");
        await Expect(code).ToBeVisibleAsync();
        var verificationCode = (await code.InnerTextAsync()).Trim();
        await session.ScreenshotAsync("certificate-issued");
        await session.AssertNoConsoleErrorsAsync();

        // Anyone can check it, signed out, on the public page.
        await using var visitor = await fixture.OpenAsync(nameof(A_training_officer_issues_a_certificate_that_then_verifies_on_the_public_page) + "-public");
        await visitor.Page.GotoAsync("verify.html");
        await visitor.Page.GetByLabel("Verification code").FillAsync(verificationCode);
        await visitor.Page.GetByLabel("Verification code").PressAsync("Enter");
        var result = visitor.Page.Locator("#result [data-status]");
        await Expect(result).ToHaveAttributeAsync("data-status", "valid");
        await Expect(result).ToContainTextAsync(firstName);
        await Expect(result).ToContainTextAsync("five-day mandatory training");
        await visitor.ScreenshotAsync("verified");
        await visitor.AssertNoConsoleErrorsAsync();
    }

    private static async Task<string> CurriculumLabelAsync(IPage page, string code)
    {
        var options = page.Locator("select[name=curriculumId] option", new() { HasTextString = $"({code} v" });
        await Expect(options.First).ToBeAttachedAsync();
        return (await options.First.InnerTextAsync()).Trim();
    }
}
