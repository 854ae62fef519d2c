using System.Text;
using System.Text.Json;
using GenderArchitecture.TestSupport;
using Xunit.Abstractions;

namespace GenderArchitecture.EndToEnd.Tests;

/// <summary>
/// Kills Training (SIGKILL) while concurrent training officers issue certificates and retry with their Idempotency-Keys:
/// after the restart every acknowledged certificate is there exactly once, the one the officer's enrolment names.
/// </summary>
public sealed class TrainingDurabilityTests(ITestOutputHelper output)
{
    private const int Sessions = 6, OfficersPerSession = 8;
    private static readonly string[] Days = ["2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06", "2025-03-07"];

    [Fact]
    public Task Every_certificate_acknowledged_around_a_killed_Training_is_stored_exactly_once() => KillTestSuite.RunAsync(output, RunAsync);

    private async Task RunAsync(SuiteProcesses suite)
    {
        var admin = TestTokens.For("administrator");
        var setup = new RetryingWriter(suite.GatewayAddress);
        var sessions = new List<(string Id, string[] Officers)>();
        var trainers = Enumerable.Range(0, Sessions).Select(s => $"KILL-T{s}").ToArray();
        foreach (var trainer in trainers) await PersonAsync(setup, admin, trainer);
        await ImportQualificationsAsync(setup, admin, trainers);
        var courses = await setup.GetAsync(admin, "/api/v1/training/curricula?code=kp-gender-5day");
        var course = courses.GetProperty("items").EnumerateArray().MaxBy(c => c.GetProperty("version").GetInt32()).GetProperty("id").GetString();
        foreach (var trainer in trainers)
        {
            var session = (await setup.SendAsync(admin, HttpMethod.Post, "/api/v1/training/sessions", new
            {
                curriculumId = course, institutionId = "kp", location = "Prishtina", startDate = Days[0], endDate = Days[^1],
                capacity = OfficersPerSession, trainerServiceNumbers = new[] { trainer },
            })).GetProperty("id").GetString()!;
            var officers = Enumerable.Range(0, OfficersPerSession).Select(o => $"{trainer}-O{o}").ToArray();
            foreach (var officer in officers)
            {
                await PersonAsync(setup, admin, officer);
                await setup.SendAsync(admin, HttpMethod.Post, $"/api/v1/training/sessions/{session}/enrolments", new { serviceNumber = officer });
            }
            // Everyone attended every day and passed: each can be certified.
            foreach (var day in Days)
            {
                await setup.SendAsync(admin, HttpMethod.Put, $"/api/v1/training/sessions/{session}/attendance/{day}",
                    new { marks = officers.Select(o => new { serviceNumber = o, present = true }).ToArray() });
            }
            foreach (var officer in officers)
            {
                await setup.SendAsync(admin, HttpMethod.Put, $"/api/v1/training/sessions/{session}/enrolments/{officer}/results", new { preTestScore = 50, postTestScore = 90 });
            }
            sessions.Add((session, officers));
        }

        // One training officer per session issues its certificates one after another, all sessions at once.
        var writer = new RetryingWriter(suite.GatewayAddress);
        var stream = new KillDuringWrites<(string Session, string Officer, string Certificate)>(killAfter: Sessions * OfficersPerSession / 8);
        await stream.RunAsync(suite, "Training", sessions.Select(session => (Func<Task>)(async () =>
        {
            var officerOfTraining = TestTokens.For("training_officer", institution: "kp", subject: $"training-officer-{session.Id}");
            foreach (var officer in session.Officers)
            {
                var issued = await writer.SendAsync(officerOfTraining, HttpMethod.Post, $"/api/v1/training/sessions/{session.Id}/enrolments/{officer}/certificate", null);
                stream.Acknowledge((session.Id, officer, issued.GetProperty("certificate").GetProperty("id").GetString()!));
            }
        })));

        var acknowledged = stream.Acknowledged.ToDictionary(a => a.Officer);
        Assert.Equal(Sessions * OfficersPerSession, acknowledged.Count);
        var stored = 0;
        foreach (var (id, officers) in sessions)
        {
            var detail = await writer.GetAsync(admin, $"/api/v1/training/sessions/{id}");
            var certified = detail.GetProperty("enrolments").EnumerateArray()
                .ToDictionary(e => e.GetProperty("serviceNumber").GetString()!, e => e.GetProperty("certificateId").GetString());
            foreach (var officer in officers)
            {
                var held = (await writer.GetAsync(admin, $"/api/v1/training/certificates?institutionId=kp&serviceNumber={officer}"))
                    .GetProperty("items").EnumerateArray().ToList();
                var certificate = Assert.Single(held);
                stored += held.Count;
                Assert.Equal(acknowledged[officer].Certificate, certificate.GetProperty("id").GetString());
                Assert.Equal(id, certificate.GetProperty("sessionId").GetString());
                Assert.Equal(acknowledged[officer].Certificate, certified[officer]);
            }
        }
        Assert.True(writer.Retries > 0, "no issuance met the outage, so the test proved nothing");
        output.WriteLine($"Training kill: acknowledged {acknowledged.Count} certificates ({stream.BeforeKill} before the kill), retried {writer.Retries} requests " +
            $"({writer.Attempts} requests in all), stored {stored} certificates, each once and named by its enrolment");
    }

    private static Task<JsonElement> PersonAsync(RetryingWriter writer, string admin, string serviceNumber) =>
        writer.SendAsync(admin, HttpMethod.Post, "/api/v1/personnel", new
        {
            institutionId = "kp", serviceNumber, givenName = "Kill", familyName = "Test", sex = "female", rankCode = "officer",
            unitId = "kp-station-prishtina", serviceStart = "2015-01-01",
        });

    /// <summary>Qualifies each trainer (the course and its training of trainers) by the import of historic completions.</summary>
    private static async Task ImportQualificationsAsync(RetryingWriter writer, string admin, string[] trainers)
    {
        var csv = "service_number,curriculum,completion_date,result\n" +
            string.Join("\n", trainers.SelectMany(t => new[] { $"{t},kp-gender-5day,2024-03-15,pass", $"{t},kp-gender-tot,2024-09-15,pass" }));
        var report = await writer.SendContentAsync(admin, HttpMethod.Post, "/api/v1/training/certificates/import?institutionId=kp",
            () => new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(trainers.Length * 2, report.GetProperty("certificatesCreated").GetInt32());
    }
}
