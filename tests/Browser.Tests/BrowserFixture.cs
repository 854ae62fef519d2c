using GenderArchitecture.TestSupport;
using Microsoft.Playwright;

namespace GenderArchitecture.Browser.Tests;

/// <summary>
/// The whole suite as real processes plus one headless Chromium (Debian's, never a downloaded one), shared by the
/// browser tests of the collection. Each test opens its own browser context, so sessions do not leak.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private IPlaywright? _playwright;

    public SuiteProcesses Suite { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>
    /// Generous deadlines: the browser tests prove what the pages do, not latency, and run on small shared CI
    /// machines where a cold service can take seconds (the resilience tests live in EndToEnd.Tests).
    /// </summary>
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Services:Structure:Deadline"] = "00:00:20",
        ["Services:Training:Deadline"] = "00:00:20",
        ["Services:Reporting:Deadline"] = "00:00:20",
        ["Dashboards:Deadline"] = "00:00:30",
    };

    /// <summary>Whether the suite runs its identity service and trusts its tokens (the sign-in tests' fixture).</summary>
    protected virtual bool WithIdentity => false;

    public async Task InitializeAsync()
    {
        // The same patience for an assertion as for an action (Playwright's 5 s default is short on a busy 2-core machine).
        Assertions.SetDefaultExpectTimeout(20_000);
        Suite = await SuiteProcesses.StartAsync(Settings, identity: WithIdentity);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("GA_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>An HTTP client of the gateway, for arranging data the scenario starts from.</summary>
    public HttpClient Api(string token)
    {
        return IdempotencyKeyHandler.Client(Suite.GatewayAddress, token);
    }

    /// <summary>A fresh browser context and page for one test, watching the console for errors.</summary>
    public async Task<BrowserSession> OpenAsync(string testName, int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Suite.GatewayAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page, testName, () => Suite.Log);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (Suite is not null) await Suite.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>The suite with its identity service: people sign in with their own accounts, as in a deployment.</summary>
public sealed class IdentityBrowserFixture : BrowserFixture
{
    protected override bool WithIdentity => true;
}

[CollectionDefinition(Name)]
public sealed class IdentityBrowserCollection : ICollectionFixture<IdentityBrowserFixture>
{
    public const string Name = "browser-identity";
}
