using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.Structure.V1;
using GenderArchitecture.TestSupport;
using GenderArchitecture.Training.V1;
using GenderArchitecture.Disclosure.V1;
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

        Assert.Equal(5, compliance.Personnel.Value);
        var c = compliance.Overall;
        Assert.Equal((5L, 3L, 1L, 1L, 1L), (c.Required.Value, c.Valid.Value, c.Expiring.Value, c.Expired.Value, c.NeverTrained.Value));
        Assert.All(new[] { c.Required, c.Valid, c.Expiring, c.Expired, c.NeverTrained, compliance.Personnel }, f => Assert.Equal(Protection.Exact, f.Protection));
        Assert.Equal(0.6, c.ShareCompliant);
        Assert.Equal(1, compliance.QualifiedTrainers.Value);
        Assert.Equal(5, compliance.TraineesPerTrainer);
        Assert.Equal((4 * 40 + 24) / 5.0, compliance.TrainingHoursPerOfficer);
        var fiveDay = Assert.Single(compliance.Curricula);
        Assert.Equal("kp-gender-5day", fiveDay.CurriculumCode);
        var women = fiveDay.Groups.Single(g => g is { Sex: "female", RankBand: "junior" }).Counts;
        Assert.Equal((2L, 2L, 1L), (women.Required.Value, women.Valid.Value, women.Expiring.Value));
        var seniorMen = fiveDay.Groups.Single(g => g is { Sex: "male", RankBand: "middle" }).Counts;
        Assert.Equal((2L, 1L, 1L), (seniorMen.Required.Value, seniorMen.Valid.Value, seniorMen.NeverTrained.Value));

        // Four months on the expiring certificate has lapsed.
        world.Clock.Advance(TimeSpan.FromDays(120));
        var later = await client.GetComplianceAsync(new GetComplianceRequest { RootUnitId = TrainingWorld.Station });
        Assert.Equal((5L, 2L, 2L, 1L), (later.Overall.Required.Value, later.Overall.Valid.Value, later.Overall.Expired.Value, later.Overall.NeverTrained.Value));

        // Oversight boards get no exact figure: every count is a sum of protected base cells (ComplianceDisclosureTests).
        var oversight = await world.Client(SuiteRoles.Oversight).GetComplianceAsync(new GetComplianceRequest { RootUnitId = "kp" });
        Assert.All(oversight.Curricula.Single().Groups, g => Assert.Contains(g.Counts.Required.Protection, new[] { Protection.Adjusted, Protection.Protected }));
        Assert.Contains(oversight.Overall.Required.Protection, new[] { Protection.Adjusted, Protection.Protected });

        // A second curriculum made mandatory for captains only: both captains lack it, and overall each officer
        // counts by the worst standing over the curricula that apply to them.
        var leadership = CurriculaTests.Content("Gender-responsive leadership", hours: 6);
        leadership.Mandates.Add(new Mandate { InstitutionId = "kp", RankCodes = { "captain" }, EffectiveFrom = "2020-01-01" });
        await world.Client(SuiteRoles.Administrator).CreateCurriculumAsync(new CreateCurriculumRequest { Code = "kp-gender-leadership", InstitutionId = "kp", Content = leadership });
        var both = await client.GetComplianceAsync(new GetComplianceRequest { RootUnitId = "kp" });
        Assert.Equal(["kp-gender-5day", "kp-gender-leadership"], both.Curricula.Select(x => x.CurriculumCode));
        var lead = both.Curricula[1].Total;
        Assert.Equal((2L, 0L, 2L), (lead.Required.Value, lead.Valid.Value, lead.NeverTrained.Value));
        Assert.Equal((5L, 1L, 2L, 2L), (both.Overall.Required.Value, both.Overall.Valid.Value, both.Overall.Expired.Value, both.Overall.NeverTrained.Value));
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
