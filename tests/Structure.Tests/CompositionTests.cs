using GenderArchitecture.Disclosure.V1;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.Structure.V1;
using GenderArchitecture.TestSupport;
using Grpc.Core;

namespace GenderArchitecture.Structure.Tests;

public sealed class CompositionTests
{
    /// <summary>
    /// In the subtree on 2024-06-01: women 2 junior + 1 middle + 1 senior = 4, men 3 junior + 1 middle + 2 senior = 6.
    /// Women 4/10 = 40.0%; senior 1/3 = 33.3%. Left out: someone outside the subtree, someone whose service ended,
    /// someone who starts later.
    /// </summary>
    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Composition_of_a_subtree_at_a_date_counts_sex_by_rank_band_and_community(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        await app.UnitAsync("t-region", "kp", OrganisationUnitKind.Region);
        await app.UnitAsync("t-station", "t-region", OrganisationUnitKind.Station);
        await app.PersonAsync("T-01", "t-station", Sex.Female, community: "Albanian");
        await app.PersonAsync("T-02", "t-station", Sex.Female, rank: "sergeant", community: "Serb");
        await app.PersonAsync("T-03", "t-station", Sex.Male, community: "Albanian");
        await app.PersonAsync("T-04", "t-station", Sex.Male);
        await app.PersonAsync("T-05", "t-region", Sex.Male);
        await app.PersonAsync("T-06", "t-region", Sex.Male, rank: "captain");
        await app.PersonAsync("T-07", "t-station", Sex.Female, rank: "lieutenant");
        await app.PersonAsync("T-08", "t-region", Sex.Male, rank: "colonel");
        await app.PersonAsync("T-09", "t-region", Sex.Male, rank: "general-director");
        await app.PersonAsync("T-10", "t-region", Sex.Female, rank: "major");
        await app.PersonAsync("T-11", "kp-station-peja", Sex.Female);
        var ended = await app.PersonAsync("T-12", "t-region", Sex.Female, rank: "colonel");
        await app.Admin.EndServiceAsync(new EndServiceRequest { Id = ended.Id, ServiceEnd = "2024-01-01", ExpectedVersion = ended.Version });
        await app.PersonAsync("T-13", "t-station", Sex.Male, start: "2024-07-01");

        var composition = await app.ClientFor(SuiteRoles.Analyst).GetCompositionAsync(new GetCompositionRequest { RootUnitId = "t-region", OnDate = "2024-06-01" });

        Assert.Equal((10L, 4L, 6L, 40.0), (composition.Total.Value, composition.Women.Value, composition.Men.Value, composition.WomenSharePercent));
        Assert.Equal((3L, 1L, 33.3), (composition.SeniorTotal.Value, composition.SeniorWomen.Value, composition.SeniorWomenSharePercent));
        Assert.All(new[] { composition.Total, composition.Women, composition.Men, composition.SeniorTotal, composition.SeniorWomen, composition.CommunityRecorded },
            h => Assert.Equal(Protection.Exact, h.Protection));
        Assert.Equal("exact", composition.ProtectionMethod.Method);
        var cells = composition.Cells.ToDictionary(c => (c.Sex, c.RankBand), c => c.Count.Value);
        Assert.Equal(new Dictionary<(Sex, RankBand), long>
        {
            [(Sex.Female, RankBand.Junior)] = 2, [(Sex.Female, RankBand.Middle)] = 1, [(Sex.Female, RankBand.Senior)] = 1,
            [(Sex.Male, RankBand.Junior)] = 3, [(Sex.Male, RankBand.Middle)] = 1, [(Sex.Male, RankBand.Senior)] = 2,
        }, cells);
        Assert.Equal([("Albanian", 1L, 1L), ("Serb", 1L, 0L)], composition.Communities.Select(c => (c.Community, c.Women.Value, c.Men.Value)));
        Assert.Equal(3, composition.CommunityRecorded.Value);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Composition_of_an_empty_subtree_is_zero_and_of_an_unknown_unit_not_found(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);

        var empty = await app.ClientFor(SuiteRoles.Administrator).GetCompositionAsync(new GetCompositionRequest { RootUnitId = "kp-hrgeu", OnDate = "2024-06-01" });
        await RpcAssert.FailsWith(StatusCode.NotFound, () => app.Reader.GetCompositionAsync(new GetCompositionRequest { RootUnitId = "nowhere" }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => new StructureService.StructureServiceClient(app.App.CreateChannel(null))
            .GetCompositionAsync(new GetCompositionRequest { RootUnitId = "kp" }).ResponseAsync);

        Assert.Equal((0L, Protection.Exact), (empty.Total.Value, empty.Total.Protection));
        // A share of nobody is not 0 %: it is not given.
        Assert.False(empty.HasWomenSharePercent || empty.HasSeniorWomenSharePercent);
        Assert.Equal(6, empty.Cells.Count);
        Assert.All(empty.Cells, c => Assert.Equal((0L, Protection.Exact), (c.Count.Value, c.Count.Protection)));
    }
}
