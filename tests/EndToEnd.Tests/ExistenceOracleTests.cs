using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.TestSupport;

namespace GenderArchitecture.EndToEnd.Tests;

/// <summary>
/// No existence oracle: on every route that names a record by id, a caller whose scope does not reach the record hears
/// exactly what it hears about an id that does not exist (404, same body, no other unit named), and community is shown
/// to administrators only. Who may call what is proved cell by cell by <see cref="GeneratedAuthorizationMatrixTests"/>.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class ExistenceOracleTests(SuiteFixture fixture)
{
    /// <summary>Callers whose scope misses the samples' records (Prishtina station and region, KP).</summary>
    private static readonly (string Role, string Subject, string Token)[] OutOfScope =
    [
        (SuiteRoles.FocalPoint, "oracle-fp-peja", TestTokens.For(SuiteRoles.FocalPoint, units: ["kp-station-peja"], subject: "oracle-fp-peja")),
        (SuiteRoles.Reviewer, "oracle-rv-peja", TestTokens.For(SuiteRoles.Reviewer, units: ["kp-region-peja"], subject: "oracle-rv-peja")),
        (SuiteRoles.TrainingOfficer, "oracle-to-kpc", TestTokens.For(SuiteRoles.TrainingOfficer, institution: "kpc", subject: "oracle-to-kpc")),
    ];

    /// <summary>
    /// Scoped routes with an id whose record every caller may read anyway, so refusing to change it hides nothing and
    /// stays 403 (see docs/decisions/0003-one-policy-table.md).
    /// </summary>
    private static readonly Dictionary<string, string> VisibleRecords = new()
    {
        ["PUT /api/v1/training/curricula/{id}"] = "every signed-in role reads curricula (training.curricula.read)",
    };

    private static bool Narrows(OperationPolicy policy, string role) => policy.Scope switch
    {
        ScopeRule.Units => role is SuiteRoles.FocalPoint or SuiteRoles.Reviewer,
        ScopeRule.Institution => role is SuiteRoles.TrainingOfficer,
        _ => false,
    };

    private async Task<List<GeneratedAuthorizationMatrixTests.Route>> ByIdRoutesAsync() =>
        (await GeneratedAuthorizationMatrixTests.PublishedRoutesAsync(fixture))
            .Where(r => r.Path.Contains("{id}", StringComparison.Ordinal) && SuitePolicies.All.TryGetValue(r.Operation, out var p) && p.Scope != ScopeRule.None)
            .OrderBy(r => r.Path, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal).ToList();

    [Fact]
    public async Task The_scoped_by_id_routes_are_the_ones_the_gateway_publishes()
    {
        var routes = (await ByIdRoutesAsync()).Select(r => $"{r.Method} {r.Path}").ToList();

        Assert.Empty(VisibleRecords.Keys.Except(routes));
        // The reads and actions on reports, sessions, certificates and personnel: a list that lost one would hide the route.
        Assert.True(routes.Count - VisibleRecords.Count >= 17, $"only {routes.Count} scoped by-id routes:\n" + string.Join("\n", routes));
    }

    [Fact]
    public async Task An_out_of_scope_caller_hears_about_a_real_id_exactly_what_it_hears_about_an_unknown_one()
    {
        var failures = new List<string>();
        var checkedCells = 0;
        var arrange = new MatrixArrange(fixture);
        foreach (var route in await ByIdRoutesAsync())
        {
            var key = $"{route.Method} {route.Path}";
            if (VisibleRecords.ContainsKey(key)) continue;
            var policy = SuitePolicies.For(route.Operation);
            var callers = OutOfScope.Where(c => policy.Roles.Contains(c.Role) && Narrows(policy, c.Role)).ToList();
            if (callers.Count == 0) continue;

            using var real = await MatrixSamples.All[key].Create(arrange);
            var realId = IdOf(route.Path, real.RequestUri!);
            var unknownId = Guid.NewGuid().ToString();
            foreach (var (role, subject, token) in callers)
            {
                checkedCells++;
                var client = fixture.Client(token);
                var audited = await AuditOfAsync(subject);
                using var outOfScope = await client.SendAsync(await CopyAsync(real, realId, realId));
                var afterOutOfScope = await AuditOfAsync(subject);
                using var missing = await client.SendAsync(await CopyAsync(real, realId, unknownId));
                var afterMissing = await AuditOfAsync(subject);
                // The same work behind both answers: each wrote one event in the same service's audit, so neither takes longer.
                var (hiddenWork, missingWork) = (Newest(afterOutOfScope, audited), Newest(afterMissing, afterOutOfScope));
                if (hiddenWork.Count != 1 || missingWork.Count != 1 || hiddenWork[0] != (missingWork[0].Service, "permission_denied")
                    || missingWork[0].Action != "not_found")
                {
                    failures.Add($"{key} as {role}: the real id was recorded as [{string.Join(", ", hiddenWork)}], the unknown one as [{string.Join(", ", missingWork)}]");
                }
                var (a, b) = (await outOfScope.Content.ReadAsStringAsync(), await missing.Content.ReadAsStringAsync());
                var (seen, unknown) = (Normalise(a), Normalise(b.Replace(unknownId, realId, StringComparison.Ordinal)));
                if (outOfScope.StatusCode != HttpStatusCode.NotFound || missing.StatusCode != HttpStatusCode.NotFound || seen != unknown)
                {
                    failures.Add($"{key} as {role}: real id {(int)outOfScope.StatusCode} {seen}\n    unknown id {(int)missing.StatusCode} {unknown}");
                }
                else if (seen.Replace(realId, "", StringComparison.Ordinal).Contains("prishtina", StringComparison.OrdinalIgnoreCase))
                {
                    failures.Add($"{key} as {role}: the refusal names the record's unit: {seen}");
                }
            }
        }

        Assert.True(checkedCells >= 17, $"only {checkedCells} cells checked");
        Assert.True(failures.Count == 0, $"{failures.Count} of {checkedCells} cells tell a real id from an unknown one:\n" + string.Join("\n", failures));
    }

    /// <summary>The (service, action) of every event of the caller in the suite's audit, newest first.</summary>
    private async Task<List<(string Service, string Action)>> AuditOfAsync(string subject)
    {
        var oversight = fixture.Client(TestTokens.For(SuiteRoles.Oversight));
        var events = new List<(string Service, string Action)>();
        string? pageToken = null;
        do
        {
            var page = await oversight.GetFromJsonAsync<JsonElement>($"/api/v1/audit?actor={subject}&pageSize=500"
                + (pageToken is null ? "" : $"&pageToken={Uri.EscapeDataString(pageToken)}"));
            events.AddRange(page.GetProperty("items").EnumerateArray()
                .Select(e => (e.GetProperty("service").GetString()!, e.GetProperty("action").GetString()!)));
            pageToken = page.TryGetProperty("nextPageToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (pageToken is not null);
        return events;
    }

    /// <summary>The events of <paramref name="after"/> that <paramref name="before"/> did not have yet (both newest first).</summary>
    private static List<(string Service, string Action)> Newest(List<(string Service, string Action)> after, List<(string Service, string Action)> before) =>
        after.Take(after.Count - before.Count).ToList();

    /// <summary>The value in the request's path where the route has <c>{id}</c>.</summary>
    private static string IdOf(string template, Uri uri)
    {
        var position = Array.IndexOf(template.Split('/'), "{id}");
        return Uri.UnescapeDataString(uri.OriginalString.Split('?')[0].Split('/')[position]);
    }

    /// <summary>The same request (headers and body, a fresh idempotency key) with <paramref name="id"/> in place of the real one.</summary>
    private static async Task<HttpRequestMessage> CopyAsync(HttpRequestMessage request, string realId, string id)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri!.OriginalString.Replace(realId, id, StringComparison.Ordinal));
        foreach (var header in request.Headers.Where(h => h.Key != "Idempotency-Key")) copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        copy.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        if (request.Content is { } content)
        {
            copy.Content = new StringContent(await content.ReadAsStringAsync(), System.Text.Encoding.UTF8, content.Headers.ContentType?.MediaType ?? "application/json");
        }
        return copy;
    }

    /// <summary>The body without its per-request trace id.</summary>
    private static string Normalise(string body)
    {
        if (body.Length == 0 || JsonNode.Parse(body) is not JsonObject problem) return body;
        problem.Remove("traceId");
        return problem.ToJsonString();
    }

    [Fact]
    public async Task Another_institutions_officer_and_an_unknown_id_answer_the_same_404_and_only_administrators_see_community()
    {
        var page = await fixture.Client(TestTokens.For("administrator")).GetFromJsonAsync<JsonElement>("/api/v1/units/kp-station-peja/personnel?pageSize=1");
        var kpPerson = page.GetProperty("items")[0].GetProperty("id").GetString()!;
        var unknown = Guid.NewGuid().ToString();
        var kpc = fixture.Client(TestTokens.For("training_officer", institution: "kpc"));

        var outOfScope = await kpc.GetAsync($"/api/v1/personnel/{kpPerson}");
        var missing = await kpc.GetAsync($"/api/v1/personnel/{unknown}");
        var byTrainingOfficer = await fixture.Client(TestTokens.For("training_officer", institution: "kp")).GetFromJsonAsync<JsonElement>($"/api/v1/personnel/{kpPerson}");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (outOfScope.StatusCode, missing.StatusCode));
        var (a, b) = (await outOfScope.Content.ReadFromJsonAsync<JsonElement>(), await missing.Content.ReadFromJsonAsync<JsonElement>());
        Assert.Equal((b.GetProperty("title").GetString(), b.GetProperty("detail").GetString()!.Replace(unknown, kpPerson)),
            (a.GetProperty("title").GetString(), a.GetProperty("detail").GetString()));
        Assert.Equal(JsonValueKind.Null, byTrainingOfficer.GetProperty("community").ValueKind);
    }
}
