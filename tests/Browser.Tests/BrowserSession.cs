using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace GenderArchitecture.Browser.Tests;

/// <summary>
/// One test's page: collects every console error and uncaught page error, signs in through the sign-in page,
/// and saves screenshots under the test results. <see cref="AssertNoConsoleErrorsAsync"/> fails the test on any
/// error, except the network log line the browser writes for an API answer the scenario provokes on purpose
/// (a 400 validation problem, say), which the test names with <see cref="ExpectApiStatus"/>.
/// </summary>
public sealed partial class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly string _testName;
    private readonly Func<string> _suiteLog;
    private readonly List<string> _errors = [];
    private readonly HashSet<int> _expectedStatuses = [];
    private int _shot;

    public BrowserSession(IBrowserContext context, IPage page, string testName, Func<string> suiteLog)
    {
        _context = context;
        Page = page;
        _testName = testName;
        _suiteLog = suiteLog;
        page.Console += (_, message) =>
        {
            if (message.Type == "error") lock (_errors) _errors.Add($"console: {message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => { lock (_errors) _errors.Add($"page error: {error}"); };
    }

    public IPage Page { get; }

    /// <summary>The scenario provokes this API status on purpose: the browser's network log line for it is not an error of the page.</summary>
    public void ExpectApiStatus(int status) => _expectedStatuses.Add(status);

    public static string ScreenshotFolder
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("GA_SCREENSHOTS");
            if (!string.IsNullOrEmpty(configured)) return configured;
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GenderArchitecture.sln"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "TestResults", "screenshots");
        }
    }

    /// <summary>Saves a full-page screenshot as TestResults/screenshots/&lt;test&gt;-&lt;n&gt;-&lt;step&gt;.png and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string step)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, $"{_testName}-{++_shot}-{step}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 0, $"The screenshot {path} is empty.");
        return path;
    }

    /// <summary>
    /// When GA_DOCS_SCREENSHOTS names a folder (the README's pictures: <c>GA_DOCS_SCREENSHOTS=$PWD/docs</c>), saves
    /// the viewport, or one element, there as &lt;name&gt;.png; otherwise does nothing.
    /// </summary>
    public async Task DocsScreenshotAsync(string name, ILocator? element = null)
    {
        var folder = Environment.GetEnvironmentVariable("GA_DOCS_SCREENSHOTS");
        if (string.IsNullOrEmpty(folder)) return;
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        if (element is null) await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        else await element.ScreenshotAsync(new LocatorScreenshotOptions { Path = path });
    }

    /// <summary>Signs in through the development sign-in page with a role and scope, landing on the role's page.</summary>
    public async Task SignInAsync(string role, string units = "", string? institution = null)
    {
        await Page.GotoAsync("index.html");
        // signin.js attaches the form's submit handler (and applies each role's default units) only after the
        // institutions have loaded: clicking earlier posts the bare form and reloads index.html.
        await Page.Locator("#dev-form select[name=institution] option:nth-child(2)").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Page.GetByLabel("Role").SelectOptionAsync(role);
        await Page.GetByLabel("Units in scope").FillAsync(units);
        if (institution is not null) await Page.GetByLabel("Institution").SelectOptionAsync(institution);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Page.WaitForURLAsync(url => !url.Contains("index.html"));
    }

    public async Task AssertNoConsoleErrorsAsync()
    {
        // Let late errors (a chart drawn after the last assertion) arrive.
        await Page.WaitForTimeoutAsync(300);
        string[] errors;
        lock (_errors) errors = _errors.Where(e => !IsExpected(e)).ToArray();
        Assert.True(errors.Length == 0, "The browser reported errors:\n" + string.Join("\n", errors));
    }

    private bool IsExpected(string error)
    {
        var match = NetworkStatus().Match(error);
        return match.Success && error.Contains("/api/") && _expectedStatuses.Contains(int.Parse(match.Groups[1].Value));
    }

    [GeneratedRegex(@"Failed to load resource: the server responded with a status of (\d{3})")]
    private static partial Regex NetworkStatus();

    public string SuiteLog => _suiteLog();

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
