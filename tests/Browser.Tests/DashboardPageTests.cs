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

        // The demonstration data's region figures: about half of a region's monthly cells are small counts, protected.
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
        Assert.Equal("period,unit_id,category,value,protection,reports,expected_reports,coverage,in_progress", exported[1]);
        Assert.Contains(exported, line => System.Text.RegularExpressions.Regex.IsMatch(line, @",,protected,\d+,\d+,(complete|incomplete),(true|false)$"));
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

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd");
    private static string ThisMonth => DateTime.UtcNow.ToString("yyyy-MM");

    [Fact]
    public async Task The_police_dashboard_reads_as_of_today_with_every_station_section_and_the_current_month_in_progress()
    {
        await using var session = await fixture.OpenAsync(nameof(The_police_dashboard_reads_as_of_today_with_every_station_section_and_the_current_month_in_progress));
        var page = session.Page;
        await SignInAsOversightAsync(page);

        var answer = await OpenAsync(page, "kp");

        // The page asked for figures up to today, never the end of the month.
        Assert.Equal(Today, answer.To);
        await Expect(page.Locator("#dashboard > p").First).ToContainTextAsync($"Figures as of {Today}");
        await Expect(page.Locator("[data-section]")).ToHaveCountAsync(3);
        await Expect(page.Locator("[data-section='Domestic violence and trafficking']")).ToBeVisibleAsync();
        await Expect(page.GetByText("Focal-point coverage", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-section='Judges and prosecutors']")).ToHaveCountAsync(0);

        // The current month: marked in progress in both tables, its figures never shown as complete.
        var cases = Table(page, "Cases by period");
        var current = cases.Locator("tbody tr", new() { HasText = ThisMonth });
        await Expect(current.Locator("[data-in-progress] .incomplete")).ToHaveTextAsync("in progress");
        foreach (var figure in await current.Locator("td.num > [data-coverage]").AllAsync())
        {
            Assert.NotEqual("complete", await figure.GetAttributeAsync("data-coverage"));
        }
        await Expect(Table(page, "Completeness and timeliness").Locator("tbody tr", new() { HasText = ThisMonth }).Locator("[data-in-progress]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-in-progress-note]")).ToContainTextAsync($"{ThisMonth}: in progress");
        // Earlier months are not marked.
        Assert.Equal(1, await cases.Locator("[data-in-progress]").CountAsync());

        await SaveScreenshotAsync(page, "dashboard-kp", cases);
        await session.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task The_kpc_dashboard_has_no_station_reporting_section_because_the_kpc_has_no_reporting_units()
    {
        await using var session = await fixture.OpenAsync(nameof(The_kpc_dashboard_has_no_station_reporting_section_because_the_kpc_has_no_reporting_units));
        var page = session.Page;
        await SignInAsOversightAsync(page);

        var answer = await OpenAsync(page, "kpc");

        Assert.Equal(Today, answer.To);
        Assert.DoesNotContain("reporting", answer.Sections);
        await Expect(page.Locator("[data-section]")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-section='Composition and gender bodies']")).ToHaveAttributeAsync("data-status", "ok");
        await Expect(page.Locator("[data-section='Training compliance']")).ToHaveAttributeAsync("data-status", "ok");
        // Nothing about stations: no DV/THB station chart, no share of expected reports, no "n of m stations".
        await Expect(page.Locator("[data-section='Domestic violence and trafficking']")).ToHaveCountAsync(0);
        var text = await page.Locator("[data-section='Composition and gender bodies']").InnerTextAsync();
        Assert.DoesNotContain("expected reports", await page.Locator("#dashboard").InnerTextAsync());
        Assert.DoesNotContain("stations", text);
        Assert.DoesNotContain("Focal-point coverage", text);
        // The unit picker still offers the KPC's regional task groups.
        Assert.Contains("KPC Regional Task Group 1 (Prishtina)", await page.GetByLabel("Unit", new() { Exact = true }).InnerTextAsync());

        await SaveScreenshotAsync(page, "dashboard-kpc");
        await session.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task The_judiciary_dashboard_shows_court_figures_and_women_and_communities_among_judges_and_prosecutors_protected()
    {
        await using var session = await fixture.OpenAsync(nameof(The_judiciary_dashboard_shows_court_figures_and_women_and_communities_among_judges_and_prosecutors_protected));
        var page = session.Page;
        await SignInAsOversightAsync(page);

        var answer = await OpenAsync(page, "judiciary");

        Assert.Equal(["reporting", "composition", "judicial_roles", "gender_bodies", "training"], answer.Sections);
        await Expect(page.Locator("[data-section]")).ToHaveCountAsync(4);
        var text = await page.Locator("[data-section='Composition and gender bodies']").InnerTextAsync();
        Assert.DoesNotContain("Focal-point coverage", text);
        Assert.DoesNotContain("stations", text);

        // Court figures by quarter, the current quarter in progress.
        var quarter = $"{DateTime.UtcNow.Year}-Q{(DateTime.UtcNow.Month - 1) / 3 + 1}";
        var cases = Table(page, "Cases by period");
        await Expect(cases.Locator("tbody tr", new() { HasText = quarter }).Locator("[data-in-progress]")).ToBeVisibleAsync();
        Assert.True(await cases.Locator("tbody tr").CountAsync() >= 4, "court figures by quarter");

        // Women among judges and among prosecutors, each a protected figure; communities by role, small ones protected.
        var roles = page.Locator("[data-section='Judges and prosecutors']");
        await Expect(roles).ToHaveAttributeAsync("data-status", "ok");
        await Expect(roles.GetByText("Women among judges")).ToBeVisibleAsync();
        await Expect(roles.GetByText("Women among prosecutors")).ToBeVisibleAsync();
        await Expect(roles.Locator("[data-judicial-role=judge]")).ToContainTextAsync(" of ");
        var byCommunity = Table(page, "Judges and prosecutors by community");
        Assert.True(await byCommunity.Locator("tbody tr").CountAsync() >= 2);
        Assert.True(await byCommunity.Locator("[data-protected=true]").CountAsync() > 0, "no small community count is shown as protected");
        await Expect(roles).ToContainTextAsync("Counts are rounded sums of small groups");

        await SaveScreenshotAsync(page, "dashboard-judiciary", roles);
        await session.AssertNoConsoleErrorsAsync();
    }

    private sealed record Answer(string To, string[] Sections);

    /// <summary>
    /// As <see cref="BrowserSession.SignInAsync"/>, but clicking only once the sign-in page has loaded its institutions:
    /// its form handler is attached after that answer, and against a cold suite an earlier click submits the bare form
    /// back to index.html.
    /// </summary>
    private static async Task SignInAsOversightAsync(IPage page)
    {
        await page.GotoAsync("index.html");
        await page.Locator("select[name=institution] option").Nth(1).WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        await page.GetByLabel("Role").SelectOptionAsync("oversight");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("index.html"), new() { Timeout = 60_000 });
    }

    /// <summary>Opens an institution's dashboard and waits for it to be drawn; returns what the gateway answered.</summary>
    private static async Task<Answer> OpenAsync(IPage page, string institution)
    {
        var response = await page.RunAndWaitForResponseAsync(() => page.GotoAsync($"dashboard.html?institution={institution}"),
            r => r.Url.Contains($"/api/v1/dashboards/{institution}?"), new() { Timeout = 60_000 });
        Assert.Equal(200, response.Status);
        var json = System.Text.Json.JsonDocument.Parse(await response.TextAsync()).RootElement;
        await Expect(page.Locator("[data-section]").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // Charts are drawn after the sections are in the page.
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('canvas')].every(c => Chart.getChart(c))");
        return new(json.GetProperty("to").GetString()!, json.GetProperty("sections").EnumerateArray().Select(x => x.GetString()!).ToArray());
    }

    private static ILocator Table(IPage page, string caption) => page.Locator("table", new() { Has = page.Locator("caption", new() { HasText = caption }) });

    /// <summary>
    /// The 1280 x 900 window as a reader sees it, scrolled to <paramref name="focus"/> (the top of the page if none),
    /// saved into docs/screenshots of the repository.
    /// </summary>
    private static async Task SaveScreenshotAsync(IPage page, string name, ILocator? focus = null)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GenderArchitecture.sln"))) dir = dir.Parent;
        var folder = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "docs", "screenshots");
        Directory.CreateDirectory(folder);
        if (focus is null) await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        else await focus.EvaluateAsync("e => e.scrollIntoView({ block: 'center' })");
        var path = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        Assert.True(new FileInfo(path).Length > 0, $"The screenshot {path} is empty.");
    }
}
