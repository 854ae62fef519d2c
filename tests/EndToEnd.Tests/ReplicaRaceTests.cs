using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GenderArchitecture.TestSupport;
using Xunit.Abstractions;

namespace GenderArchitecture.EndToEnd.Tests;

/// <summary>
/// Two replicas of every service and two gateways, each service's replicas on one PostgreSQL database, as a deployment
/// with replicas runs: conflicting writes raced through both gateways at once must leave the invariants whole - nothing
/// lost, nothing written twice - because they live in the database, not in any process's memory. Gateway n calls the
/// services' copies n, so A and B below write through different processes into the same rows. One suite for the whole
/// test (it is the expensive part); each section builds its own data.
/// </summary>
public sealed class ReplicaRaceTests(ITestOutputHelper output)
{
    private const int Appointments = 8, ReportKeys = 6, EditedUnits = 3, EditsPerUnit = 4, Certificates = 4;
    private static readonly string Admin = TestTokens.For("administrator");

    [Fact]
    public async Task Conflicting_writes_through_two_gateways_on_replicas_keep_every_invariant()
    {
        var clock = Stopwatch.StartNew();
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
            var station = await Timed(() => UnitCreatedThroughOneIsUsedAtOnceThroughTheOtherAsync(a, b));
            await Timed(() => OverlappingAppointmentsAsync(a, b, station.Station, station.People));
            await Timed(() => SameKeyThroughBothGatewaysAsync(a, b, station.Station));
            await Timed(() => SameExpectedVersionAsync(a, b));
            await Timed(() => SameCertificateAsync(a, b));
            output.WriteLine($"{a.Attempts + b.Attempts} requests through the two gateways in {clock.Elapsed.TotalSeconds:0} s, {a.Retries + b.Retries} retried after a 5xx/429");
        }
        catch
        {
            output.WriteLine(suite.Log);
            throw;
        }
    }

    /// <summary>
    /// A station created through A is read and staffed through B at once: each Structure replica keeps the organisation
    /// tree in memory, and B's must not answer 404 for a unit A has just created.
    /// </summary>
    private async Task<(string Station, List<string> People)> UnitCreatedThroughOneIsUsedAtOnceThroughTheOtherAsync(RetryingWriter a, RetryingWriter b)
    {
        // B reads the tree first, so its replica holds it in memory before A changes anything.
        await b.GetAsync(Admin, "/api/v1/units/kp-region-prishtina");
        var station = Id(await a.SendAsync(Admin, HttpMethod.Post, "/api/v1/units",
            new { id = "race-station", name = "Race station", kind = "station", parentId = "kp-region-prishtina", openedOn = "2010-01-01" }));
        Assert.Equal("Race station", (await b.GetAsync(Admin, $"/api/v1/units/{station}")).GetProperty("name").GetString());
        var people = new List<string>();
        for (var i = 0; i < Appointments; i++) people.Add(Id(await PersonAsync(b, $"RACE-FP-{i}", station)));
        output.WriteLine($"Units: a station created through gateway A was read and given {people.Count} officers through gateway B at once");
        return (station, people);
    }

    /// <summary>Officers appointed focal point of one station from the same day, half through each gateway: one wins.</summary>
    private async Task OverlappingAppointmentsAsync(RetryingWriter a, RetryingWriter b, string station, List<string> people)
    {
        var answers = await Task.WhenAll(people.Select((person, i) => Task.Run(() => (i % 2 == 0 ? a : b).AnswerAsync(Admin, HttpMethod.Post,
            "/api/v1/focal-points", Json(new { unitId = station, personId = person, startOn = "2025-01-01" }), Guid.NewGuid().ToString()))));

        var won = Assert.Single(answers, x => x.Status == HttpStatusCode.Created);
        // The losers break the one-focal-point rule, whether the handler's check or the exclusion constraint caught them.
        Assert.All(answers.Where(x => x.Status != HttpStatusCode.Created), x =>
        {
            Assert.True(x.Status == HttpStatusCode.UnprocessableEntity, $"a losing appointment answered {(int)x.Status}: {x.Body}");
            Assert.Equal("FOCAL_POINT_OVERLAP", x.Body.GetProperty("violations")[0].GetProperty("type").GetString());
        });
        foreach (var reader in new[] { a, b })
        {
            var held = (await reader.GetAsync(Admin, $"/api/v1/units/{station}/focal-points")).GetProperty("items");
            Assert.Equal(Id(won.Body), Id(Assert.Single(held.EnumerateArray())));
        }
        output.WriteLine($"Focal points: {answers.Length} overlapping appointments of one station raced, 1 stored, {answers.Length - 1} refused (422 FOCAL_POINT_OVERLAP)");
    }

    /// <summary>The station's focal point saves and submits a report per period, each write sent through both gateways at once with one key.</summary>
    private async Task SameKeyThroughBothGatewaysAsync(RetryingWriter a, RetryingWriter b, string station)
    {
        var periods = Enumerable.Range(1, ReportKeys).Select(m => new DateOnly(2021, m, 1).ToString("yyyy-MM-dd")).ToList();
        await a.SendAsync(Admin, HttpMethod.Post, "/api/v1/reporting/lock-exceptions", new
        {
            stationId = station, reason = "Replica race", formId = StationMonthlyForm.Id, periodFrom = periods[0], periodTo = periods[^1],
            endsOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7).ToString("yyyy-MM-dd"),
        });
        var focalPoint = TestTokens.For("focal_point", [station], subject: "race-focal-point");

        var reports = await Task.WhenAll(periods.Select(async period =>
        {
            var saves = await BothAsync(a, b, w => w.AnswerAsync(focalPoint, HttpMethod.Put, $"/api/v1/reporting/stations/{station}/reports/{StationMonthlyForm.Id}/{period}",
                Json(new { values = StationMonthlyForm.Values }), $"race-save-{period}"));
            Assert.All(saves, x => Assert.True(x.Status is HttpStatusCode.OK or HttpStatusCode.Created, $"a save answered {(int)x.Status}: {x.Body}"));
            Assert.Equal(Id(saves[0].Body), Id(saves[1].Body));
            var report = Id(saves[0].Body);
            var version = saves[0].Body.GetProperty("version").GetInt64();
            var submits = await BothAsync(a, b, w => w.AnswerAsync(focalPoint, HttpMethod.Post, $"/api/v1/reporting/reports/{report}/submit",
                Json(new { }), $"race-submit-{period}", version));
            Assert.All(submits, x => Assert.True(x.Status == HttpStatusCode.OK, $"a submission answered {(int)x.Status}: {x.Body}"));
            Assert.Equal(submits[0].Body.GetProperty("version").GetInt64(), submits[1].Body.GetProperty("version").GetInt64());
            return report;
        }));

        var stored = (await b.GetAsync(Admin, $"/api/v1/reporting/stations/{station}/reports?pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(reports.Order(), stored.Select(Id).Order());
        Assert.All(stored, r => Assert.Equal("submitted", r.GetProperty("state").GetString()));
        foreach (var report in reports)
        {
            var history = await a.GetAsync(Admin, $"/api/v1/reporting/reports/{report}/history");
            Assert.Equal(["created", "submitted"], history.EnumerateArray().Select(e => e.GetProperty("action").GetString()!).Order());
        }
        output.WriteLine($"Reports: {ReportKeys} saves and {ReportKeys} submissions, each sent through both gateways at once with one key; " +
            $"{stored.Count} reports stored, each created once and submitted once");
    }

    /// <summary>Administrators rename one unit from the version they all read, through both gateways: one edit wins.</summary>
    private async Task SameExpectedVersionAsync(RetryingWriter a, RetryingWriter b)
    {
        var refused = 0;
        await Task.WhenAll(Enumerable.Range(0, EditedUnits).Select(async u =>
        {
            var id = $"race-unit-{u}";
            var version = (await a.SendAsync(Admin, HttpMethod.Post, "/api/v1/units",
                new { id, name = "Race unit", kind = "station", parentId = "kp-region-prishtina", openedOn = "2020-01-01" })).GetProperty("version").GetInt64();
            var edits = await Task.WhenAll(Enumerable.Range(0, EditsPerUnit).Select(e => Task.Run(() => (e % 2 == 0 ? a : b).AnswerAsync(Admin, HttpMethod.Put,
                $"/api/v1/units/{id}", Json(new { name = $"Renamed by edit {e}", parentId = "kp-region-prishtina" }), Guid.NewGuid().ToString(), version))));

            var won = Assert.Single(Enumerable.Range(0, EditsPerUnit), e => edits[e].Status == HttpStatusCode.OK);
            Assert.All(edits.Where(x => x.Status != HttpStatusCode.OK), x =>
                Assert.True(x.Status is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed, $"a losing edit answered {(int)x.Status}: {x.Body}"));
            // Read through the winner's replica: the other's tree may lag by up to a second (the tree cache's promise,
            // tested in Structure.Tests); a write through it goes to the row, so it must start from the winner's version.
            var (winner, other) = won % 2 == 0 ? (a, b) : (b, a);
            var stored = await winner.GetAsync(Admin, $"/api/v1/units/{id}");
            Assert.Equal((version + 1, edits[won].Body.GetProperty("name").GetString()), (stored.GetProperty("version").GetInt64(), stored.GetProperty("name").GetString()));
            var next = await other.SendAsync(Admin, HttpMethod.Put, $"/api/v1/units/{id}", new { name = "Renamed after the race", parentId = "kp-region-prishtina" }, version + 1);
            Assert.Equal(version + 2, next.GetProperty("version").GetInt64());
            Interlocked.Add(ref refused, edits.Length - 1);
        }));
        output.WriteLine($"Versions: {EditedUnits} units edited {EditsPerUnit} times each from one version, {EditedUnits} edits stored, {refused} refused (409/412)");
    }

    /// <summary>Two training officers issue the same officer's certificate at once, one through each gateway, with keys of their own.</summary>
    private async Task SameCertificateAsync(RetryingWriter a, RetryingWriter b)
    {
        const string trainer = "RACE-TRAINER";
        await PersonAsync(a, trainer, "kp-station-prishtina");
        await CertifiableSessions.QualifyTrainersAsync(a, Admin, [trainer]);
        var officers = Enumerable.Range(0, Certificates).Select(i => $"RACE-CERT-{i}").ToArray();
        foreach (var officer in officers) await PersonAsync(a, officer, "kp-station-prishtina");
        var session = await CertifiableSessions.CompletedSessionAsync(a, Admin, await CertifiableSessions.LatestCourseAsync(a, Admin), trainer, officers);

        var issuedPerOfficer = await Task.WhenAll(officers.Select(officer => BothAsync(a, b, w => w.AnswerAsync(
            TestTokens.For("training_officer", institution: "kp", subject: $"race-training-officer-{(w == a ? "a" : "b")}"),
            HttpMethod.Post, $"/api/v1/training/sessions/{session}/enrolments/{officer}/certificate", Json(new { }), Guid.NewGuid().ToString()))));

        var stored = 0;
        foreach (var (officer, issued) in officers.Zip(issuedPerOfficer))
        {
            Assert.All(issued, x => Assert.True(x.Status is HttpStatusCode.OK or HttpStatusCode.Created, $"an issuance answered {(int)x.Status}: {x.Body}"));
            Assert.Single(issued, x => x.Body.GetProperty("created").GetBoolean());
            var certificate = Id(issued[0].Body.GetProperty("certificate"));
            Assert.Equal(certificate, Id(issued[1].Body.GetProperty("certificate")));
            var held = (await b.GetAsync(Admin, $"/api/v1/training/certificates?institutionId=kp&serviceNumber={officer}")).GetProperty("items");
            Assert.Equal(certificate, Id(Assert.Single(held.EnumerateArray())));
            stored++;
        }
        output.WriteLine($"Certificates: {Certificates} enrolments each certified through both gateways at once, {stored} certificates stored (one per enrolment)");
    }

    private async Task<T> Timed<T>(Func<Task<T>> section)
    {
        var clock = Stopwatch.StartNew();
        var result = await section();
        output.WriteLine($"  ({clock.Elapsed.TotalSeconds:0.0} s)");
        return result;
    }

    private Task Timed(Func<Task> section) => Timed(async () => { await section(); return true; });

    private static async Task<(HttpStatusCode Status, JsonElement Body)[]> BothAsync(RetryingWriter a, RetryingWriter b,
        Func<RetryingWriter, Task<(HttpStatusCode, JsonElement)>> write) =>
        await Task.WhenAll(Task.Run(() => write(a)), Task.Run(() => write(b)));

    private static Task<JsonElement> PersonAsync(RetryingWriter writer, string serviceNumber, string unitId) =>
        writer.SendAsync(Admin, HttpMethod.Post, "/api/v1/personnel", new
        {
            institutionId = "kp", serviceNumber, givenName = "Race", familyName = "Test", sex = "female", rankCode = "officer",
            unitId, serviceStart = "2015-01-01",
        });

    private static Func<HttpContent> Json(object body) => () => JsonContent.Create(body);
    private static string Id(JsonElement e) => e.GetProperty("id").GetString()!;
}
