using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GenderArchitecture.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class DashboardPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_oversight_member_sees_the_dashboard_with_its_charts_drawn_and_protected_cells_marked_not_zeroed()
    {
        await using var session = await fixture.OpenAsync(nameof(An_oversight_member_sees_the_dashboard_with_its_charts_drawn_and_protected_cells_marked_not_zeroed));
        var page = session.Page;

        // A small station's approved report this month: its two trafficking cases are a count that must not be shown.
        var report = await Arrange.SubmitReportAsync(fixture, "kp-station-junik", ReportPages.CurrentPeriod, Arrange.ValidValues(dvCases: 3, thbCases: 2));
        await Arrange.ApproveAsync(fixture, "kp-station-junik", report);

        await session.SignInAsync("oversight");
        Assert.EndsWith("dashboard.html", page.Url);
        await Expect(page.Locator("[data-section]")).ToHaveCountAsync(3, new() { Timeout = 30_000 });

        // The unit picker narrows the dashboard to the station's region.
        await page.GetByLabel("Unit", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Regional Police Directorate Gjakova" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.Locator("#dashboard > p").First).ToContainTextAsync("Regional Police Directorate Gjakova", new() { Timeout = 30_000 });

        var sections = page.Locator("[data-section]");
        await Expect(sections).ToHaveCountAsync(3);
        foreach (var section in await sections.AllAsync())
        {
            Assert.Equal("ok", await section.GetAttributeAsync("data-status"));
        }

        // Every chart on the page is a drawn Chart.js chart with data, not an empty canvas.
        var charts = await page.EvaluateAsync<int[]>(
            "() => [...document.querySelectorAll('canvas')].map(c => { const chart = Chart.getChart(c); return chart && c.width > 0 ? chart.data.datasets.reduce((n, d) => n + d.data.length, 0) : -1; })");
        Assert.True(charts.Length >= 5, $"expected at least five charts, found {charts.Length}");
        Assert.All(charts, points => Assert.True(points > 0, "a chart was not drawn or has no data"));

        // The trend table marks protected counts as "protected" with an explanation, never as zero; the chart leaves a
        // gap; a note says what adjusted and protected mean.
        var marked = page.Locator("[data-protection=protected]");
        Assert.True(await marked.CountAsync() > 0, "no protected cell is marked on the dashboard");
        var first = marked.First;
        await first.ScrollIntoViewIfNeededAsync();
        await Expect(first).ToBeVisibleAsync();
        Assert.Equal("protected", (await first.InnerTextAsync()).Trim());
        Assert.Contains("Protected", await first.GetAttributeAsync("title") ?? "");
        await Expect(page.Locator("[data-protection-note]")).ToContainTextAsync("Adjusted figures are sums of protected base counts");
        // A period whose expected reports are not all approved says so, n of m, next to its figure.
        var incomplete = page.Locator("[data-coverage=incomplete] .incomplete");
        Assert.True(await incomplete.CountAsync() > 0, "no incomplete period is marked on the dashboard");
        Assert.Matches(@"^incomplete \(\d+ of \d+\)$", (await incomplete.First.InnerTextAsync()).Trim());
        await Expect(page.Locator("[data-coverage-note]")).ToContainTextAsync("incomplete (n of m)");
        await session.ScreenshotAsync("dashboard");

        // CSV: the case table through the gateway's aggregate export (a note on what the figures mean, protected values
        // blank and named), the completeness table as shown; both with a header row and the unit and period in the file name.
        var export = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "CSV: trafficking cases identified" }).ClickAsync());
        Assert.Matches(@"^thb-cases-identified_kp-region-gjakova_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$", export.SuggestedFilename);
        var exported = await File.ReadAllLinesAsync((await export.PathAsync())!);
        Assert.StartsWith("# Figures are sums of base cells", exported[0]);
        Assert.Equal("period,unit_id,category,value,protection,reports,expected_reports,coverage", exported[1]);
        Assert.Contains(exported, line => System.Text.RegularExpressions.Regex.IsMatch(line, @",,protected,\d+,\d+,(complete|incomplete)$"));
        Assert.DoesNotContain(exported, line => line.Contains(",0,protected", StringComparison.Ordinal));
        var table = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download CSV: Completeness and timeliness" }).ClickAsync());
        Assert.StartsWith("completeness_kp-region-gjakova_", table.SuggestedFilename);
        var rows = await File.ReadAllLinesAsync((await table.PathAsync())!);
        Assert.Equal("Period,Expected,Submitted,On time,Approved,Complete %,On time %", rows[0]);
        Assert.True(rows.Length > 1);
        await page.SetViewportSizeAsync(1280, 1500);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await session.DocsScreenshotAsync("oversight-dashboard");

        // Tablet width: the same page lays out in one column and stays usable.
        await page.SetViewportSizeAsync(820, 1180);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Show" })).ToBeVisibleAsync();
        await session.ScreenshotAsync("dashboard-tablet");
        await session.AssertNoConsoleErrorsAsync();
    }
}
