using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.Structure.V1;
using GenderArchitecture.TestSupport;
using GenderArchitecture.Training.V1;
using Grpc.Core;

namespace GenderArchitecture.Training.Tests;

public sealed class SessionsTests
{
    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Only_a_trainer_qualified_on_every_day_of_the_session_may_lead_it(DatabaseKind kind)
    {
        await using var world = await TrainingWorld.StartAsync(kind);
        var client = world.Client();
        var curriculum = await world.CurriculumAsync("kp-gender-5day");
        await world.AddOfficerAsync("T-NONE", Sex.Male, "captain");
        await world.AddOfficerAsync("T-LAPSING", Sex.Female, "lieutenant");
        // Qualified 24 months less 2 days ago: the qualification ends in the middle of a session starting tomorrow.
        await world.ImportAsync("kp-gender-tot", world.Today.AddMonths(-24).AddDays(3), "T-LAPSING");
        CreateSessionRequest Request(string trainer)
        {
            var r = new CreateSessionRequest
            {
                CurriculumId = curriculum.Id, InstitutionId = "kp", Location = "Prizren", Capacity = 20,
                StartDate = world.Today.AddDays(1).ToString("yyyy-MM-dd"), EndDate = world.Today.AddDays(5).ToString("yyyy-MM-dd"),
            };
            r.TrainerServiceNumbers.Add(trainer);
            return r;
        }

        var unqualified = await Refusals.Expect(StatusCode.FailedPrecondition, () => client.CreateSessionAsync(Request("T-NONE")).ResponseAsync);
        var lapsing = await Refusals.Expect(StatusCode.FailedPrecondition, () => client.CreateSessionAsync(Request("T-LAPSING")).ResponseAsync);

        Assert.Equal("TRAINER_NOT_QUALIFIED", unqualified.Rule());
        Assert.Contains("T-NONE", unqualified.Status.Detail);
        Assert.Equal("TRAINER_NOT_QUALIFIED", lapsing.Rule());
        Assert.Equal(0, await world.CountAsync(db => db.Sessions));
        // The lapsing trainer is still in the pool today, and is listed among those expiring soon.
        var expiring = await client.ListTrainersAsync(new ListTrainersRequest { ExpiringWithinDays = 30 });
        Assert.Equal("T-LAPSING", Assert.Single(expiring.Trainers).ServiceNumber);

        await world.ImportAsync("kp-gender-tot", world.Today.AddMonths(-1), "T-NONE");
        var session = (await client.CreateSessionAsync(Request("T-NONE"))).Session;
        Assert.Equal("T-NONE", Assert.Single(session.Trainers).ServiceNumber);
        Assert.Equal("Besnik Test-T-NONE", session.Trainers[0].Name);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Over_capacity_enrolment_is_waitlisted_and_moves_up_when_someone_withdraws(DatabaseKind kind)
    {
        await using var world = await TrainingWorld.StartAsync(kind);
        var client = world.Client();
        var session = await world.SessionAsync(world.Today.AddDays(10), capacity: 2);
        foreach (var n in new[] { "KP-1", "KP-2", "KP-3", "KP-4" }) await world.AddOfficerAsync(n);

        var first = (await client.EnrolAsync(new EnrolRequest { SessionId = session.Id, ServiceNumber = "KP-1" })).Enrolment;
        await client.EnrolAsync(new EnrolRequest { SessionId = session.Id, ServiceNumber = "KP-2" });
        var third = (await client.EnrolAsync(new EnrolRequest { SessionId = session.Id, ServiceNumber = "KP-3" })).Enrolment;
        var fourth = (await client.EnrolAsync(new EnrolRequest { SessionId = session.Id, ServiceNumber = "KP-4" })).Enrolment;

        Assert.Equal(EnrolmentStatus.Enrolled, first.Status);
        Assert.Equal((EnrolmentStatus.Waitlisted, 1), (third.Status, third.WaitlistPosition));
        Assert.Equal((EnrolmentStatus.Waitlisted, 2), (fourth.Status, fourth.WaitlistPosition));
        var free = await client.ListSessionsAsync(new ListSessionsRequest { WithFreePlaces = true });
        Assert.Empty(free.Sessions);

        var withdrawal = await client.WithdrawAsync(new WithdrawRequest { SessionId = session.Id, ServiceNumber = "KP-1" });

        Assert.Equal(EnrolmentStatus.Withdrawn, withdrawal.Withdrawn.Status);
        Assert.Equal("KP-3", withdrawal.Promoted.ServiceNumber);
        Assert.Equal(EnrolmentStatus.Enrolled, withdrawal.Promoted.Status);
        var now = await client.GetSessionAsync(new GetSessionRequest { Id = session.Id });
        Assert.Equal((2, 1), (now.Session.Enrolled, now.Session.Waitlisted));
        Assert.Equal(1, now.Enrolments.Single(e => e.ServiceNumber == "KP-4").WaitlistPosition);

        // A waitlisted officer who withdraws frees no place: nobody moves up.
        var waitlisted = await client.WithdrawAsync(new WithdrawRequest { SessionId = session.Id, ServiceNumber = "KP-4" });
        Assert.Null(waitlisted.Promoted);
        await client.WithdrawAsync(new WithdrawRequest { SessionId = session.Id, ServiceNumber = "KP-2" });
        var withPlaces = await client.ListSessionsAsync(new ListSessionsRequest { WithFreePlaces = true });
        Assert.Equal(1, Assert.Single(withPlaces.Sessions).Enrolled);

        // Two more on the waitlist, then two more places: both move up, in order of arrival.
        foreach (var n in new[] { "KP-5", "KP-6", "KP-7" })
        {
            await world.AddOfficerAsync(n);
            await client.EnrolAsync(new EnrolRequest { SessionId = session.Id, ServiceNumber = n });
        }
        var current = (await client.GetSessionAsync(new GetSessionRequest { Id = session.Id })).Session;
        var tooSmall = await Refusals.Expect(StatusCode.FailedPrecondition, () => client.UpdateSessionAsync(new UpdateSessionRequest { Id = session.Id, ExpectedRevision = current.Revision, Capacity = 1 }).ResponseAsync);
        Assert.Equal("CAPACITY_BELOW_ENROLLED", tooSmall.Rule());
        var larger = await client.UpdateSessionAsync(new UpdateSessionRequest { Id = session.Id, ExpectedRevision = current.Revision, Capacity = 4 });
        Assert.Equal(["KP-6", "KP-7"], larger.Promoted.Select(e => e.ServiceNumber));
        Assert.Equal((4, 0), (larger.Session.Enrolled, larger.Session.Waitlisted));
        await Refusals.Expect(StatusCode.Aborted, () => client.UpdateSessionAsync(new UpdateSessionRequest { Id = session.Id, ExpectedRevision = current.Revision, Location = "Gjilan" }).ResponseAsync);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Enrolling_without_a_valid_prerequisite_certificate_is_refused(DatabaseKind kind)
    {
        await using var world = await TrainingWorld.StartAsync(kind);
        var client = world.Client();
        await world.AddOfficerAsync("T-001", Sex.Male, "captain");
        await world.ImportAsync("kp-gender-tot", world.Today.AddMonths(-3), "T-001");
        var tot = await world.CurriculumAsync("kp-gender-tot");
        var session = (await client.CreateSessionAsync(new CreateSessionRequest
        {
            CurriculumId = tot.Id, InstitutionId = "kp", Location = "Vushtrri", Capacity = 12, TrainerServiceNumbers = { "T-001" },
            StartDate = world.Today.AddDays(20).ToString("yyyy-MM-dd"), EndDate = world.Today.AddDays(22).ToString("yyyy-MM-dd"),
        })).Session;
        await world.AddOfficerAsync("KP-NEW");
        await world.AddOfficerAsync("KP-LAPSED");
        await world.AddOfficerAsync("KP-READY");
        await world.ImportAsync("kp-gender-5day", world.Today.AddMonths(-37), "KP-LAPSED");
        await world.ImportAsync("kp-gender-5day", world.Today.AddMonths(-12), "KP-READY");

        var never = await Refusals.Expect(StatusCode.FailedPrecondition, () => client.EnrolAsync(new EnrolRequest { SessionId = session.Id, ServiceNumber = "KP-NEW" }).ResponseAsync);
        var lapsed = await Refusals.Expect(StatusCode.FailedPrecondition, () => client.EnrolAsync(new EnrolRequest { SessionId = session.Id, ServiceNumber = "KP-LAPSED" }).ResponseAsync);
        var ready = await client.EnrolAsync(new EnrolRequest { SessionId = session.Id, ServiceNumber = "KP-READY" });

        Assert.Equal("PREREQUISITE", never.Rule());
        Assert.Contains("kp-gender-5day", lapsed.Status.Detail);
        Assert.Equal(EnrolmentStatus.Enrolled, ready.Enrolment.Status);
        Assert.Equal(1, await world.CountAsync(db => db.Enrolments));
        await Refusals.Expect(StatusCode.AlreadyExists, () => client.EnrolAsync(new EnrolRequest { SessionId = session.Id, ServiceNumber = "KP-READY" }).ResponseAsync);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task The_judicial_institute_runs_sessions_for_judges_and_prosecutors_of_the_judiciary(DatabaseKind kind)
    {
        await using var world = await TrainingWorld.StartAsync(kind);
        await world.AddOfficerAsync("KJI-T1", Sex.Female, "trainer", institution: "kji");
        await world.AddOfficerAsync("J-1", Sex.Female, "judge", institution: "judiciary");
        await world.AddOfficerAsync("P-1", Sex.Male, "prosecutor", institution: "judiciary");
        await world.ImportForAsync("kji", "kp-gender-tot", world.Today.AddMonths(-2), "KJI-T1");
        var kji = world.Client(SuiteRoles.TrainingOfficer, "kji");
        var course = await world.CurriculumAsync("kji-gender-justice");

        var session = (await kji.CreateSessionAsync(new CreateSessionRequest
        {
            CurriculumId = course.Id, InstitutionId = "judiciary", Location = "Kosovo Judicial Institute, Prishtina", Capacity = 20,
            StartDate = world.Today.AddDays(-9).ToString("yyyy-MM-dd"), EndDate = world.Today.AddDays(-8).ToString("yyyy-MM-dd"), TrainerServiceNumbers = { "KJI-T1" },
        })).Session;
        await kji.EnrolAsync(new EnrolRequest { SessionId = session.Id, ServiceNumber = "J-1" });
        await kji.EnrolAsync(new EnrolRequest { SessionId = session.Id, ServiceNumber = "P-1" });
        await CertificatesTests.Attend(kji, session.Id, "J-1", world.Today.AddDays(-9), world.Today.AddDays(-8));
        await kji.RecordResultsAsync(new RecordResultsRequest { SessionId = session.Id, ServiceNumber = "J-1", PostTestScore = 75 });
        var certificate = (await kji.IssueCertificateAsync(new IssueCertificateRequest { SessionId = session.Id, ServiceNumber = "J-1" })).Certificate;

        Assert.Equal("kji", Assert.Single(session.Trainers).InstitutionId);
        Assert.Equal(("judiciary", ""), (certificate.InstitutionId, certificate.ExpiresOn));
        Assert.Single((await world.Client(SuiteRoles.TrainingOfficer, "judiciary").ListSessionsAsync(new ListSessionsRequest())).Sessions);
        await Refusals.Expect(StatusCode.NotFound, () => world.Client().GetSessionAsync(new GetSessionRequest { Id = session.Id }).ResponseAsync);
        var compliance = await world.Client(SuiteRoles.Analyst).GetComplianceAsync(new GetComplianceRequest { RootUnitId = "judiciary" });
        Assert.Equal((2L, 1L, 1L), (compliance.Overall.Required.Value, compliance.Overall.Valid.Value, compliance.Overall.NeverTrained.Value));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Enrolling_an_unknown_officer_is_not_found_and_writes_nothing(DatabaseKind kind)
    {
        await using var world = await TrainingWorld.StartAsync(kind);
        var session = await world.SessionAsync(world.Today.AddDays(3));

        var error = await Refusals.Expect(StatusCode.NotFound, () => world.Client().EnrolAsync(new EnrolRequest { SessionId = session.Id, ServiceNumber = "KP-GHOST" }).ResponseAsync);

        Assert.Contains("KP-GHOST", error.Status.Detail);

        // An officer who has left the service by the session's first day cannot be enrolled either.
        var gone = await world.AddOfficerAsync("KP-GONE");
        await world.StructureAdmin.EndServiceAsync(new EndServiceRequest { Id = gone.Id, ServiceEnd = world.Today.AddDays(1).ToString("yyyy-MM-dd"), ExpectedVersion = gone.Version });
        var left = await Refusals.Expect(StatusCode.FailedPrecondition, () => world.Client().EnrolAsync(new EnrolRequest { SessionId = session.Id, ServiceNumber = "KP-GONE" }).ResponseAsync);
        Assert.Equal("NOT_IN_SERVICE", left.Rule());
        Assert.Equal(0, await world.CountAsync(db => db.Enrolments));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Scores_and_dates_out_of_range_are_refused_with_field_violations(DatabaseKind kind)
    {
        await using var world = await TrainingWorld.StartAsync(kind);
        var client = world.Client();
        var session = await world.SessionAsync(world.Today.AddDays(-10), days: 3);
        await world.AddOfficerAsync("KP-1");
        await client.EnrolAsync(new EnrolRequest { SessionId = session.Id, ServiceNumber = "KP-1" });

        var scores = await Refusals.Expect(StatusCode.InvalidArgument, () => client.RecordResultsAsync(new RecordResultsRequest
            { SessionId = session.Id, ServiceNumber = "KP-1", PreTestScore = -1, PostTestScore = 120 }).ResponseAsync);
        var day = await Refusals.Expect(StatusCode.InvalidArgument, () => client.RecordAttendanceAsync(new RecordAttendanceRequest
            { SessionId = session.Id, Day = world.Today.AddDays(-20).ToString("yyyy-MM-dd"), Marks = { new AttendanceMark { ServiceNumber = "KP-1", Present = true }, new AttendanceMark { ServiceNumber = "KP-9", Present = true } } }).ResponseAsync);
        var dates = await Refusals.Expect(StatusCode.InvalidArgument, () => client.CreateSessionAsync(new CreateSessionRequest
            { CurriculumId = session.CurriculumId, InstitutionId = "kp", Location = "Peja", StartDate = "2026-05-10", EndDate = "2026-05-01", Capacity = 0, TrainerServiceNumbers = { "T-001" } }).ResponseAsync);

        Assert.Equal(["pre_test_score", "post_test_score"], scores.Fields());
        Assert.Equal(["day", "marks[1].service_number"], day.Fields());
        Assert.Equal(["end_date", "capacity"], dates.Fields());
        var enrolment = (await client.GetSessionAsync(new GetSessionRequest { Id = session.Id })).Enrolments.Single();
        Assert.False(enrolment.HasPostTestScore);
        Assert.Empty(enrolment.DaysAttended);
        Assert.Equal(1, await world.CountAsync(db => db.Sessions));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_training_officer_of_another_institution_is_refused(DatabaseKind kind)
    {
        await using var world = await TrainingWorld.StartAsync(kind);
        var session = await world.SessionAsync(world.Today.AddDays(3));
        await world.AddOfficerAsync("KP-1");
        var kpc = world.Client(SuiteRoles.TrainingOfficer, "kpc");

        // Another institution's session, named by id, is not found - word for word as an unknown one (no existence oracle);
        // an institution the caller names itself is refused.
        var hidden = await Refusals.Expect(StatusCode.NotFound, () => kpc.EnrolAsync(new EnrolRequest { SessionId = session.Id, ServiceNumber = "KP-1" }).ResponseAsync);
        var unknown = Guid.NewGuid().ToString();
        var missing = await Refusals.Expect(StatusCode.NotFound, () => kpc.EnrolAsync(new EnrolRequest { SessionId = unknown, ServiceNumber = "KP-1" }).ResponseAsync);
        Assert.Equal(missing.Status.Detail, hidden.Status.Detail.Replace(session.Id, unknown));
        await Refusals.Expect(StatusCode.NotFound, () => kpc.GetSessionAsync(new GetSessionRequest { Id = session.Id }).ResponseAsync);
        await Refusals.Expect(StatusCode.PermissionDenied, () => kpc.GetOfficerRecordAsync(new GetOfficerRecordRequest { InstitutionId = "kp", ServiceNumber = "KP-1" }).ResponseAsync);
        await Refusals.Expect(StatusCode.PermissionDenied, () => kpc.ListSessionsAsync(new ListSessionsRequest { InstitutionId = "kp" }).ResponseAsync);
        await Refusals.Expect(StatusCode.PermissionDenied, () => world.Client(SuiteRoles.Oversight).EnrolAsync(new EnrolRequest { SessionId = session.Id, ServiceNumber = "KP-1" }).ResponseAsync);

        Assert.Empty((await kpc.ListSessionsAsync(new ListSessionsRequest())).Sessions);
        Assert.Equal(0, await world.CountAsync(db => db.Enrolments));
    }
}
