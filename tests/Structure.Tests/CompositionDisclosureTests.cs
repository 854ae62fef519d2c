using GenderArchitecture.Disclosure.V1;
using GenderArchitecture.ServiceDefaults.Auth;
using DisclosureControl = GenderArchitecture.ServiceDefaults.Disclosure.DisclosureControl;
using SmallCountRounding = GenderArchitecture.ServiceDefaults.Disclosure.SmallCountRounding;
using GenderArchitecture.Structure.V1;
using GenderArchitecture.TestSupport;
using Grpc.Core;
using Xunit.Abstractions;

namespace GenderArchitecture.Structure.Tests;

/// <summary>What readers without exact access can learn from composition: sums of protected base cells, nothing finer.</summary>
public sealed class CompositionDisclosureTests(ITestOutputHelper output)
{
    /// <summary>The same protection the service applies with the tests' key, to compute what must be published.</summary>
    private static readonly DisclosureControl Control = new(new SmallCountRounding(Convert.FromBase64String(TestKeys.Disclosure), 5));

    private static long Adjusted(string band, string sex, string community, long count) =>
        Control.Adjust("structure-composition", $"kp|{band}|{sex}|{community}", count);

    /// <summary>
    /// KP (reference seeds only, so these are all its people): women 7 junior Albanian; men 6 junior Albanian, 1 senior
    /// Serb, 2 middle without a community. Today's answer gave the senior Serb away (total minus the other cells).
    /// </summary>
    private static async Task<StructureApp> KpAsync(DatabaseKind kind)
    {
        var app = await StructureApp.StartAsync(kind);
        for (var i = 0; i < 7; i++) await app.PersonAsync($"F-{i}", "kp-station-peja", Sex.Female, community: "Albanian");
        for (var i = 0; i < 6; i++) await app.PersonAsync($"M-{i}", "kp-station-peja", Sex.Male, community: "Albanian");
        await app.PersonAsync("M-S", "kp-station-peja", Sex.Male, rank: "colonel", community: "Serb");
        await app.PersonAsync("M-C1", "kp-station-peja", Sex.Male, rank: "captain");
        await app.PersonAsync("M-C2", "kp-station-peja", Sex.Male, rank: "captain");
        return app;
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Oversight_gets_sums_of_protected_cells_and_cannot_subtract_its_way_to_a_small_group(DatabaseKind kind)
    {
        await using var app = await KpAsync(kind);

        var c = await app.Reader.GetCompositionAsync(new GetCompositionRequest { RootUnitId = "kp", OnDate = "2024-06-01" });

        // Every base cell is rounded to a multiple of 6: the 7 women to 6 or 12, the 6 men stay 6.
        var women = Adjusted("Junior", "Female", "Albanian", 7);
        var men = Adjusted("Junior", "Male", "Albanian", 6);
        Assert.Equal(6, men);
        var seniorSerb = Adjusted("Senior", "Male", "Serb", 1);
        var middle = Adjusted("Middle", "Male", "", 2);
        Assert.Equal(Figure(women + men + seniorSerb + middle), c.Total);
        Assert.Equal(Figure(women), c.Women);
        Assert.Equal(Figure(men + seniorSerb + middle), c.Men);
        Assert.Equal(Figure(seniorSerb), c.SeniorTotal);
        Assert.Equal(Protection.NoData, c.SeniorWomen.Protection);
        Assert.Equal(Figure(women + men + seniorSerb), c.CommunityRecorded);
        var serbs = c.Communities.Single(x => x.Community == "Serb");
        Assert.Equal((Figure(seniorSerb), Protection.NoData), (serbs.Men, serbs.Women.Protection));
        // Published totals are the sums of their published parts (a protected part is an adjusted 0) ...
        Assert.Equal(c.Total.Value, c.Cells.Sum(x => x.Count.Value));
        Assert.Equal(c.Total.Value, c.Women.Value + c.Men.Value);
        // ... so the attacker's difference is the senior Serb's protected cell, 0 or 6, never the true 1.
        var recovered = c.Total.Value - c.Cells.Where(x => x.RankBand != RankBand.Senior).Sum(x => x.Count.Value);
        Assert.Equal(seniorSerb, recovered);
        Assert.NotEqual(1, recovered);
        Assert.Equal(Math.Round(100.0 * women / c.Total.Value, 1, MidpointRounding.AwayFromZero), c.WomenSharePercent);
        Assert.Equal("small_count_rounding", c.ProtectionMethod.Method);
        Assert.Equal("institution x rank band x judicial role x sex x community", c.ProtectionMethod.BaseCellGrain);
        Assert.DoesNotContain(new[] { c.Total, c.Women, c.Men, c.SeniorTotal, c.CommunityRecorded }, h => h.Protection == Protection.Exact);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task The_same_cell_is_protected_the_same_way_at_every_date_and_a_change_moves_only_its_own_cell(DatabaseKind kind)
    {
        await using var app = await KpAsync(kind);
        await app.PersonAsync("F-LATE", "kp-station-peja", Sex.Female, rank: "major", start: "2024-03-01");

        var before = await app.Reader.GetCompositionAsync(new GetCompositionRequest { RootUnitId = "kp", OnDate = "2024-01-01" });
        var alsoBefore = await app.Reader.GetCompositionAsync(new GetCompositionRequest { RootUnitId = "kp", OnDate = "2024-02-01" });
        var after = await app.Reader.GetCompositionAsync(new GetCompositionRequest { RootUnitId = "kp", OnDate = "2024-06-01" });

        Assert.Equal(before.Cells, alsoBefore.Cells);
        Assert.Equal(before.Total, alsoBefore.Total);
        // Reading before and after the senior woman joined: the difference is her cell's protected value, not 1.
        Assert.Equal(Adjusted("Senior", "Female", "", 1), after.Total.Value - before.Total.Value);
        Assert.Equal(before.Cells.Where(x => x.Sex == Sex.Male), after.Cells.Where(x => x.Sex == Sex.Male));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Below_an_institution_protected_readers_are_refused_and_administrators_and_analysts_get_exact_figures(DatabaseKind kind)
    {
        await using var app = await KpAsync(kind);

        foreach (var role in new[] { SuiteRoles.Oversight, SuiteRoles.FocalPoint, SuiteRoles.TrainingOfficer })
        {
            var error = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => app.ClientFor(role)
                .GetCompositionAsync(new GetCompositionRequest { RootUnitId = "kp-station-peja", OnDate = "2024-06-01" }).ResponseAsync);
            Assert.Equal(["root_unit_id"], RpcAssert.ViolatedFields(error));
            Assert.Contains("'kp'", error.Status.Detail);
        }
        foreach (var role in new[] { SuiteRoles.Administrator, SuiteRoles.Analyst })
        {
            var exact = await app.ClientFor(role).GetCompositionAsync(new GetCompositionRequest { RootUnitId = "kp-station-peja", OnDate = "2024-06-01" });
            Assert.Equal((16L, 7L, 9L, 1L), (exact.Total.Value, exact.Women.Value, exact.Men.Value, exact.SeniorTotal.Value));
            Assert.Equal(Protection.Exact, exact.Total.Protection);
            Assert.Equal((0L, Protection.Exact), (exact.SeniorWomen.Value, exact.SeniorWomen.Protection));
            Assert.Equal((1L, Protection.Exact), (exact.Communities.Single(x => x.Community == "Serb").Men.Value, exact.Communities.Single(x => x.Community == "Serb").Men.Protection));
        }
    }

    /// <summary>What protection costs oversight readers on the demonstration data: measured, printed, and bounded.</summary>
    [Fact]
    public async Task On_the_demonstration_data_protected_shares_stay_close_to_the_exact_ones()
    {
        await using var app = await StructureApp.StartAsync(DatabaseKind.Sqlite, demo: true);
        var analyst = app.ClientFor(SuiteRoles.Analyst);
        var institutions = (await app.Reader.ListInstitutionsAsync(new ListInstitutionsRequest())).Institutions.Select(i => i.Id).ToList();

        int published = 0, withheld = 0;
        var womenShareErrors = new List<double>();
        var seniorShareErrors = new List<double>();
        foreach (var id in institutions)
        {
            var exact = await analyst.GetCompositionAsync(new GetCompositionRequest { RootUnitId = id, OnDate = "2025-06-30" });
            var shown = await app.Reader.GetCompositionAsync(new GetCompositionRequest { RootUnitId = id, OnDate = "2025-06-30" });
            var counts = new[] { shown.Total, shown.Women, shown.Men, shown.SeniorTotal, shown.SeniorWomen, shown.CommunityRecorded }
                .Concat(shown.Cells.Select(x => x.Count)).Concat(shown.Communities.SelectMany(x => new[] { x.Women, x.Men }))
                .Where(h => h.Protection != Protection.NoData).ToList();
            published += counts.Count(h => h.Protection == Protection.Adjusted);
            withheld += counts.Count(h => h.Protection == Protection.Protected);
            if (exact.HasWomenSharePercent && shown.HasWomenSharePercent)
            {
                womenShareErrors.Add(Math.Abs(exact.WomenSharePercent - shown.WomenSharePercent));
                if (exact.Total.Value >= 200) Assert.True(womenShareErrors[^1] < 3, $"{id}: the women's share of a large institution moves by less than 3 points");
            }
            if (exact.HasSeniorWomenSharePercent && shown.HasSeniorWomenSharePercent) seniorShareErrors.Add(Math.Abs(exact.SeniorWomenSharePercent - shown.SeniorWomenSharePercent));
            output.WriteLine($"{id}: total {exact.Total.Value} -> {shown.Total.Value}; women {exact.WomenSharePercent}% -> {(shown.HasWomenSharePercent ? shown.WomenSharePercent : null)}%; " +
                $"senior women {(exact.HasSeniorWomenSharePercent ? exact.SeniorWomenSharePercent : null)}% -> {(shown.HasSeniorWomenSharePercent ? shown.SeniorWomenSharePercent : null)}%");
        }
        output.WriteLine($"Counts shown to oversight: {published} published, {withheld} protected ({100.0 * withheld / Math.Max(1, published + withheld):F1}% protected). " +
            $"Mean absolute change: women's share {womenShareErrors.DefaultIfEmpty().Average():F2} points over {womenShareErrors.Count} institutions, " +
            $"senior women's share {seniorShareErrors.DefaultIfEmpty().Average():F2} points over {seniorShareErrors.Count}.");

        Assert.NotEmpty(womenShareErrors);
    }

    private static Headcount Figure(long adjustedSum)
    {
        var published = Control.Publish(adjustedSum);
        var headcount = new Headcount { Protection = (Protection)published.Protection };
        if (published.Value is { } v) headcount.Value = v;
        return headcount;
    }
}
