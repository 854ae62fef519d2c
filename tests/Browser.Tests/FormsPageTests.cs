using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
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
        var publish = page.GetByRole(AriaRole.Form, new() { Name = "Publish a new version" });
        var editor = publish.GetByLabel("Elements, categories and rules (JSON)");
        // The page opened on the first form of the list: wait until the chosen form is the one shown.
        await Expect(editor).ToHaveValueAsync(new Regex("dv-cases-reported"));
        await Expect(page.Locator("#versions table")).ToContainTextAsync("the first period");
        var definition = JsonNode.Parse(await editor.InputValueAsync())!;
        // As a person edits it: indented, quotes and comparison signs as typed.
        var asTyped = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var valid = definition.ToJsonString(asTyped);
        definition["rules"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "withdrawn-within-reported", ["description"] = "Withdrawn cases cannot exceed reported cases",
            ["left"] = new JsonArray("dv-cases-withdrawn"), ["operator"] = "<=", ["right"] = new JsonArray("dv-cases-reported"),
        });
        await publish.GetByLabel("Applies from").FillAsync("2097-01-01");
        await editor.FillAsync(definition.ToJsonString(asTyped));
        await publish.GetByRole(AriaRole.Button, new() { Name = "Publish version" }).ClickAsync();

        await Expect(editor).ToHaveAttributeAsync("aria-invalid", "true");
        var describedBy = (await editor.GetAttributeAsync("aria-describedby"))!.Split(' ');
        await Expect(page.Locator($"#{describedBy.Last()}")).ToContainTextAsync("rules[withdrawn-within-reported].left[0]: names the unknown element 'dv-cases-withdrawn'");
        await session.ScreenshotAsync("unknown-element");
        await Expect(publish.Locator(".problem")).ToHaveTextAsync("Nothing was published: the definition needs attention, see the messages under the editor.");
        await session.DocsScreenshotAsync("forms-rule-refused", page.Locator("#publish"));

        await editor.FillAsync(valid);
        await publish.GetByRole(AriaRole.Button, new() { Name = "Publish version" }).ClickAsync();
        await Expect(page.Locator("[role=status].success")).ToContainTextAsync("Version 2 published; it applies from 2097-01-01.");
        await Expect(page.Locator("#versions table tbody tr").First).ToContainTextAsync("2097-01-01");
        await session.ScreenshotAsync("version-published");
        await session.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task A_late_answer_for_the_form_shown_first_never_replaces_the_form_chosen_after_it()
    {
        await using var session = await fixture.OpenAsync(nameof(A_late_answer_for_the_form_shown_first_never_replaces_the_form_chosen_after_it));
        var page = session.Page;
        await session.SignInAsync("administrator");
        // The page opens on the first form of the list; its versions answer only when the test lets them, after the
        // versions of the form chosen next.
        var firstAsked = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync(new Regex("/api/v1/reporting/forms/[^/]+/versions$"), async route =>
        {
            if (route.Request.Method == "GET" && firstAsked.TrySetResult(route.Request.Url)) await release.Task;
            await route.ContinueAsync();
        });
        await page.GetByRole(AriaRole.Link, new() { Name = "Forms and rules: versions and publishing" }).ClickAsync();
        var held = await firstAsked.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var (chosenNext, elementOfNext, elementOfFirst) = held.Contains("/court-quarterly/")
            ? ("station-monthly", "dv-cases-reported", "dv-cases-received")
            : ("court-quarterly", "dv-cases-received", "dv-cases-reported");
        var formChoice = page.GetByLabel("Form", new() { Exact = true });
        await formChoice.SelectOptionAsync(chosenNext);
        var editor = page.GetByRole(AriaRole.Form, new() { Name = "Publish a new version" }).GetByLabel("Elements, categories and rules (JSON)");
        await Expect(editor).ToHaveValueAsync(new Regex(elementOfNext));

        var late = page.WaitForResponseAsync(r => r.Url == held);
        release.SetResult();
        await late;
        await page.WaitForTimeoutAsync(1_000); // time for the page to read and (wrongly) show the late answer

        Assert.Equal(chosenNext, await formChoice.InputValueAsync());
        var shown = await editor.InputValueAsync();
        Assert.Contains(elementOfNext, shown);
        Assert.DoesNotContain(elementOfFirst, shown);
        await session.AssertNoConsoleErrorsAsync();
    }
}
