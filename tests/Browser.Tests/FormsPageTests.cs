using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GenderArchitecture.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class FormsPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_administrator_sees_a_rule_naming_an_unknown_element_refused_under_the_editor_then_publishes_a_version()
    {
        await using var session = await fixture.OpenAsync(nameof(An_administrator_sees_a_rule_naming_an_unknown_element_refused_under_the_editor_then_publishes_a_version));
        session.ExpectApiStatus(400); // the unknown element the scenario provokes
        var page = session.Page;
        await session.SignInAsync("administrator");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forms and rules: versions and publishing" }).ClickAsync();
        await page.GetByLabel("Form", new() { Exact = true }).SelectOptionAsync("station-monthly");
        await Expect(page.Locator("#versions table")).ToContainTextAsync("the first period");

        var publish = page.GetByRole(AriaRole.Form, new() { Name = "Publish a new version" });
        var editor = publish.GetByLabel("Elements, categories and rules (JSON)");
        var definition = JsonNode.Parse(await editor.InputValueAsync())!;
        var valid = definition.ToJsonString();
        definition["rules"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "withdrawn-within-reported", ["description"] = "Withdrawn cases cannot exceed reported cases",
            ["left"] = new JsonArray("dv-cases-withdrawn"), ["operator"] = "<=", ["right"] = new JsonArray("dv-cases-reported"),
        });
        await publish.GetByLabel("Applies from").FillAsync("2097-01-01");
        await editor.FillAsync(definition.ToJsonString());
        await publish.GetByRole(AriaRole.Button, new() { Name = "Publish version" }).ClickAsync();

        await Expect(editor).ToHaveAttributeAsync("aria-invalid", "true");
        var describedBy = (await editor.GetAttributeAsync("aria-describedby"))!.Split(' ');
        await Expect(page.Locator($"#{describedBy.Last()}")).ToContainTextAsync("rules[withdrawn-within-reported].left[0]: names the unknown element 'dv-cases-withdrawn'");
        await session.ScreenshotAsync("unknown-element");

        await editor.FillAsync(valid);
        await publish.GetByRole(AriaRole.Button, new() { Name = "Publish version" }).ClickAsync();
        await Expect(page.Locator("[role=status].success")).ToContainTextAsync("Version 2 published; it applies from 2097-01-01.");
        await Expect(page.Locator("#versions table tbody tr").First).ToContainTextAsync("2097-01-01");
        await session.ScreenshotAsync("version-published");
        await session.AssertNoConsoleErrorsAsync();
    }
}
