using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.Structure.V1;
using GenderArchitecture.TestSupport;
using GenderArchitecture.Training.V1;
using Grpc.Core;

namespace GenderArchitecture.Training.Tests;

public sealed class ComplianceTests
{
    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Compliance_counts_valid_expiring_expired_and_never_trained_by_sex_and_rank_band(DatabaseKind kind)
    {
        await using var world = await TrainingWorld.StartAsync(kind);
        await world.AddOfficerAsync("F-VALID", Sex.Female, "officer");
        await world.AddOfficerAsync("F-EXPIRING", Sex.Female, "officer");
        await world.AddOfficerAsync("M-EXPIRED", Sex.Male, "officer");
        await world.AddOfficerAsync("M-NEVER", Sex.Male, "captain");
        await world.AddOfficerAsync("M-TRAINER", Sex.Male, "captain");
        var today = world.Today;
        await world.ImportAsync("kp-gender-5day", today.AddMonths(-6), "F-VALID", "M-TRAINER");
        await world.ImportAsync("kp-gender-5day", today.AddMonths(-35), "F-EXPIRING");
        await world.ImportAsync("kp-gender-5day", today.AddMonths(-40), "M-EXPIRED");
        await world.ImportAsync("kp-gender-tot", today.AddMonths(-3), "M-TRAINER");
        var client = world.Client(SuiteRoles.Analyst);

        var compliance = await client.GetComplianceAsync(new GetComplianceRequest { RootUnitId = "kp" });

        Assert.Equal(5, compliance.Personnel);
        var c = compliance.Overall;
        Assert.Equal((5, 3, 1, 1, 1), (c.Required, c.Valid, c.Expiring, c.Expired, c.NeverTrained));
        Assert.Equal(0.6, c.ShareCompliant);
        Assert.Equal(1, compliance.QualifiedTrainers);
        Assert.Equal(5, compliance.TraineesPerTrainer);
        Assert.Equal((4 * 40 + 24) / 5.0, compliance.TrainingHoursPerOfficer);
        var fiveDay = Assert.Single(compliance.Curricula);
        Assert.Equal("kp-gender-5day", fiveDay.CurriculumCode);
        var women = fiveDay.Groups.Single(g => g is { Sex: "female", RankBand: "junior" }).Counts;
        Assert.Equal((2, 2, 1), (women.Required, women.Valid, women.Expiring));
        var seniorMen = fiveDay.Groups.Single(g => g is { Sex: "male", RankBand: "middle" }).Counts;
        Assert.Equal((2, 1, 1), (seniorMen.Required, seniorMen.Valid, seniorMen.NeverTrained));

        // Four months on the expiring certificate has lapsed.
        world.Clock.Advance(TimeSpan.FromDays(120));
        var later = await client.GetComplianceAsync(new GetComplianceRequest { RootUnitId = TrainingWorld.Station });
        Assert.Equal((5, 2, 2, 1), (later.Overall.Required, later.Overall.Valid, later.Overall.Expired, later.Overall.NeverTrained));

        // Oversight boards see groups below five officers withheld.
        var oversight = await world.Client(SuiteRoles.Oversight).GetComplianceAsync(new GetComplianceRequest { RootUnitId = "kp" });
        Assert.All(oversight.Curricula.Single().Groups, g => Assert.True(g.Counts.Suppressed));
        Assert.Equal(5, oversight.Overall.Required);

        // A second curriculum made mandatory for captains only: both captains lack it, and overall each officer
        // counts by the worst standing over the curricula that apply to them.
        var leadership = CurriculaTests.Content("Gender-responsive leadership", hours: 6);
        leadership.Mandates.Add(new Mandate { InstitutionId = "kp", RankCodes = { "captain" }, EffectiveFrom = "2020-01-01" });
        await world.Client(SuiteRoles.Administrator).CreateCurriculumAsync(new CreateCurriculumRequest { Code = "kp-gender-leadership", InstitutionId = "kp", Content = leadership });
        var both = await client.GetComplianceAsync(new GetComplianceRequest { RootUnitId = "kp" });
        Assert.Equal(["kp-gender-5day", "kp-gender-leadership"], both.Curricula.Select(x => x.CurriculumCode));
        var lead = both.Curricula[1].Total;
        Assert.Equal((2, 0, 2), (lead.Required, lead.Valid, lead.NeverTrained));
        Assert.Equal((5, 1, 2, 2), (both.Overall.Required, both.Overall.Valid, both.Overall.Expired, both.Overall.NeverTrained));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Compliance_of_another_institution_is_refused_to_a_training_officer(DatabaseKind kind)
    {
        await using var world = await TrainingWorld.StartAsync(kind);

        await Refusals.Expect(StatusCode.PermissionDenied, () => world.Client(SuiteRoles.TrainingOfficer, "kpc")
            .GetComplianceAsync(new GetComplianceRequest { RootUnitId = "kp" }).ResponseAsync);
        await Refusals.Expect(StatusCode.PermissionDenied, () => world.Client(SuiteRoles.FocalPoint)
            .GetComplianceAsync(new GetComplianceRequest { RootUnitId = "kp" }).ResponseAsync);
        await Refusals.Expect(StatusCode.NotFound, () => world.Client(SuiteRoles.Analyst)
            .GetComplianceAsync(new GetComplianceRequest { RootUnitId = "no-such-unit" }).ResponseAsync);
    }
}
