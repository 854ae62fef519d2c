using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GenderArchitecture.Gateway.Auth;
using GenderArchitecture.Gateway.Hosting;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.TestSupport;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GenderArchitecture.Gateway.Tests;

/// <summary>
/// The write contract, generated from the gateway's own OpenAPI document: every write under /api/ without a usable
/// <c>Idempotency-Key</c> is a 400 naming the header and reaches no service (the services' address is a socket that
/// counts every connection), and the generated set is every write the gateway maps, less the listed exemptions.
/// These tests send and omit the key explicitly (a plain client, no helper that adds one).
/// </summary>
public sealed class WriteContractTests
{
    internal sealed record Operation(string Method, string Path, string Name, string ContentType);

    /// <summary>Every operation of the document under /api/, with the policy-table operation that guards it.</summary>
    internal static async Task<List<Operation>> OperationsAsync(HttpClient client)
    {
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        return document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => new Operation(o.Name.ToUpperInvariant(), p.Name,
                o.Value.TryGetProperty(RequireOperationExtensions.OpenApiExtension, out var x) ? x.GetString()! : "",
                // The media type the operation consumes (routing refuses another with 415 before anything else runs).
                o.Value.TryGetProperty("requestBody", out var body) ? body.GetProperty("content").EnumerateObject().First().Name : "application/json")))
            .ToList();
    }

    private static bool IsWrite(string method) => method is "POST" or "PUT" or "PATCH" or "DELETE";

    /// <summary>The writes the contract covers: every write of the document except the listed exemptions.</summary>
    internal static List<Operation> Generated(IEnumerable<Operation> operations) =>
        operations.Where(o => IsWrite(o.Method) && !IdempotencyKeys.Exempt.ContainsKey($"{o.Method} {o.Path}")).ToList();

    [Fact]
    public async Task Every_write_without_an_idempotency_key_is_400_naming_the_header_and_reaches_no_service()
    {
        using var services = new ConnectionCounter();
        await using var gateway = services.Gateway();
        var client = gateway.PlainClient();
        var writes = Generated(await OperationsAsync(client));
        var failures = new List<string>();

        foreach (var write in writes)
        {
            foreach (var (variant, key) in new[] { ("no key", (string?)null), ("an empty key", ""), ("a key of 101 characters", new string('k', 101)) })
            {
                using var request = Request(write, key);
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.BadRequest || !NamesTheHeader(body))
                {
                    failures.Add($"{write.Method} {write.Path} with {variant}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 160)]}");
                }
            }
        }

        Assert.True(writes.Count >= 40, $"only {writes.Count} writes generated");
        Assert.True(failures.Count == 0, $"{failures.Count} of {writes.Count * 3} requests were not refused for their key:\n" + string.Join("\n", failures));
        Assert.Equal(0, services.Connections);
    }

    [Fact]
    public async Task A_write_with_a_key_goes_past_the_contract_to_its_service()
    {
        using var services = new ConnectionCounter();
        await using var gateway = services.Gateway();
        var client = gateway.PlainClient();
        var write = Generated(await OperationsAsync(client)).First(o => o is { Method: "POST", Path: "/api/v1/units" });

        using var response = await client.SendAsync(Request(write, Guid.NewGuid().ToString()));

        Assert.False(NamesTheHeader(await response.Content.ReadAsStringAsync()));
        Assert.True(services.Connections > 0, $"the service saw no call ({(int)response.StatusCode})");
    }

    [Fact]
    public async Task The_generated_writes_are_every_write_the_gateway_maps_except_the_listed_exemptions()
    {
        await using var gateway = new GatewayApp();
        var operations = await OperationsAsync(gateway.PlainClient());
        var documented = operations.Where(o => IsWrite(o.Method)).Select(o => $"{o.Method} {o.Path}").ToHashSet();
        var mapped = gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Where(IsWrite).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet();
        var generated = Generated(operations).Select(o => $"{o.Method} {o.Path}").ToHashSet();

        Assert.Empty(mapped.Except(documented).Order());
        Assert.Empty(documented.Except(generated).Except(IdempotencyKeys.Exempt.Keys).Order());
        // An exemption names a write that exists (a stale one would hide a renamed endpoint's gap) and has its reason.
        Assert.All(IdempotencyKeys.Exempt, e => Assert.True(documented.Contains(e.Key) && e.Value.Length > 20, e.Key));
        Assert.True(generated.Count >= 40, $"only {generated.Count} writes generated");
    }

    [Fact]
    public async Task The_document_declares_the_key_as_a_required_header_on_every_generated_write()
    {
        await using var gateway = new GatewayApp();
        var document = await gateway.PlainClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var generated = Generated(await OperationsAsync(gateway.PlainClient()));

        var undeclared = generated.Where(o => !document.GetProperty("paths").GetProperty(o.Path).GetProperty(o.Method.ToLowerInvariant())
                .TryGetProperty("parameters", out var parameters)
            || !parameters.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "Idempotency-Key" && p.GetProperty("in").GetString() == "header"
                && p.TryGetProperty("required", out var required) && required.GetBoolean()))
            .Select(o => $"{o.Method} {o.Path}");

        Assert.Empty(undeclared);
    }

    [Fact]
    public async Task The_pages_call_the_api_only_through_the_shared_fetch_helper()
    {
        await using var gateway = new GatewayApp();
        var webRoot = gateway.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>().WebRootPath;
        // api.js keys every write; oidc.js calls the identity provider's token endpoint (the sign-in protocol, not this API).
        var helpers = new[] { "api.js", "oidc.js" };

        var others = Directory.GetFiles(Path.Combine(webRoot, "js"), "*.js", SearchOption.AllDirectories)
            .Where(f => !helpers.Contains(Path.GetFileName(f)) && Regex.IsMatch(File.ReadAllText(f), @"\b(fetch|XMLHttpRequest|sendBeacon)\b"))
            .Select(Path.GetFileName);

        Assert.Empty(others);
    }

    private static HttpRequestMessage Request(Operation write, string? key)
    {
        var path = string.Join('/', write.Path.Split('/').Select(Fill));
        var request = new HttpRequestMessage(new HttpMethod(write.Method), path) { Content = new StringContent("{}", Encoding.UTF8, write.ContentType) };
        if (Token(write.Name) is { } token) request.Headers.Authorization = new("Bearer", token);
        if (key is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return request;
    }

    /// <summary>A value for a path segment: dates where the name says date (checked by the gateway), anything else otherwise.</summary>
    private static string Fill(string segment)
    {
        if (!segment.StartsWith('{')) return segment;
        var name = segment.Trim('{', '}');
        return DateParameters.IsDateName(name) ? "2024-01-01" : $"contract-{name}";
    }

    /// <summary>A token of a role the operation allows, with a scope (the services would check it; none is called here).</summary>
    private static string? Token(string operation)
    {
        var policy = SuitePolicies.For(operation);
        if (policy.Anonymous) return null;
        var role = policy.Roles.First();
        return TestTokens.For(role, units: role is SuiteRoles.FocalPoint or SuiteRoles.Reviewer ? ["kp-station-prishtina"] : null,
            institution: role == SuiteRoles.TrainingOfficer ? "kp" : null, subject: "contract-" + Guid.NewGuid().ToString("N")[..8]);
    }

    private static bool NamesTheHeader(string body)
    {
        if (body.Length == 0) return false;
        using var problem = JsonDocument.Parse(body);
        return problem.RootElement.TryGetProperty("errors", out var errors) && errors.TryGetProperty("Idempotency-Key", out _)
            && problem.RootElement.GetProperty("detail").GetString()!.Contains("Idempotency-Key", StringComparison.Ordinal);
    }

    /// <summary>Stands where the services would be: counts every connection made to it and closes it at once.</summary>
    private sealed class ConnectionCounter : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private int _connections;

        public ConnectionCounter()
        {
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (true)
                {
                    try
                    {
                        using var socket = await _listener.AcceptSocketAsync();
                        Interlocked.Increment(ref _connections);
                    }
                    catch (Exception e) when (e is SocketException or ObjectDisposedException)
                    {
                        return;
                    }
                }
            });
        }

        public int Connections => Volatile.Read(ref _connections);

        public GatewayApp Gateway()
        {
            var address = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
            return new GatewayApp(settings: new()
            {
                ["Services:Structure:Address"] = address,
                ["Services:Training:Address"] = address,
                ["Services:Reporting:Address"] = address,
                // Hundreds of writes from few callers: the per-caller limit is tested on its own.
                ["RateLimiting:WritesPerWindow"] = "1000000",
            });
        }

        public void Dispose() => _listener.Stop();
    }
}
