using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.TestSupport;
using Xunit.Abstractions;

namespace GenderArchitecture.EndToEnd.Tests;

/// <summary>
/// The authorisation matrix generated from the policy table: every /api route the running gateway publishes (its OpenAPI
/// document names each route's operation) x every caller. The expected answer of a cell comes from the table alone:
/// anonymous 401 (unless the operation is public), a role the operation does not name 403, a role it names but whose
/// scope does not reach the request's unit or institution the sample's refusal (403, or 404 where a record out of scope
/// is hidden), and otherwise the sample's exact success status on state the sample arranged for that one cell. A route
/// without a sample, or a sample without a route, fails.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class GeneratedAuthorizationMatrixTests(SuiteFixture fixture, ITestOutputHelper output)
{
    private sealed record CallerSpec(string Name, string? Role, string? Token, bool InScope);

    /// <summary>Each role in the scope of the samples' targets (Prishtina station and region, KP), and out of it.</summary>
    private static readonly CallerSpec[] Callers =
    [
        new("anonymous", null, null, true),
        new("focal point of Prishtina station", SuiteRoles.FocalPoint, TestTokens.For(SuiteRoles.FocalPoint, units: ["kp-station-prishtina"], subject: "matrix-fp-prishtina"), true),
        new("focal point of Peja station", SuiteRoles.FocalPoint, TestTokens.For(SuiteRoles.FocalPoint, units: ["kp-station-peja"], subject: "matrix-fp-peja"), false),
        new("reviewer of Prishtina region", SuiteRoles.Reviewer, TestTokens.For(SuiteRoles.Reviewer, units: ["kp-region-prishtina"], subject: "matrix-rv-prishtina"), true),
        new("reviewer of Peja region", SuiteRoles.Reviewer, TestTokens.For(SuiteRoles.Reviewer, units: ["kp-region-peja"], subject: "matrix-rv-peja"), false),
        new("training officer of KP", SuiteRoles.TrainingOfficer, TestTokens.For(SuiteRoles.TrainingOfficer, institution: "kp", subject: "matrix-to-kp"), true),
        new("training officer of KPC", SuiteRoles.TrainingOfficer, TestTokens.For(SuiteRoles.TrainingOfficer, institution: "kpc", subject: "matrix-to-kpc"), false),
        new("oversight", SuiteRoles.Oversight, TestTokens.For(SuiteRoles.Oversight, subject: "matrix-oversight"), true),
        new("analyst", SuiteRoles.Analyst, TestTokens.For(SuiteRoles.Analyst, subject: "matrix-analyst"), true),
        new("administrator", SuiteRoles.Administrator, TestTokens.For(SuiteRoles.Administrator, subject: "matrix-admin"), true),
    ];

    internal sealed record Route(string Method, string Path, string Operation);

    private Task<List<Route>> PublishedRoutesAsync() => PublishedRoutesAsync(fixture);

    /// <summary>Every /api route the running gateway publishes, with the operation of the policy table that guards it.</summary>
    internal static async Task<List<Route>> PublishedRoutesAsync(SuiteFixture fixture)
    {
        var document = await fixture.Client().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var routes = new List<Route>();
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var name = operation.Value.TryGetProperty("x-suite-operation", out var x) ? x.GetString()! : "";
                routes.Add(new Route(operation.Name.ToUpperInvariant(), path.Name, name));
            }
        }
        return routes;
    }

    [Fact]
    public async Task Every_published_route_has_a_policy_and_a_sample_and_every_sample_a_route()
    {
        var routes = await PublishedRoutesAsync();
        var keys = routes.Select(r => $"{r.Method} {r.Path}").ToHashSet();

        Assert.Empty(routes.Where(r => !SuitePolicies.All.ContainsKey(r.Operation)).Select(r => $"{r.Method} {r.Path}: '{r.Operation}'"));
        Assert.Empty(keys.Except(MatrixSamples.All.Keys).Order());
        Assert.Empty(MatrixSamples.All.Keys.Except(keys).Order());
    }

    [Fact]
    public async Task Every_caller_gets_exactly_what_the_policy_table_gives_on_every_endpoint()
    {
        var routes = await PublishedRoutesAsync();
        var arrange = new MatrixArrange(fixture);
        var failures = new List<string>();
        int allowed = 0, refused = 0;
        foreach (var route in routes.OrderBy(r => r.Path, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal))
        {
            if (!MatrixSamples.All.TryGetValue($"{route.Method} {route.Path}", out var sample)) continue;
            var policy = SuitePolicies.For(route.Operation);
            var expectations = Callers.Select(caller => (Caller: caller, Expected: Expected(policy, sample, caller))).ToList();
            allowed += expectations.Count(e => e.Expected == sample.StatusFor(e.Caller.Role ?? ""));
            refused += expectations.Count(e => e.Expected != sample.StatusFor(e.Caller.Role ?? ""));
            // One cell at a time: a few of the list reads at once outlast the gateway's deadline on a loaded machine and open
            // the service's circuit breaker (503). Each cell still arranges its own state under fresh subjects.
            var results = new List<string?>();
            foreach (var (caller, expected) in expectations) results.Add(await CellAsync(route, sample, caller, expected, arrange));
            failures.AddRange(results.OfType<string>());
        }

        output.WriteLine($"{routes.Count} endpoints x {Callers.Length} callers = {routes.Count * Callers.Length} cells: {allowed} allowed, {refused} refused");
        Assert.True(failures.Count == 0, $"{failures.Count} cells differ:\n" + string.Join("\n", failures));
    }

    private async Task<string?> CellAsync(Route route, MatrixSample sample, CallerSpec caller, int expected, MatrixArrange arrange)
    {
        HttpRequestMessage request;
        try
        {
            request = await sample.Create(arrange);
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException)
        {
            return $"{route.Method} {route.Path} as {caller.Name}: {e.Message}";
        }
        using var _ = request;
        using var response = await fixture.Client(caller.Token).SendAsync(request);
        if ((int)response.StatusCode == expected) return null;
        var body = await response.Content.ReadAsStringAsync();
        return $"{route.Method} {route.Path} [{route.Operation}] as {caller.Name}: expected {expected}, got {(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}";
    }

    private static int Expected(OperationPolicy policy, MatrixSample sample, CallerSpec caller)
    {
        if (policy.Anonymous) return sample.Status;
        if (caller.Role is null) return 401;
        if (!policy.Roles.Contains(caller.Role)) return 403;
        var narrowed = policy.Scope switch
        {
            ScopeRule.Units => caller.Role is SuiteRoles.FocalPoint or SuiteRoles.Reviewer,
            ScopeRule.Institution => caller.Role is SuiteRoles.TrainingOfficer,
            _ => false,
        };
        return narrowed && !caller.InScope && sample.OutOfScope is { } refusal ? refusal : sample.StatusFor(caller.Role);
    }
}

/// <summary>A request to one route: the exact status an allowed caller gets, and what one out of scope gets (null: the request is not narrowed).</summary>
public sealed record MatrixSample(int Status, Func<MatrixArrange, Task<HttpRequestMessage>> Create, int? OutOfScope = null,
    IReadOnlyDictionary<string, int>? ByRole = null)
{
    public int StatusFor(string role) => ByRole is not null && ByRole.TryGetValue(role, out var s) ? s : Status;
}

/// <summary>Creates what a sample's request needs (as an administrator, through the gateway), fresh for each cell.</summary>
public sealed class MatrixArrange(SuiteFixture fixture)
{
    // A fresh administrator for each arranging call: the gateway limits writes per caller, and the matrix arranges hundreds.
    private HttpClient Admin => fixture.Client(AdminToken());

    public static string AdminToken() => TestTokens.For(SuiteRoles.Administrator, subject: Unique("matrix-arranger"));

    public SuiteFixture Fixture => fixture;
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public async Task<JsonElement> PostAsync(string path, object body, string? token = null)
    {
        using var request = Json(HttpMethod.Post, path, body);
        var client = token is null ? Admin : fixture.Client(token);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"arranging POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body = null, string? token = null)
    {
        using var request = body is null ? new HttpRequestMessage(method, path) : Json(method, path, body);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await (token is null ? Admin : fixture.Client(token)).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"arranging {method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static HttpRequestMessage Json(HttpMethod method, string path, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return request;
    }

    public async Task<string> UnitAsync() =>
        (await PostAsync("/api/v1/units", new { id = Unique("mx-unit"), name = "Matrix unit", kind = "unit", parentId = "kp", openedOn = "2024-01-01" })).GetProperty("id").GetString()!;

    public async Task<JsonElement> PersonAsync(string unitId = "kp-station-prishtina") =>
        await PostAsync("/api/v1/personnel", new
        {
            institutionId = "kp", serviceNumber = Unique("MX"), givenName = "Matrix", familyName = "Officer", sex = "female", rankCode = "officer",
            unitId, serviceStart = "2015-01-01",
        });

    public async Task<string> BodyAsync() =>
        (await PostAsync("/api/v1/bodies", new { id = Unique("mx-body"), name = "Matrix body", kind = "board", ownerUnitId = "kp", establishedOn = "2024-01-01", quorum = 1 }))
            .GetProperty("id").GetString()!;

    public async Task<string> PlanAsync() =>
        (await PostAsync("/api/v1/action-plans", new { id = Unique("mx-plan"), title = "Matrix plan", ownerUnitId = "kp", periodStart = "2024-01-01", periodEnd = "2026-12-31" }))
            .GetProperty("id").GetString()!;
}
