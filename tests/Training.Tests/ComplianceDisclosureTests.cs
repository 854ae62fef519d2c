using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Disclosure;
using GenderArchitecture.Structure.V1;
using GenderArchitecture.TestSupport;
using GenderArchitecture.Training.V1;
using Grpc.Core;
using DisclosureV1 = GenderArchitecture.Disclosure.V1;

namespace GenderArchitecture.Training.Tests;

/// <summary>What oversight boards can learn from compliance: sums of protected base cells, nothing finer.</summary>
public sealed class ComplianceDisclosureTests
{
    private const string Region = "t-region";
    private const string RegionStation = "t-region-station";
    private const string FiveDay = "kp-gender-5day";

    /// <summary>The same protection the services apply with the tests' key, to compute what must be published.</summary>
    private static readonly DisclosureControl Control = new(new SmallCountRounding(Convert.FromBase64String(TestKeys.Disclosure), 5));

    private static long Adjusted(string region, string curriculum, string sex, string band, string standing, long count) =>
        Control.Adjust("training-compliance", $"{region}|{curriculum}|{sex}|{band}|{standing}", count);

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Oversight_cannot_get_a_small_group_by_subtracting_the_visible_groups_from_the_total(DatabaseKind kind)
    {
        await using var world = await TrainingWorld.StartAsync(kind);
        for (var i = 0; i < 6; i++) await world.AddOfficerAsync($"F-{i}", Sex.Female, "officer");
        await world.AddOfficerAsync("M-1", Sex.Male, "colonel");
        await world.AddOfficerAsync("M-2", Sex.Male, "colonel");
        await world.ImportAsync(FiveDay, world.Today.AddMonths(-6), "F-0", "F-1", "F-2", "M-1");

        var answer = await world.Client(SuiteRoles.Oversight).GetComplianceAsync(new GetComplianceRequest { RootUnitId = "kp" });

        var fiveDay = answer.Curricula.Single(c => c.CurriculumCode == FiveDay);
        var men = fiveDay.Groups.Single(g => g is { Sex: "male", RankBand: "senior" }).Counts;
        Assert.NotEqual(DisclosureV1.Protection.Exact, men.Required.Protection);
        // Today's attack: the total minus every group shown. Now it yields the men's protected sum, never their true 2.
        var recovered = fiveDay.Total.Required.Value - fiveDay.Groups.Where(g => g.Sex == "female").Sum(g => g.Counts.Required.Value);
        Assert.NotEqual(2, recovered);
        Assert.Equal(men.Required.Value, recovered);
        Assert.Equal(Adjusted("kp", FiveDay, "male", "senior", "Valid", 1) + Adjusted("kp", FiveDay, "male", "senior", "NeverTrained", 1), recovered);
        Assert.Equal("small_count_rounding", answer.ProtectionMethod.Method);
        Assert.Equal(5, answer.ProtectionMethod.Threshold);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task The_same_base_cell_gets_the_same_protected_value_by_group_total_region_curriculum_and_date(DatabaseKind kind)
    {
        await using var world = await TrainingWorld.StartAsync(kind);
        await world.StructureAdmin.CreateOrganisationUnitAsync(new CreateOrganisationUnitRequest { Id = Region, Name = "Test region", Kind = OrganisationUnitKind.Region, ParentId = "kp", OpenedOn = "2005-01-01" });
        await world.StructureAdmin.CreateOrganisationUnitAsync(new CreateOrganisationUnitRequest { Id = RegionStation, Name = "Region station", Kind = OrganisationUnitKind.Station, ParentId = Region, OpenedOn = "2005-01-01" });
        foreach (var n in new[] { "R-F1", "R-F2", "R-F3" }) await world.AddOfficerAsync(n, Sex.Female, "officer", unit: RegionStation);
        foreach (var n in new[] { "R-M1", "R-M2" }) await world.AddOfficerAsync(n, Sex.Male, "officer", unit: RegionStation);
        foreach (var n in new[] { "I-F1", "I-F2" }) await world.AddOfficerAsync(n, Sex.Female, "officer");
        await world.ImportAsync(FiveDay, world.Today.AddMonths(-6), "R-F1", "R-F2", "I-F1", "I-F2");
        await world.ImportAsync(FiveDay, world.Today.AddMonths(-40), "R-M1");
        var oversight = world.Client(SuiteRoles.Oversight);

        var institution = await oversight.GetComplianceAsync(new GetComplianceRequest { RootUnitId = "kp" });
        var region = await oversight.GetComplianceAsync(new GetComplianceRequest { RootUnitId = Region });
        var onlyFiveDay = await oversight.GetComplianceAsync(new GetComplianceRequest { RootUnitId = "kp", CurriculumCode = FiveDay });
        var nextDay = await oversight.GetComplianceAsync(new GetComplianceRequest { RootUnitId = "kp", OnDate = world.Today.AddDays(1).ToString("yyyy-MM-dd") });

        long RegionWomen(string standing, long count) => Adjusted(Region, FiveDay, "female", "junior", standing, count);
        var regionWomen = Group(region, "female", "junior");
        Assert.Equal(Expected(RegionWomen("Valid", 2) + RegionWomen("NeverTrained", 1)), regionWomen.Required);
        Assert.Equal(Expected(RegionWomen("Valid", 2)), regionWomen.Valid);
        var institutionWomen = Group(institution, "female", "junior");
        Assert.Equal(Expected(RegionWomen("Valid", 2) + RegionWomen("NeverTrained", 1) + Adjusted("kp", FiveDay, "female", "junior", "Valid", 2)),
            institutionWomen.Required);
        var regionMen = Group(region, "male", "junior");
        Assert.Equal(Expected(Adjusted(Region, FiveDay, "male", "junior", "Expired", 1) + Adjusted(Region, FiveDay, "male", "junior", "NeverTrained", 1)),
            regionMen.Required);

        // Published totals are the sums of their published parts (a protected part is an adjusted 0).
        foreach (var answer in new[] { institution, region, onlyFiveDay, nextDay })
        {
            var curriculum = answer.Curricula.Single(c => c.CurriculumCode == FiveDay);
            Assert.Equal(curriculum.Total.Required.Value, curriculum.Groups.Sum(g => g.Counts.Required.Value));
            Assert.Equal(curriculum.Total.Valid.Value, curriculum.Groups.Sum(g => g.Counts.Valid.Value));
            Assert.Equal(curriculum.Total.Required.Value,
                (curriculum.Total.Valid.Value) + (curriculum.Total.Expired.Value) + (curriculum.Total.NeverTrained.Value));
            Assert.All(answer.Curricula.SelectMany(c => c.Groups), g => Assert.NotEqual(DisclosureV1.Protection.Exact, g.Counts.Required.Protection));
        }
        // Whatever the path, the same figures: a curriculum asked for alone, the next day (nothing changed), the region inside the institution.
        Assert.Equal(institution.Curricula.Single(), onlyFiveDay.Curricula.Single());
        Assert.Equal(onlyFiveDay.Curricula.Single().Total, onlyFiveDay.Overall);
        Assert.Equal(institution.Curricula, nextDay.Curricula);
        Assert.Equal(institution.Overall, nextDay.Overall);
        // Differencing the institution and its region yields only the protected cell outside the region.
        Assert.Equal(Adjusted("kp", FiveDay, "female", "junior", "Valid", 2), (institutionWomen.Valid.Value) - (regionWomen.Valid.Value));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task An_institutions_regions_come_in_its_answer_add_up_to_it_and_equal_each_region_asked_alone(DatabaseKind kind)
    {
        await using var world = await TrainingWorld.StartAsync(kind);
        await world.StructureAdmin.CreateOrganisationUnitAsync(new CreateOrganisationUnitRequest { Id = Region, Name = "Test region", Kind = OrganisationUnitKind.Region, ParentId = "kp", OpenedOn = "2005-01-01" });
        await world.StructureAdmin.CreateOrganisationUnitAsync(new CreateOrganisationUnitRequest { Id = RegionStation, Name = "Region station", Kind = OrganisationUnitKind.Station, ParentId = Region, OpenedOn = "2005-01-01" });
        foreach (var n in new[] { "R-F1", "R-F2", "R-M1" }) await world.AddOfficerAsync(n, n.Contains('F') ? Sex.Female : Sex.Male, "officer", unit: RegionStation);
        foreach (var n in new[] { "I-F1", "I-M1" }) await world.AddOfficerAsync(n, n.Contains('F') ? Sex.Female : Sex.Male, "officer");
        await world.ImportAsync(FiveDay, world.Today.AddMonths(-6), "R-F1", "I-F1");
        await world.ImportAsync(FiveDay, world.Today.AddMonths(-40), "R-M1");

        foreach (var (reader, exact) in new[] { (world.Client(SuiteRoles.Oversight), false), (world.Client(SuiteRoles.Analyst), true) })
        {
            var institution = await reader.GetComplianceAsync(new GetComplianceRequest { RootUnitId = "kp" });
            var region = await reader.GetComplianceAsync(new GetComplianceRequest { RootUnitId = Region });

            var regions = institution.Regions.ToDictionary(r => r.RegionId, r => r.Counts);
            Assert.Equal(region.Overall, regions[Region]);
            Assert.Equal([Region], region.Regions.Select(r => r.RegionId));
            Assert.Contains("kp", regions.Keys); // the officers outside every region
            Assert.Contains("kp-region-prishtina", regions.Keys); // a seeded region without officers here
            foreach (var figure in new Func<ComplianceCounts, Figure>[] { c => c.Required, c => c.Valid, c => c.Expired, c => c.NeverTrained })
            {
                Assert.Equal(figure(institution.Overall).Value, institution.Regions.Sum(r => figure(r.Counts).Value));
            }
            if (exact) Assert.Equal((3, 2), (regions[Region].Required.Value, regions["kp"].Required.Value));
        }
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Oversight_below_a_region_or_with_another_warning_window_is_refused_and_exact_readers_are_not(DatabaseKind kind)
    {
        await using var world = await TrainingWorld.StartAsync(kind);
        for (var i = 0; i < 3; i++) await world.AddOfficerAsync($"F-{i}", Sex.Female, "officer");
        await world.ImportAsync(FiveDay, world.Today.AddMonths(-6), "F-0");
        var oversight = world.Client(SuiteRoles.Oversight);

        var station = await Refusals.Expect(StatusCode.InvalidArgument, () => oversight.GetComplianceAsync(new GetComplianceRequest { RootUnitId = TrainingWorld.Station }).ResponseAsync);
        Assert.Contains("root_unit_id", station.Status.Detail);
        Assert.Contains("'kp'", station.Status.Detail);
        await Refusals.Expect(StatusCode.InvalidArgument, () => oversight.GetComplianceAsync(new GetComplianceRequest { RootUnitId = "kp", ExpiringWithinDays = 30 }).ResponseAsync);

        foreach (var reader in new[] { world.Client(SuiteRoles.Administrator), world.Client(SuiteRoles.Analyst), world.Client(SuiteRoles.TrainingOfficer, "kp") })
        {
            var exact = await reader.GetComplianceAsync(new GetComplianceRequest { RootUnitId = TrainingWorld.Station, ExpiringWithinDays = 30 });
            var women = exact.Curricula.Single(c => c.CurriculumCode == FiveDay).Groups.Single().Counts;
            Assert.Equal((DisclosureV1.Protection.Exact, 3L, 1L, 2L), (women.Required.Protection, women.Required.Value, women.Valid.Value, women.NeverTrained.Value));
            Assert.Equal("exact", exact.ProtectionMethod.Method);
        }
    }

    private static ComplianceCounts Group(GetComplianceResponse answer, string sex, string band) =>
        answer.Curricula.Single(c => c.CurriculumCode == FiveDay).Groups.Single(g => g.Sex == sex && g.RankBand == band).Counts;

    private static Figure Expected(long adjustedSum)
    {
        var published = Control.Publish(adjustedSum);
        var figure = new Figure { Protection = (DisclosureV1.Protection)published.Protection };
        if (published.Value is { } v) figure.Value = v;
        return figure;
    }
}
