using System.Net;
using System.Net.Http.Json;
using System.Text;
using GenderArchitecture.TestSupport;

namespace GenderArchitecture.EndToEnd.Tests;

/// <summary>
/// Who may do what, cell by cell: every role (in and out of its scope) against the endpoints of each area,
/// through the gateway to the real services. "Allowed" means the request passed authorisation (its answer is
/// neither 401 nor 403, nor 404, nor a server error); "Forbidden" is 403; "Unauthenticated" is 401; "NotFound" is
/// 404, what an id outside the caller's scope answers (as an unknown one would).
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class AuthorizationMatrixTests(SuiteFixture fixture)
{
    public enum Outcome { Allowed, Forbidden, Unauthenticated, NotFound }

    /// <summary>The callers of the table: a role with a scope, or nobody.</summary>
    public static readonly Dictionary<string, string?> Callers = new()
    {
        ["anonymous"] = null,
        ["focal point of Prishtina station"] = TestTokens.For("focal_point", units: ["kp-station-prishtina"]),
        ["focal point of Peja station"] = TestTokens.For("focal_point", units: ["kp-station-peja"]),
        ["reviewer of Prishtina region"] = TestTokens.For("reviewer", units: ["kp-region-prishtina"]),
        ["reviewer of Peja region"] = TestTokens.For("reviewer", units: ["kp-region-peja"]),
        ["training officer of KP"] = TestTokens.For("training_officer", institution: "kp"),
        ["training officer of KPC"] = TestTokens.For("training_officer", institution: "kpc"),
        ["oversight"] = TestTokens.For("oversight"),
        ["analyst"] = TestTokens.For("analyst"),
        ["administrator"] = TestTokens.For("administrator"),
    };

    private sealed record Endpoint(string Name, HttpMethod Method, string Path, Func<string>? Body = null, bool NeedsIdempotencyKey = false);

    private static readonly Endpoint[] Endpoints =
    [
        new("list institutions", HttpMethod.Get, "/api/v1/institutions"),
        new("read a station", HttpMethod.Get, "/api/v1/units/kp-station-prishtina"),
        new("read KP composition", HttpMethod.Get, "/api/v1/units/kp/composition?on=2025-06-30"),
        new("create a unit", HttpMethod.Post, "/api/v1/units",
            () => $$"""{"id":"{{"matrix-" + Guid.NewGuid().ToString("N")[..16]}}","name":"Matrix test unit","kind":"unit","parentId":"kp","openedOn":"2024-01-01"}"""),
        new("read Prishtina station's reports", HttpMethod.Get, "/api/v1/reporting/stations/kp-station-prishtina/reports"),
        new("save a Prishtina draft", HttpMethod.Put, "/api/v1/reporting/stations/kp-station-prishtina/reports/station-monthly/2020-01-01",
            () => """{"values":[{"elementId":"dv-cases-reported","state":"number","number":3}]}""", NeedsIdempotencyKey: true),
        new("read the review queue", HttpMethod.Get, "/api/v1/reporting/review-queue"),
        new("read Prishtina region completeness", HttpMethod.Get, "/api/v1/reporting/completeness?formId=station-monthly&unitId=kp-region-prishtina&periodFrom=2025-01-01&periodTo=2025-06-01"),
        new("read national aggregates", HttpMethod.Get, "/api/v1/reporting/aggregates?formId=station-monthly&elementId=dv-cases-reported&periodFrom=2025-01-01&periodTo=2025-06-01&grouping=month&level=total"),
        new("open a lock exception", HttpMethod.Post, "/api/v1/reporting/lock-exceptions",
            () => $$"""{"stationId":"kp-station-prishtina","reason":"matrix test","formId":"station-monthly","periodFrom":"2020-01-01","endsOn":"{{DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30):yyyy-MM-dd}}"}""", NeedsIdempotencyKey: true),
        new("read KP training compliance", HttpMethod.Get, "/api/v1/training/compliance?rootUnitId=kp&onDate=2025-06-30"),
        new("list KP officers due for recertification", HttpMethod.Get, "/api/v1/training/work-lists/due-for-recertification?institutionId=kp"),
        new("read the KP dashboard", HttpMethod.Get, "/api/v1/dashboards/kp?from=2025-01-01&to=2025-03-31"),
        new("verify a certificate", HttpMethod.Get, "/api/v1/certificates/verify/NO-SUCH-CODE"),
        new("read Peja station's personnel", HttpMethod.Get, "/api/v1/units/kp-station-peja/personnel"),
        new("read a KP officer's record", HttpMethod.Get, "/api/v1/personnel/" + KpPerson),
        new("read Peja station's focal points", HttpMethod.Get, "/api/v1/units/kp-station-peja/focal-points"),
        new("read a gender body", HttpMethod.Get, "/api/v1/bodies/kp-advisory-board"),
        new("read a gender body's meetings", HttpMethod.Get, "/api/v1/bodies/kp-advisory-board/meetings"),
        new("list role assignments", HttpMethod.Get, "/api/v1/role-assignments"),
        new("read a KP officer's scopes", HttpMethod.Get, "/api/v1/personnel/" + KpPerson + "/scopes"),
    ];

    /// <summary>Stands for the id of a person of the seeded KP register, looked up (as an administrator) when first needed.</summary>
    private const string KpPerson = "{kp-person}";
    private static string? _kpPersonId;

    private const Outcome A = Outcome.Allowed, F = Outcome.Forbidden, U = Outcome.Unauthenticated, N = Outcome.NotFound;

    /// <summary>
    /// The table. Columns follow <see cref="Callers"/>: anonymous, fp Prishtina, fp Peja, reviewer Prishtina,
    /// reviewer Peja, training officer KP, training officer KPC, oversight, analyst, administrator.
    /// </summary>
    private static readonly Dictionary<string, Outcome[]> Table = new()
    {
        ["list institutions"] =                   [A, A, A, A, A, A, A, A, A, A],
        ["read a station"] =                      [U, A, A, A, A, A, A, A, A, A],
        ["read KP composition"] =                 [U, A, A, A, A, A, A, A, A, A],
        ["create a unit"] =                       [U, F, F, F, F, F, F, F, F, A],
        ["read Prishtina station's reports"] =    [U, A, F, A, F, F, F, F, F, A],
        ["save a Prishtina draft"] =              [U, A, F, F, F, F, F, F, F, F],
        ["read the review queue"] =               [U, F, F, A, A, F, F, F, F, F],
        ["read Prishtina region completeness"] =  [U, F, F, A, F, F, F, A, A, A],
        ["read national aggregates"] =            [U, F, F, F, F, F, F, A, A, A],
        ["open a lock exception"] =               [U, F, F, F, F, F, F, F, F, A],
        ["read KP training compliance"] =         [U, F, F, F, F, A, F, A, A, A],
        ["list KP officers due for recertification"] = [U, F, F, F, F, A, F, F, F, A],
        ["read the KP dashboard"] =               [U, F, F, F, F, F, F, A, A, A],
        ["verify a certificate"] =                [A, A, A, A, A, A, A, A, A, A],
        // Personnel: administrators; training officers of the person's institution (without community); nobody else.
        ["read Peja station's personnel"] =       [U, F, F, F, F, A, N, F, F, A],
        ["read a KP officer's record"] =          [U, F, F, F, F, A, N, F, F, A],
        ["read Peja station's focal points"] =    [U, F, F, F, F, F, F, F, F, A],
        ["read a gender body"] =                  [U, A, A, A, A, A, A, A, A, A],
        ["read a gender body's meetings"] =       [U, F, F, F, F, F, F, F, F, A],
        ["list role assignments"] =               [U, F, F, F, F, F, F, F, F, A],
        ["read a KP officer's scopes"] =          [U, F, F, F, F, F, F, F, F, A],
    };

    public static TheoryData<string, string, Outcome> Cells()
    {
        var data = new TheoryData<string, string, Outcome>();
        var callers = Callers.Keys.ToArray();
        foreach (var (endpoint, row) in Table)
        {
            for (var i = 0; i < callers.Length; i++) data.Add(endpoint, callers[i], row[i]);
        }
        return data;
    }

    [Fact]
    public void The_table_covers_every_endpoint_and_caller()
    {
        Assert.Equal(Endpoints.Select(e => e.Name).Order(), Table.Keys.Order());
        Assert.All(Table.Values, row => Assert.Equal(Callers.Count, row.Length));
    }

    [Theory, MemberData(nameof(Cells))]
    public async Task Each_role_gets_exactly_what_its_scope_allows(string endpointName, string caller, Outcome expected)
    {
        var endpoint = Endpoints.Single(e => e.Name == endpointName);
        var path = endpoint.Path.Contains(KpPerson, StringComparison.Ordinal) ? endpoint.Path.Replace(KpPerson, await KpPersonIdAsync()) : endpoint.Path;
        using var request = new HttpRequestMessage(endpoint.Method, path);
        if (endpoint.Body is not null) request.Content = new StringContent(endpoint.Body(), Encoding.UTF8, "application/json");
        if (endpoint.NeedsIdempotencyKey) request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        var response = await fixture.Client(Callers[caller]).SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        var because = $"{caller} -> {endpoint.Method} {endpoint.Path}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}";
        switch (expected)
        {
            case Outcome.Forbidden:
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, because);
                break;
            case Outcome.Unauthenticated:
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, because);
                break;
            case Outcome.NotFound:
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, because);
                break;
            default:
                Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound) && (int)response.StatusCode < 500, because);
                break;
        }
    }

    [Fact]
    public async Task Another_institutions_officer_and_an_unknown_id_answer_the_same_404_and_only_administrators_see_community()
    {
        var kpPerson = await KpPersonIdAsync();
        var unknown = Guid.NewGuid().ToString();
        var kpc = fixture.Client(Callers["training officer of KPC"]);

        var outOfScope = await kpc.GetAsync($"/api/v1/personnel/{kpPerson}");
        var missing = await kpc.GetAsync($"/api/v1/personnel/{unknown}");
        var byTrainingOfficer = await fixture.Client(Callers["training officer of KP"]).GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/personnel/{kpPerson}");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (outOfScope.StatusCode, missing.StatusCode));
        var (a, b) = (await outOfScope.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(), await missing.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>());
        Assert.Equal((b.GetProperty("title").GetString(), b.GetProperty("detail").GetString()!.Replace(unknown, kpPerson)),
            (a.GetProperty("title").GetString(), a.GetProperty("detail").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, byTrainingOfficer.GetProperty("community").ValueKind);
    }

    private async Task<string> KpPersonIdAsync()
    {
        if (_kpPersonId is not null) return _kpPersonId;
        var page = await fixture.Client(Callers["administrator"]).GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/units/kp-station-peja/personnel?pageSize=1");
        return _kpPersonId = page.GetProperty("items")[0].GetProperty("id").GetString()!;
    }
}
