using GenderArchitecture.TestSupport;
using GenderArchitecture.Training.V1;
using Grpc.Core;

namespace GenderArchitecture.Training.Tests;

public sealed class CertificatesTests
{
    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Issuing_without_the_required_attendance_or_pass_is_refused_naming_the_rule(DatabaseKind kind)
    {
        await using var world = await TrainingWorld.StartAsync(kind);
        var client = world.Client();
        var start = world.Today.AddDays(-12);
        var session = await world.SessionAsync(start, days: 5);
        await world.AddOfficerAsync("KP-1");
        await client.EnrolAsync(new EnrolRequest { SessionId = session.Id, ServiceNumber = "KP-1" });
        var issue = new IssueCertificateRequest { SessionId = session.Id, ServiceNumber = "KP-1" };

        // Three of five days: 60% against the 80% the five-day curriculum requires.
        await Attend(client, session.Id, "KP-1", start, start.AddDays(1), start.AddDays(2));
        var attendance = await Refusals.Expect(StatusCode.FailedPrecondition, () => client.IssueCertificateAsync(issue).ResponseAsync);
        Assert.Equal("MINIMUM_ATTENDANCE", attendance.Rule());
        Assert.Contains("80%", attendance.Status.Detail);

        await Attend(client, session.Id, "KP-1", start.AddDays(3));
        var noScore = await Refusals.Expect(StatusCode.FailedPrecondition, () => client.IssueCertificateAsync(issue).ResponseAsync);
        Assert.Equal("PASS_MARK", noScore.Rule());

        await client.RecordResultsAsync(new RecordResultsRequest { SessionId = session.Id, ServiceNumber = "KP-1", PreTestScore = 40, PostTestScore = 65 });
        var failed = await Refusals.Expect(StatusCode.FailedPrecondition, () => client.IssueCertificateAsync(issue).ResponseAsync);
        Assert.Equal("PASS_MARK", failed.Rule());
        Assert.Contains("65", failed.Status.Detail);
        Assert.Equal(0, await world.CountAsync(db => db.Certificates.Where(c => c.SessionId != null)));

        await client.RecordResultsAsync(new RecordResultsRequest { SessionId = session.Id, ServiceNumber = "KP-1", PostTestScore = 82 });
        var issued = await client.IssueCertificateAsync(issue);

        Assert.True(issued.Created);
        Assert.Equal(CertificateStatus.Valid, issued.Certificate.Status);
        Assert.Equal(start.AddDays(4).ToString("yyyy-MM-dd"), issued.Certificate.IssuedOn);
        Assert.Equal(start.AddDays(4).AddMonths(36).ToString("yyyy-MM-dd"), issued.Certificate.ExpiresOn);
        Assert.Equal(12, issued.Certificate.VerificationCode.Length);
        var record = await client.GetOfficerRecordAsync(new GetOfficerRecordRequest { InstitutionId = "kp", ServiceNumber = "KP-1" });
        var attended = Assert.Single(record.Sessions);
        Assert.Equal(4, attended.Enrolment.DaysAttended.Count);
        Assert.Equal(82, attended.Enrolment.PostTestScore);
        Assert.Equal(issued.Certificate.Id, attended.Enrolment.CertificateId);
        Assert.Equal(issued.Certificate.Number, Assert.Single(record.Certificates).Number);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Concurrent_retries_of_issuance_make_one_certificate(DatabaseKind kind)
    {
        await using var world = await TrainingWorld.StartAsync(kind);
        var client = world.Client();
        var start = world.Today.AddDays(-7);
        var session = await world.SessionAsync(start, days: 2);
        await world.AddOfficerAsync("KP-1");
        await client.EnrolAsync(new EnrolRequest { SessionId = session.Id, ServiceNumber = "KP-1" });
        await Attend(client, session.Id, "KP-1", start, start.AddDays(1));
        await client.RecordResultsAsync(new RecordResultsRequest { SessionId = session.Id, ServiceNumber = "KP-1", PostTestScore = 90 });

        var calls = Enumerable.Range(0, 8).Select(_ => client.IssueCertificateAsync(
            new IssueCertificateRequest { SessionId = session.Id, ServiceNumber = "KP-1", RequestId = "retry-key-1" }).ResponseAsync);
        var responses = await Task.WhenAll(calls);

        Assert.Single(responses.Select(r => r.Certificate.Id).Distinct());
        Assert.Single(responses.Select(r => r.Certificate.VerificationCode).Distinct());
        Assert.Equal(1, responses.Count(r => r.Created));
        Assert.Equal(1, await world.CountAsync(db => db.Certificates.Where(c => c.SessionId != null)));
        var again = await client.IssueCertificateAsync(new IssueCertificateRequest { SessionId = session.Id, ServiceNumber = "KP-1" });
        Assert.False(again.Created);
        Assert.Equal(responses[0].Certificate.Number, again.Certificate.Number);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Officers_issuing_one_certificate_at_once_each_with_their_own_idempotency_key_all_get_it_and_one_is_stored(DatabaseKind kind)
    {
        // Through the gateway every write carries a key, so the write runs in a transaction the losing insert aborts:
        // the loser must still answer with the winner's certificate, never an error.
        await using var world = await TrainingWorld.StartAsync(kind);
        var client = world.Client();
        var start = world.Today.AddDays(-7);
        var session = await world.SessionAsync(start, days: 2);
        await world.AddOfficerAsync("KP-1");
        await client.EnrolAsync(new EnrolRequest { SessionId = session.Id, ServiceNumber = "KP-1" });
        await Attend(client, session.Id, "KP-1", start, start.AddDays(1));
        await client.RecordResultsAsync(new RecordResultsRequest { SessionId = session.Id, ServiceNumber = "KP-1", PostTestScore = 90 });

        var calls = Enumerable.Range(0, 8).Select(i => client.IssueCertificateAsync(
            new IssueCertificateRequest { SessionId = session.Id, ServiceNumber = "KP-1" },
            new global::Grpc.Core.Metadata { { "idempotency-key", $"officer-{i}" } }).ResponseAsync);
        var responses = await Task.WhenAll(calls);

        Assert.Single(responses.Select(r => r.Certificate.Id).Distinct());
        Assert.Equal(1, responses.Count(r => r.Created));
        Assert.Equal(1, await world.CountAsync(db => db.Certificates.Where(c => c.SessionId != null)));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_certificate_verifies_as_expired_once_time_passes_its_validity_and_as_revoked_when_revoked(DatabaseKind kind)
    {
        await using var world = await TrainingWorld.StartAsync(kind);
        await world.AddOfficerAsync("KP-1");
        await world.AddOfficerAsync("KP-2");
        // Completed 35 months ago: valid for one more month.
        await world.ImportAsync("kp-gender-5day", world.Today.AddMonths(-35), "KP-1", "KP-2");
        var certificates = (await world.Client().ListCertificatesAsync(new ListCertificatesRequest())).Certificates;
        var first = certificates.Single(c => c.ServiceNumber == "KP-1");
        var second = certificates.Single(c => c.ServiceNumber == "KP-2");
        var anonymous = world.Anonymous();

        var now = await anonymous.VerifyCertificateAsync(new VerifyCertificateRequest { VerificationCode = first.VerificationCode.ToLowerInvariant() });
        Assert.Equal(CertificateStatus.Valid, now.Status);
        Assert.Equal("Arta Test-KP-1", now.HolderName);
        Assert.StartsWith("Gender Equality", now.CurriculumTitle);

        var revoked = await world.Client().RevokeCertificateAsync(new RevokeCertificateRequest { Id = second.Id, Reason = "Attendance sheet was forged", ExpectedRevision = second.Revision });
        Assert.Equal(CertificateStatus.Revoked, revoked.Certificate.Status);
        Assert.Equal(CertificateStatus.Revoked, (await anonymous.VerifyCertificateAsync(new VerifyCertificateRequest { VerificationCode = second.VerificationCode })).Status);

        world.Clock.Advance(TimeSpan.FromDays(40));

        var later = await anonymous.VerifyCertificateAsync(new VerifyCertificateRequest { VerificationCode = first.VerificationCode });
        Assert.Equal(CertificateStatus.Expired, later.Status);
        Assert.Equal(first.ExpiresOn, later.ExpiresOn);
        Assert.Equal(CertificateStatus.Unknown, (await anonymous.VerifyCertificateAsync(new VerifyCertificateRequest { VerificationCode = "ZZZZZZZZZZZZ" })).Status);
        var due = await world.Client().ListDueForRecertificationAsync(new ListDueForRecertificationRequest());
        var item = Assert.Single(due.Items);
        Assert.Equal("KP-1", item.Certificate.ServiceNumber);
        Assert.True(item.DaysToExpiry < 0);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Writes_that_need_Structure_are_refused_with_Unavailable_when_it_is_down_and_write_nothing(DatabaseKind kind)
    {
        await using var world = await TrainingWorld.StartAsync(kind);
        var client = world.Client();
        var start = world.Today.AddDays(-7);
        var session = await world.SessionAsync(start, days: 2);
        await world.AddOfficerAsync("KP-1");
        await world.AddOfficerAsync("KP-2");
        await client.EnrolAsync(new EnrolRequest { SessionId = session.Id, ServiceNumber = "KP-1" });
        await Attend(client, session.Id, "KP-1", start, start.AddDays(1));
        await client.RecordResultsAsync(new RecordResultsRequest { SessionId = session.Id, ServiceNumber = "KP-1", PostTestScore = 90 });

        world.Line.Down = true;

        var enrol = await Refusals.Expect(StatusCode.Unavailable, () => client.EnrolAsync(new EnrolRequest { SessionId = session.Id, ServiceNumber = "KP-2" }).ResponseAsync);
        var issue = await Refusals.Expect(StatusCode.Unavailable, () => client.IssueCertificateAsync(new IssueCertificateRequest { SessionId = session.Id, ServiceNumber = "KP-1" }).ResponseAsync);
        await Refusals.Expect(StatusCode.Unavailable, () => client.ImportCompletionsAsync(new ImportCompletionsRequest
            { InstitutionId = "kp", Csv = "service_number,curriculum,completion_date,result\nKP-2,kp-gender-5day,2024-01-10,pass" }).ResponseAsync);

        Assert.Contains("Structure", enrol.Status.Detail);
        Assert.Contains("nothing was written", issue.Status.Detail);
        Assert.Equal(1, await world.CountAsync(db => db.Enrolments));
        Assert.Equal(1, await world.CountAsync(db => db.Certificates)); // the trainer's qualification only

        world.Line.Down = false;
        await Task.Delay(TimeSpan.FromMilliseconds(800));
        Assert.True((await client.IssueCertificateAsync(new IssueCertificateRequest { SessionId = session.Id, ServiceNumber = "KP-1" })).Created);
    }

    internal static async Task Attend(TrainingService.TrainingServiceClient client, string sessionId, string serviceNumber, params DateOnly[] days)
    {
        foreach (var day in days)
        {
            await client.RecordAttendanceAsync(new RecordAttendanceRequest
            {
                SessionId = sessionId, Day = day.ToString("yyyy-MM-dd"),
                Marks = { new AttendanceMark { ServiceNumber = serviceNumber, Present = true } },
            });
        }
    }
}
