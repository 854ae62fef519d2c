using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.TestSupport;
using GenderArchitecture.Training.V1;
using Grpc.Core;

namespace GenderArchitecture.Training.Tests;

public sealed class CurriculaTests
{
    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Seeded_curricula_carry_their_rules_and_mandates(DatabaseKind kind)
    {
        await using var app = await GrpcServiceApp<Program>.StartAsync("Training", kind, new Dictionary<string, string?> { ["Seeds:Demo"] = "false" });
        var client = new TrainingService.TrainingServiceClient(app.CreateChannel(TestTokens.For("training_officer", institution: "kp")));

        var response = await client.ListCurriculaAsync(new ListCurriculaRequest());

        var fiveDay = response.Curricula.Single(c => c.Code == "kp-gender-5day");
        Assert.Equal(40, fiveDay.TotalHours);
        Assert.Equal(5, fiveDay.Modules.Count);
        Assert.Equal([Audience.NewRecruits, Audience.CareerOfficers], fiveDay.Audiences);
        Assert.Equal("kp", fiveDay.Mandates.Single().InstitutionId);
        Assert.Equal(["kp-gender-5day"], response.Curricula.Single(c => c.Code == "kp-gender-tot").PrerequisiteCodes);
        Assert.Equal(0, response.Curricula.Single(c => c.Code == "kji-gender-justice").ValidityMonths);
        Assert.Contains(response.Curricula, c => c.Code == "kpc-gender-modules");
        var forTrainers = await client.ListCurriculaAsync(new ListCurriculaRequest { Audience = Audience.Trainers });
        Assert.Equal("kp-gender-tot", Assert.Single(forTrainers.Curricula).Code);
    }

    [Fact]
    public async Task Curricula_need_a_token()
    {
        await using var app = await GrpcServiceApp<Program>.StartAsync("Training", DatabaseKind.Sqlite, new Dictionary<string, string?> { ["Seeds:Demo"] = "false" });
        var client = new TrainingService.TrainingServiceClient(app.CreateChannel(token: null));

        await Refusals.Expect(StatusCode.Unauthenticated, () => client.ListCurriculaAsync(new ListCurriculaRequest()).ResponseAsync);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Editing_a_delivered_curriculum_makes_a_new_version_and_certificates_keep_theirs(DatabaseKind kind)
    {
        await using var world = await TrainingWorld.StartAsync(kind);
        var client = world.Client();
        var created = (await client.CreateCurriculumAsync(new CreateCurriculumRequest
        {
            Code = "kp-dv-response", InstitutionId = "kp", Content = Content("Domestic violence response", hours: 8),
        })).Curriculum;

        // Not yet delivered: edited in place.
        var edited = await client.UpdateCurriculumAsync(new UpdateCurriculumRequest { Id = created.Id, ExpectedRevision = created.Revision, Content = Content("Domestic violence: the police response", hours: 10) });
        Assert.False(edited.NewVersion);
        Assert.Equal(1, edited.Curriculum.Version);
        Assert.Equal(10, edited.Curriculum.TotalHours);

        // A stale revision is refused.
        await Refusals.Expect(StatusCode.Aborted, () => client.UpdateCurriculumAsync(new UpdateCurriculumRequest { Id = created.Id, ExpectedRevision = created.Revision, Content = Content("x", 1) }).ResponseAsync);

        await world.AddOfficerAsync("KP-100");
        await world.ImportAsync("kp-dv-response", world.Today.AddMonths(-2), "KP-100");
        var second = await client.UpdateCurriculumAsync(new UpdateCurriculumRequest { Id = created.Id, ExpectedRevision = edited.Curriculum.Revision, Content = Content("Domestic violence: response and referral", hours: 12) });

        Assert.True(second.NewVersion);
        Assert.Equal(2, second.Curriculum.Version);
        Assert.NotEqual(created.Id, second.Curriculum.Id);
        var certificate = (await client.ListCertificatesAsync(new ListCertificatesRequest { ServiceNumber = "KP-100" })).Certificates.Single();
        Assert.Equal(1, certificate.CurriculumVersion);
        Assert.Equal("Domestic violence: the police response", certificate.CurriculumTitle);
        var versions = await client.ListCurriculaAsync(new ListCurriculaRequest { Code = "kp-dv-response", AllVersions = true });
        Assert.Equal([2, 1], versions.Curricula.Select(c => c.Version));
        // The superseded version cannot be edited any more.
        var stale = await Refusals.Expect(StatusCode.FailedPrecondition, () => client.UpdateCurriculumAsync(new UpdateCurriculumRequest { Id = created.Id, ExpectedRevision = edited.Curriculum.Revision, Content = Content("y", 1) }).ResponseAsync);
        Assert.Equal("NOT_LATEST_VERSION", stale.Rule());
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Curriculum_rules_out_of_range_are_refused_field_by_field(DatabaseKind kind)
    {
        await using var app = await GrpcServiceApp<Program>.StartAsync("Training", kind, new Dictionary<string, string?> { ["Seeds:Demo"] = "false" });
        var client = new TrainingService.TrainingServiceClient(app.CreateChannel(TestTokens.For(SuiteRoles.Administrator)));
        var content = Content("Bad", hours: -1);
        content.PassMark = 140;
        content.MinimumAttendancePercent = -5;
        content.PrerequisiteCodes.Add("no-such-course");

        var error = await Refusals.Expect(StatusCode.InvalidArgument, () => client.CreateCurriculumAsync(new CreateCurriculumRequest { Code = "Bad Code", InstitutionId = "kp", Content = content }).ResponseAsync);

        Assert.Equal(["code", "content.modules[0].hours", "content.pass_mark", "content.minimum_attendance_percent", "content.prerequisite_codes"],
            error.Fields().Distinct());
        Assert.Equal(4, (await client.ListCurriculaAsync(new ListCurriculaRequest())).Curricula.Count);
    }

    internal static CurriculumContent Content(string title, double hours)
    {
        var content = new CurriculumContent
        {
            Title = title, PassMark = 70, MinimumAttendancePercent = 80, ValidityMonths = 24, RecertificationWindowMonths = 3,
            Modules = { new CurriculumModule { Code = "m1", Title = "Module one", Hours = hours } },
            Audiences = { Audience.CareerOfficers },
        };
        return content;
    }
}
