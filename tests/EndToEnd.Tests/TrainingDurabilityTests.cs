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

    [Fact]
    public Task Every_certificate_acknowledged_around_a_killed_Training_is_stored_exactly_once() => KillTestSuite.RunAsync(output, RunAsync);

    private async Task RunAsync(SuiteProcesses suite)
    {
        var admin = TestTokens.For("administrator");
        var setup = new RetryingWriter(suite.GatewayAddress);
        var sessions = new List<(string Id, string[] Officers)>();
        var trainers = Enumerable.Range(0, Sessions).Select(s => $"KILL-T{s}").ToArray();
        foreach (var trainer in trainers) await PersonAsync(setup, admin, trainer);
        await CertifiableSessions.QualifyTrainersAsync(setup, admin, trainers);
        var course = await CertifiableSessions.LatestCourseAsync(setup, admin);
        foreach (var trainer in trainers)
        {
            var officers = Enumerable.Range(0, OfficersPerSession).Select(o => $"{trainer}-O{o}").ToArray();
            foreach (var officer in officers) await PersonAsync(setup, admin, officer);
            sessions.Add((await CertifiableSessions.CompletedSessionAsync(setup, admin, course, trainer, officers), officers));
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
}
