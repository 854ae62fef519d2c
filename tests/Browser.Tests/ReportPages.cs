using Microsoft.Playwright;

namespace GenderArchitecture.Browser.Tests;

/// <summary>Filling the generated station report form, the way a focal point does with the keyboard and mouse.</summary>
internal static class ReportPages
{
    public const string StationForm = "station-monthly";

    /// <summary>The first day of the current month: a period that has begun and that the demonstration data leaves open.</summary>
    public static string CurrentPeriod => DateTime.UtcNow.ToString("yyyy-MM-01");

    public static ILocator Cell(IPage page, string elementId, string categoryKey = "") =>
        page.Locator($"input[name='cell:{elementId}|{categoryKey}']");

    public static ILocator Kind(IPage page, string elementId, string categoryKey = "") =>
        page.Locator($"select[name='state:{elementId}|{categoryKey}']");

    public static async Task OpenPeriodAsync(IPage page, string period)
    {
        await page.GetByLabel("Form", new() { Exact = true }).SelectOptionAsync(StationForm);
        await page.GetByLabel("Period", new() { Exact = true }).SelectOptionAsync(period);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open report for this period" }).ClickAsync();
        await Cell(page, "dv-cases-reported").WaitForAsync();
    }

    /// <summary>
    /// Fills a whole report: 5 domestic violence cases whose sex-and-age cells add up to <paramref name="bySexAndAgeTotal"/>
    /// (4 breaks the rule that they add up to the total), protection orders marked not applicable / not available.
    /// </summary>
    public static async Task FillAsync(IPage page, int bySexAndAgeTotal)
    {
        await Cell(page, "dv-cases-reported").FillAsync("5");
        await Cell(page, "dv-cases-reported", "sex=female;age=child").FillAsync("1");
        await Cell(page, "dv-cases-reported", "sex=female;age=adult").FillAsync("2");
        await Cell(page, "dv-cases-reported", "sex=male;age=child").FillAsync("0");
        await Cell(page, "dv-cases-reported", "sex=male;age=adult").FillAsync((bySexAndAgeTotal - 3).ToString());
        await Cell(page, "dv-cases-reported", "relationship=intimate-partner").FillAsync("3");
        await Cell(page, "dv-cases-reported", "relationship=other-family").FillAsync("1");
        await Cell(page, "dv-cases-reported", "relationship=other").FillAsync("1");
        await Cell(page, "dv-cases-referred").FillAsync("2");
        await Kind(page, "protection-orders-requested").SelectOptionAsync("not_applicable");
        await Kind(page, "protection-orders-issued").SelectOptionAsync("not_available");
        await Cell(page, "thb-cases-identified").FillAsync("0");
        await Cell(page, "thb-victims-identified").FillAsync("0");
        foreach (var key in new[] { "sex=female;age=adult", "sex=female;age=child", "sex=male;age=adult", "sex=male;age=child" })
        {
            await Cell(page, "thb-victims-identified", key).FillAsync("0");
        }
        await Cell(page, "thb-victims-referred").FillAsync("0");
    }
}
