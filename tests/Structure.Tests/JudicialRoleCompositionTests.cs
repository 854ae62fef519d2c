using GenderArchitecture.Disclosure.V1;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.Structure.V1;
using GenderArchitecture.TestSupport;
using DisclosureControl = GenderArchitecture.ServiceDefaults.Disclosure.DisclosureControl;
using SmallCountRounding = GenderArchitecture.ServiceDefaults.Disclosure.SmallCountRounding;

namespace GenderArchitecture.Structure.Tests;

/// <summary>
/// The KJA survey's question - women and communities among judges and prosecutors - answered from the composition
/// grid with the judicial role in its base cells: exact for analysts, sums of protected cells for everyone else.
/// </summary>
public sealed class JudicialRoleCompositionTests
{
    private static readonly DisclosureControl Control = new(new SmallCountRounding(Convert.FromBase64String(TestKeys.Disclosure), 5));

    private static long Adjusted(string sex, string community, string role, long count) =>
        Control.Adjust("structure-composition", $"judiciary|Senior|{sex}|{community}|{role}", count);

    /// <summary>
    /// The judiciary (reference seeds only): judges 8 women and 4 men Albanian, a Serb woman court president; prosecutors
    /// 2 women Bosniak and 9 men Albanian; 3 court staff who are neither.
    /// </summary>
    private static async Task<StructureApp> JudiciaryAsync(DatabaseKind kind)
    {
        var app = await StructureApp.StartAsync(kind);
        async Task Add(int n, string prefix, string unit, Sex sex, string rank, string community)
        {
            for (var i = 0; i < n; i++) await app.PersonAsync($"{prefix}-{i}", unit, sex, rank: rank, institution: "judiciary", community: community);
        }
        await Add(8, "JF", "judiciary-court-peja", Sex.Female, "judge", "Albanian");
        await Add(4, "JM", "judiciary-court-peja", Sex.Male, "judge", "Albanian");
        await Add(1, "CP", "judiciary-court-peja", Sex.Female, "court-president", "Serb");
        await Add(2, "PF", "judiciary-prosecution-peja", Sex.Female, "prosecutor", "Bosniak");
        await Add(9, "PM", "judiciary-prosecution-peja", Sex.Male, "chief-prosecutor", "Albanian");
        await Add(3, "CS", "judiciary-court-peja", Sex.Female, "court-staff", "Albanian");
        return app;
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Analysts_get_women_and_communities_among_judges_and_prosecutors_exactly(DatabaseKind kind)
    {
        await using var app = await JudiciaryAsync(kind);

        var c = await app.ClientFor(SuiteRoles.Analyst).GetCompositionAsync(new GetCompositionRequest { RootUnitId = "judiciary", OnDate = "2024-06-01" });

        Assert.Equal([JudicialRole.Judge, JudicialRole.Prosecutor], c.JudicialRoles.Select(r => r.Role));
        var judges = c.JudicialRoles[0];
        Assert.Equal((13L, 9L, 4L), (judges.Total.Value, judges.Women.Value, judges.Men.Value));
        Assert.Equal(69.2, judges.WomenSharePercent);
        Assert.Equal((1L, Protection.Exact), (judges.Communities.Single(x => x.Community == "Serb").Women.Value, judges.Communities.Single(x => x.Community == "Serb").Women.Protection));
        var prosecutors = c.JudicialRoles[1];
        Assert.Equal((11L, 2L, 9L), (prosecutors.Total.Value, prosecutors.Women.Value, prosecutors.Men.Value));
        Assert.Equal(2L, prosecutors.Communities.Single(x => x.Community == "Bosniak").Women.Value);
        // Court staff are neither; everyone is still in the institution's totals.
        Assert.Equal(27L, c.Total.Value);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Oversight_gets_the_roles_as_sums_of_protected_cells_and_small_groups_stay_protected(DatabaseKind kind)
    {
        await using var app = await JudiciaryAsync(kind);

        var c = await app.ClientFor(SuiteRoles.Oversight).GetCompositionAsync(new GetCompositionRequest { RootUnitId = "judiciary", OnDate = "2024-06-01" });

        var judges = c.JudicialRoles.Single(r => r.Role == JudicialRole.Judge);
        var womenJudges = Adjusted("Female", "Albanian", "Judge", 8) + Adjusted("Female", "Serb", "Judge", 1);
        var menJudges = Adjusted("Male", "Albanian", "Judge", 4);
        Assert.Equal(Published(womenJudges), judges.Women);
        Assert.Equal(Published(menJudges), judges.Men);
        Assert.Equal(Published(womenJudges + menJudges), judges.Total);
        // The one Serb woman judge is her own base cell: published as its protected value, never as 1.
        var serb = judges.Communities.Single(x => x.Community == "Serb").Women;
        Assert.Equal(Published(Adjusted("Female", "Serb", "Judge", 1)), serb);
        Assert.NotEqual(1, serb.Value);
        // Two Bosniak women prosecutors: below the threshold whatever their cell rounds to.
        var bosniak = c.JudicialRoles.Single(r => r.Role == JudicialRole.Prosecutor).Communities.Single(x => x.Community == "Bosniak").Women;
        Assert.NotEqual(Protection.Exact, bosniak.Protection);
        Assert.NotEqual(2, bosniak.Value);
        // Senior figures are sums of the same cells, so role totals cannot be differenced against them to a true count.
        Assert.Equal(c.SeniorTotal.Value, c.JudicialRoles.Sum(r => r.Total.Value));
        Assert.DoesNotContain(c.JudicialRoles.SelectMany(r => new[] { r.Total, r.Women, r.Men }), h => h.Protection == Protection.Exact);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Other_institutions_have_no_judicial_roles(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        await app.PersonAsync("K-1", "kp-station-peja", Sex.Female, rank: "major");

        var c = await app.ClientFor(SuiteRoles.Analyst).GetCompositionAsync(new GetCompositionRequest { RootUnitId = "kp", OnDate = "2024-06-01" });

        Assert.Empty(c.JudicialRoles);
    }

    private static Headcount Published(long adjusted) =>
        adjusted < 5 ? new Headcount { Protection = Protection.Protected } : new Headcount { Value = adjusted, Protection = Protection.Adjusted };
}
