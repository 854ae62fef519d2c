using GenderArchitecture.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GenderArchitecture.Gateway.Tests;

/// <summary>The gateway in-process, with its downstream services pointed at a port where nothing listens.</summary>
public sealed class GatewayApp(string environment = "Development", Dictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>A client whose writes carry a fresh Idempotency-Key unless the test sets one (the contract's own tests use <see cref="PlainClient"/>).</summary>
    public new HttpClient CreateClient() => CreateDefaultClient(new IdempotencyKeyHandler());

    /// <summary>A client that sends exactly the headers the test gives.</summary>
    public HttpClient PlainClient() => base.CreateClient();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        // UseSetting: Program.cs reads these while building, before app-configuration callbacks would apply.
        var all = new Dictionary<string, string?>
        {
            ["Services:Structure:Address"] = "http://127.0.0.1:9",
            ["Services:Training:Address"] = "http://127.0.0.1:9",
            ["Services:Reporting:Address"] = "http://127.0.0.1:9",
        };
        foreach (var (k, v) in settings ?? []) all[k] = v;
        foreach (var (k, v) in all) builder.UseSetting(k, v);
    }
}
