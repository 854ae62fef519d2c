using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GenderArchitecture.TestSupport;
using Xunit.Abstractions;

namespace GenderArchitecture.EndToEnd.Tests;

/// <summary>
/// Two replicas of every service and two gateways, each service's replicas on one PostgreSQL database, as a deployment
/// with replicas runs: conflicting writes raced through both gateways at once must leave the invariants whole - nothing
/// lost, nothing written twice - because they live in the database, not in any process's memory.
/// </summary>
public sealed class ReplicaRaceTests(ITestOutputHelper output)
{
    private const int Rounds = 4;
    private static readonly string Admin = TestTokens.For("administrator");
    private static readonly string[] Days = ["2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06", "2025-03-07"];

    [Fact]
    public async Task Conflicting_writes_through_two_gateways_on_replicas_keep_every_invariant()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var server = await PostgresServer.GetAsync();
        await using var structure = await server.CreateDatabaseAsync();
        await using var training = await server.CreateDatabaseAsync();
        await using var reporting = await server.CreateDatabaseAsync();
        await using var suite = await SuiteProcesses.StartReplicatedAsync(
            new Dictionary<string, string> { ["Structure"] = structure.ConnectionString, ["Training"] = training.ConnectionString, ["Reporting"] = reporting.ConnectionString },
            replicas: 2, settings: new() { ["Seeds:Demo"] = "false", ["RateLimiting:WritesPerWindow"] = "100000" });
        try
        {
            output.WriteLine($"Two replicas of each service and two gateways on PostgreSQL ({server.Origin}) started in {clock.Elapsed.TotalSeconds:0} s");
            clock.Restart();
            var a = new RetryingWriter(suite.GatewayAddresses[0]);
            var b = new RetryingWriter(suite.GatewayAddresses[1]);
            await OverlappingAppointmentsAsync(a, b);
            await SameSubmissionAsync(a, b);
            await SameExpectedVersionAsync(a, b);
            await SameCertificateAsync(a, b);
            output.WriteLine($"{a.Attempts + b.Attempts} requests through the two gateways in {clock.Elapsed.TotalSeconds:0} s, {a.Retries + b.Retries} retried after a 5xx/429");
        }
        catch
        {
            output.WriteLine(suite.Log);
            throw;
        }
    }

    /// <summary>Four officers appointed focal point of one station from the same day, two through each gateway: one wins.</summary>
    private async Task OverlappingAppointmentsAsync(RetryingWriter a, RetryingWriter b)
    {
        int won = 0, refused = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var station = await StationAsync(a, $"race-fp-{round}");
            var people = new List<string>();
            for (var i = 0; i < 4; i++) people.Add(Id(await PersonAsync(a, $"RACE-FP{round}-{i}")));
            var answers = await Task.WhenAll(people.Select((person, i) => (i % 2 == 0 ? a : b).AnswerAsync(Admin, HttpMethod.Post, "/api/v1/focal-points",
                Json(new { unitId = station, personId = person, startOn = "2025-01-01" }), Guid.NewGuid().ToString())));
            Assert.Single(answers, x => x.Status == HttpStatusCode.Created);
            // The losers break the one-focal-point rule, whether the handler's check or the exclusion constraint caught them.
            Assert.All(answers.Where(x => x.Status != HttpStatusCode.Created), x =>
            {
                Assert.Equal(HttpStatusCode.UnprocessableEntity, x.Status);
                Assert.Equal("FOCAL_POINT_OVERLAP", x.Body.GetProperty("violations")[0].GetProperty("type").GetString());
            });
            var held = (await a.GetAsync(Admin, $"/api/v1/units/{station}/focal-points")).GetProperty("items");
            Assert.Equal(Id(answers.Single(x => x.Status == HttpStatusCode.Created).Body), Id(Assert.Single(held.EnumerateArray())));
            won++;
            refused += answers.Length - 1;
        }
        output.WriteLine($"Focal points: {Rounds} stations, {Rounds * 4} overlapping appointments raced, {won} stored (one per station), {refused} refused (422 FOCAL_POINT_OVERLAP)");
    }

    /// <summary>One focal point saves and submits a report through both gateways at once, each time with one Idempotency-Key.</summary>
    private async Task SameSubmissionAsync(RetryingWriter a, RetryingWriter b)
    {
        var stored = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var station = await StationAsync(a, $"race-rp-{round}");
            var period = new DateOnly(2021, 1 + round, 1).ToString("yyyy-MM-dd");
            await a.SendAsync(Admin, HttpMethod.Post, "/api/v1/reporting/lock-exceptions", new
            {
                stationId = station, reason = "Replica race", formId = StationMonthlyForm.Id, periodFrom = period, periodTo = period,
                endsOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7).ToString("yyyy-MM-dd"),
            });
            var focalPoint = TestTokens.For("focal_point", [station], subject: $"race-focal-point-{round}");
            var saves = await BothAsync(a, b, w => w.AnswerAsync(focalPoint, HttpMethod.Put, $"/api/v1/reporting/stations/{station}/reports/{StationMonthlyForm.Id}/{period}",
                Json(new { values = StationMonthlyForm.Values }), $"save-{round}"));
            Assert.All(saves, x => Assert.True(x.Status is HttpStatusCode.OK or HttpStatusCode.Created, $"save answered {(int)x.Status}: {x.Body}"));
            Assert.Equal(Id(saves[0].Body), Id(saves[1].Body));
            var report = Id(saves[0].Body);
            var version = saves[0].Body.GetProperty("version").GetInt64();
            var submits = await BothAsync(a, b, w => w.AnswerAsync(focalPoint, HttpMethod.Post, $"/api/v1/reporting/reports/{report}/submit", Json(new { }), $"submit-{round}", version));
            Assert.All(submits, x => Assert.Equal(HttpStatusCode.OK, x.Status));
            Assert.Equal(submits[0].Body.GetProperty("version").GetInt64(), submits[1].Body.GetProperty("version").GetInt64());

            var reports = (await a.GetAsync(Admin, $"/api/v1/reporting/stations/{station}/reports?pageSize=100")).GetProperty("items");
            Assert.Equal(report, Id(Assert.Single(reports.EnumerateArray())));
            var history = await a.GetAsync(Admin, $"/api/v1/reporting/reports/{report}/history");
            Assert.Equal(["created", "submitted"], history.EnumerateArray().Select(e => e.GetProperty("action").GetString()!).Order());
            stored++;
        }
        output.WriteLine($"Reports: {Rounds} saves and {Rounds} submissions each sent through both gateways with one key, {stored} reports stored, each created and submitted once");
    }

    /// <summary>Two administrators rename one unit from the version both read, one through each gateway: one edit wins.</summary>
    private async Task SameExpectedVersionAsync(RetryingWriter a, RetryingWriter b)
    {
        var refused = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var unit = await a.SendAsync(Admin, HttpMethod.Post, "/api/v1/units",
                new { id = $"race-unit-{round}", name = "Race unit", kind = "station", parentId = "kp-region-prishtina", openedOn = "2020-01-01" });
            var version = unit.GetProperty("version").GetInt64();
            var edits = await BothAsync(a, b, w => w.AnswerAsync(Admin, HttpMethod.Put, $"/api/v1/units/race-unit-{round}",
                Json(new { name = w == a ? "Renamed through A" : "Renamed through B", parentId = "kp-region-prishtina" }), Guid.NewGuid().ToString(), version));
            var winner = Assert.Single(edits, x => x.Status == HttpStatusCode.OK);
            var loser = Assert.Single(edits, x => x.Status != HttpStatusCode.OK);
            Assert.True(loser.Status is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed, $"the losing edit answered {(int)loser.Status}: {loser.Body}");
            var stored = await a.GetAsync(Admin, $"/api/v1/units/race-unit-{round}");
            Assert.Equal(version + 1, stored.GetProperty("version").GetInt64());
            Assert.Equal(winner.Body.GetProperty("name").GetString(), stored.GetProperty("name").GetString());
            refused++;
        }
        output.WriteLine($"Versions: {Rounds} units edited twice from one version, {Rounds} edits stored, {refused} refused (409/412)");
    }

    /// <summary>Two training officers issue the same officer's certificate at once, one through each gateway, with keys of their own.</summary>
    private async Task SameCertificateAsync(RetryingWriter a, RetryingWriter b)
    {
        var trainer = "RACE-TRAINER";
        await PersonAsync(a, trainer);
        var csv = $"service_number,curriculum,completion_date,result\n{trainer},kp-gender-5day,2024-03-15,pass\n{trainer},kp-gender-tot,2024-09-15,pass";
        await a.SendContentAsync(Admin, HttpMethod.Post, "/api/v1/training/certificates/import?institutionId=kp", () => new StringContent(csv, Encoding.UTF8, "text/csv"));
        var course = (await a.GetAsync(Admin, "/api/v1/training/curricula?code=kp-gender-5day")).GetProperty("items").EnumerateArray()
            .MaxBy(c => c.GetProperty("version").GetInt32());
        var session = Id(await a.SendAsync(Admin, HttpMethod.Post, "/api/v1/training/sessions", new
        {
            curriculumId = Id(course), institutionId = "kp", location = "Prishtina", startDate = Days[0], endDate = Days[^1], capacity = Rounds,
            trainerServiceNumbers = new[] { trainer },
        }));
        var officers = Enumerable.Range(0, Rounds).Select(i => $"RACE-CERT-{i}").ToArray();
        foreach (var officer in officers)
        {
            await PersonAsync(a, officer);
            await a.SendAsync(Admin, HttpMethod.Post, $"/api/v1/training/sessions/{session}/enrolments", new { serviceNumber = officer });
        }
        foreach (var day in Days)
        {
            await a.SendAsync(Admin, HttpMethod.Put, $"/api/v1/training/sessions/{session}/attendance/{day}",
                new { marks = officers.Select(o => new { serviceNumber = o, present = true }).ToArray() });
        }
        foreach (var officer in officers)
        {
            await a.SendAsync(Admin, HttpMethod.Put, $"/api/v1/training/sessions/{session}/enrolments/{officer}/results", new { preTestScore = 50, postTestScore = 90 });
        }

        var created = 0;
        foreach (var officer in officers)
        {
            var issued = await BothAsync(a, b, w => w.AnswerAsync(TestTokens.For("training_officer", institution: "kp", subject: $"race-training-officer-{(w == a ? "a" : "b")}"),
                HttpMethod.Post, $"/api/v1/training/sessions/{session}/enrolments/{officer}/certificate", Json(new { }), Guid.NewGuid().ToString()));
            Assert.All(issued, x => Assert.True(x.Status is HttpStatusCode.OK or HttpStatusCode.Created, $"issuance answered {(int)x.Status}: {x.Body}"));
            Assert.Single(issued, x => x.Body.GetProperty("created").GetBoolean());
            var certificate = Id(issued[0].Body.GetProperty("certificate"));
            Assert.Equal(certificate, Id(issued[1].Body.GetProperty("certificate")));
            var held = (await a.GetAsync(Admin, $"/api/v1/training/certificates?institutionId=kp&serviceNumber={officer}")).GetProperty("items");
            Assert.Equal(certificate, Id(Assert.Single(held.EnumerateArray())));
            created++;
        }
        output.WriteLine($"Certificates: {Rounds} enrolments each certified through both gateways at once, {created} certificates stored (one per enrolment)");
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)[]> BothAsync(RetryingWriter a, RetryingWriter b,
        Func<RetryingWriter, Task<(HttpStatusCode, JsonElement)>> write) =>
        await Task.WhenAll(Task.Run(() => write(a)), Task.Run(() => write(b)));

    private static async Task<string> StationAsync(RetryingWriter writer, string id) =>
        Id(await writer.SendAsync(Admin, HttpMethod.Post, "/api/v1/units", new { id, name = "Race station", kind = "station", parentId = "kp-region-prishtina", openedOn = "2020-01-01" }));

    private static Task<JsonElement> PersonAsync(RetryingWriter writer, string serviceNumber) =>
        writer.SendAsync(Admin, HttpMethod.Post, "/api/v1/personnel", new
        {
            institutionId = "kp", serviceNumber, givenName = "Race", familyName = "Test", sex = "female", rankCode = "officer",
            unitId = "kp-station-prishtina", serviceStart = "2015-01-01",
        });

    private static Func<HttpContent> Json(object body) => () => JsonContent.Create(body);
    private static string Id(JsonElement e) => e.GetProperty("id").GetString()!;
}
