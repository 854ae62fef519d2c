using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GenderArchitecture.TestSupport;

namespace GenderArchitecture.EndToEnd.Tests;

/// <summary>A suite of its own with a low read limit, so throttling can be shown without thousands of calls.</summary>
public sealed class AuditSuiteFixture : IAsyncLifetime
{
    public const int ReadsPerWindow = 6;
    public SuiteProcesses Suite { get; private set; } = null!;

    public HttpClient Client(string token) => IdempotencyKeyHandler.Client(Suite.GatewayAddress, token);

    public async Task InitializeAsync()
    {
        Suite = await SuiteProcesses.StartAsync(new()
        {
            ["RateLimiting:ReadsPerWindow"] = ReadsPerWindow.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimiting:Window"] = "00:10:00",
            // These tests are about the audit, not latency: generous deadlines, as the machine may be shared.
            ["Services:Training:Deadline"] = "00:00:20",
            ["Services:Reporting:Deadline"] = "00:00:20",
        });
        // The first aggregate of a fresh suite (JIT, caches, Structure lookups) can outlast the gateway's 5 s deadline
        // on a loaded machine; one warm-up read, as a throw-away oversight caller, keeps the tests about the audit.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var client = Client(TestTokens.For("oversight", subject: $"e2e-warm-up-{attempt}"));
            if ((await client.GetAsync(AuditTests.Aggregates)).IsSuccessStatusCode) return;
        }
    }

    public async Task DisposeAsync() => await Suite.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class AuditSuiteCollection : ICollectionFixture<AuditSuiteFixture>
{
    public const string Name = "audit-suite";
}

[Collection(AuditSuiteCollection.Name)]
public sealed class AuditTests(AuditSuiteFixture fixture)
{
    internal const string Aggregates = "/api/v1/reporting/aggregates?formId=station-monthly&elementId=dv-cases-reported&unitId=kp-region-prishtina&periodFrom=2025-01-01&periodTo=2025-06-01&grouping=month&level=region";

    private HttpClient As(string role, string subject, string? institution = null) =>
        fixture.Client(TestTokens.For(role, subject: subject, institution: institution));

    private HttpClient Oversight => As("oversight", "e2e-board-" + Guid.NewGuid().ToString("N")[..6]);

    private async Task<JsonElement[]> AuditOf(string actor) =>
        (await Oversight.GetFromJsonAsync<JsonElement>($"/api/v1/audit?actor={actor}&pageSize=500")).GetProperty("items").EnumerateArray().ToArray();

    [Fact]
    public async Task Exact_reads_raw_report_reads_and_changes_through_the_gateway_appear_in_the_merged_audit_with_who_role_what_when_and_from_where()
    {
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);
        var id = Guid.NewGuid().ToString("N")[..8];
        (await As("analyst", $"e2e-analyst-{id}").GetAsync(Aggregates)).EnsureSuccessStatusCode();
        (await As("administrator", $"e2e-admin-{id}").GetAsync("/api/v1/reporting/stations/kp-station-prishtina/reports")).EnsureSuccessStatusCode();
        (await As("training_officer", $"e2e-officer-{id}", institution: "kp").GetAsync("/api/v1/training/compliance?rootUnitId=kp-station-prishtina&onDate=2025-06-30")).EnsureSuccessStatusCode();
        (await As("administrator", $"e2e-admin-{id}").PostAsJsonAsync("/api/v1/units",
            new { id = $"e2e-audit-{id}", name = "Audited station", kind = "station", parentId = "kp-region-prishtina", openedOn = "2020-01-01" })).EnsureSuccessStatusCode();

        var analyst = Assert.Single(await AuditOf($"e2e-analyst-{id}"));
        var officer = Assert.Single(await AuditOf($"e2e-officer-{id}"));
        var admin = await AuditOf($"e2e-admin-{id}");

        Assert.Equal(("analyst", "exact_read", "aggregates", "reporting"), Fields(analyst));
        Assert.Equal(("training_officer", "exact_read", "compliance", "training"), Fields(officer));
        Assert.Contains("root=kp-station-prishtina", officer.GetProperty("description").GetString());
        Assert.Contains(admin, e => Fields(e) == ("administrator", "raw_report_read", "station/kp-station-prishtina/reports", "reporting"));
        Assert.Contains(admin, e => Fields(e) == ("administrator", "create", $"OrganisationUnit/e2e-audit-{id}", "structure"));
        foreach (var e in admin.Append(analyst).Append(officer))
        {
            Assert.Equal("127.0.0.1", e.GetProperty("clientAddress").GetString());
            Assert.InRange(e.GetProperty("occurredAt").GetDateTimeOffset(), started, DateTimeOffset.UtcNow.AddSeconds(1));
        }
        Assert.Contains("element=dv-cases-reported", analyst.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Oversight_sees_no_exact_figures_but_reads_the_audit_and_a_focal_point_may_not_read_it()
    {
        var board = Oversight;
        var aggregates = await board.GetFromJsonAsync<JsonElement>(Aggregates);
        var audit = await board.GetAsync("/api/v1/audit");
        var focalPoint = await As("focal_point", "e2e-fp-nosy").GetAsync("/api/v1/audit");
        var focalPointCsv = await As("focal_point", "e2e-fp-nosy").GetAsync("/api/v1/audit.csv");

        Assert.False(aggregates.GetProperty("exact").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, focalPoint.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, focalPointCsv.StatusCode);
        var refusals = await AuditOf("e2e-fp-nosy");
        Assert.Contains(refusals, e => e.GetProperty("action").GetString() == "permission_denied" && e.GetProperty("resource").GetString() == "GET /api/v1/audit");
    }

    [Fact]
    public async Task The_csv_export_holds_exactly_the_filtered_events()
    {
        var subject = "e2e-csv-" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 3; i++) (await As("analyst", subject).GetAsync(Aggregates)).EnsureSuccessStatusCode();
        var board = Oversight;

        var json = (await board.GetFromJsonAsync<JsonElement>($"/api/v1/audit?actor={subject}")).GetProperty("items").EnumerateArray().ToArray();
        var csv = await board.GetAsync($"/api/v1/audit.csv?actor={subject}&action=exact_read");
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv; charset=utf-8", csv.Content.Headers.ContentType?.ToString());
        Assert.Equal("occurred_at,service,actor,role,action,resource,description,client_address", lines[0]);
        Assert.Equal(3, json.Length);
        Assert.Equal(3, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.Contains($",reporting,{subject},analyst,exact_read,aggregates,", l));
    }

    [Fact]
    public async Task The_merged_audit_pages_newest_first_without_gaps_or_repeats()
    {
        var board = Oversight;
        var all = (await board.GetFromJsonAsync<JsonElement>("/api/v1/audit?pageSize=500&action=seed")).GetProperty("items").EnumerateArray().ToArray();
        var paged = new List<JsonElement>();
        string? pageToken = null;
        do
        {
            var page = await board.GetFromJsonAsync<JsonElement>($"/api/v1/audit?pageSize=2&action=seed{(pageToken is null ? "" : $"&pageToken={pageToken}")}");
            paged.AddRange(page.GetProperty("items").EnumerateArray());
            pageToken = page.GetProperty("nextPageToken").ValueKind == JsonValueKind.String ? page.GetProperty("nextPageToken").GetString() : null;
        } while (pageToken is not null);

        Assert.Equal(["reporting", "structure", "training"], all.Select(e => e.GetProperty("service").GetString()).Distinct().Order());
        Assert.Equal(all.Select(Key), paged.Select(Key));
        Assert.Equal(all.Select(e => e.GetProperty("occurredAt").GetDateTimeOffset()).OrderDescending(), all.Select(e => e.GetProperty("occurredAt").GetDateTimeOffset()));
        Assert.Equal(HttpStatusCode.BadRequest, (await board.GetAsync("/api/v1/audit?pageToken=garbage")).StatusCode);
    }

    [Fact]
    public async Task A_caller_over_the_read_limit_gets_429_and_an_unusual_volume_event_while_another_caller_is_unaffected()
    {
        var subject = "e2e-greedy-" + Guid.NewGuid().ToString("N")[..6];
        var greedy = As("oversight", subject);
        for (var i = 0; i < AuditSuiteFixture.ReadsPerWindow; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await greedy.GetAsync("/api/v1/reporting/completeness?formId=station-monthly&periodFrom=2025-01-01&periodTo=2025-03-01")).StatusCode);
        }

        var refused = await greedy.GetAsync(Aggregates);
        var refusedAgain = await greedy.GetAsync("/api/v1/dashboards/kp");
        var other = await As("oversight", subject + "-other").GetAsync(Aggregates);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedAgain.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains($"{AuditSuiteFixture.ReadsPerWindow} reads", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        // Reading the audit is not a statistics read: the throttled caller can still be shown its own event.
        var volume = Assert.Single(await AuditOf(subject), e => e.GetProperty("action").GetString() == "unusual_query_volume");
        Assert.Equal(("oversight", "127.0.0.1", "gateway"),
            (volume.GetProperty("role").GetString(), volume.GetProperty("clientAddress").GetString(), volume.GetProperty("service").GetString()));
        Assert.Contains($"{AuditSuiteFixture.ReadsPerWindow} served", volume.GetProperty("description").GetString());
    }

    private static (string?, string?, string?, string?) Fields(JsonElement e) =>
        (e.GetProperty("role").GetString(), e.GetProperty("action").GetString(), e.GetProperty("resource").GetString(), e.GetProperty("service").GetString());

    private static string Key(JsonElement e) => $"{e.GetProperty("service").GetString()}:{e.GetProperty("resource").GetString()}:{e.GetProperty("occurredAt").GetString()}:{e.GetProperty("description").GetString()}";
}
