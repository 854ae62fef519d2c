using GenderArchitecture.Structure.V1;
using GenderArchitecture.TestSupport;
using Grpc.Core;

namespace GenderArchitecture.Structure.Tests;

public sealed class PersonnelTests
{
    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_duplicate_service_number_in_the_same_institution_already_exists(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        await app.PersonAsync("T-1", "kp-station-peja", Sex.Female);

        var error = await RpcAssert.FailsWith(StatusCode.AlreadyExists, () => app.PersonAsync("T-1", "kp-station-gjilan", Sex.Male));
        var otherInstitution = await app.PersonAsync("T-1", "kpc-hq", Sex.Male, rank: "private", institution: "kpc");

        Assert.Contains("T-1", error.Status.Detail);
        Assert.Equal("kpc", otherInstitution.InstitutionId);
        var listed = await app.Admin.ListPersonnelAsync(new ListPersonnelRequest { RootUnitId = "kp", ActiveOn = "2020-01-01" });
        Assert.Equal("kp-station-peja", Assert.Single(listed.Personnel).UnitId);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Unknown_rank_missing_sex_and_bad_dates_are_refused_and_nothing_is_written(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);

        var missing = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => app.Admin.CreatePersonAsync(new CreatePersonRequest
        {
            InstitutionId = "kp", ServiceNumber = "T-2", GivenName = "", FamilyName = "Shala", Sex = Sex.Unspecified,
            RankCode = "officer", UnitId = "kp-station-peja", ServiceStart = "2020-02-30",
        }).ResponseAsync);
        var rank = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => app.PersonAsync("T-3", "kp-station-peja", Sex.Female, rank: "judge"));
        var unit = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => app.PersonAsync("T-4", "judiciary-court-peja", Sex.Female));

        Assert.Equal(["given_name", "service_start", "sex"], RpcAssert.ViolatedFields(missing).Order());
        Assert.Equal(["rank_code"], RpcAssert.ViolatedFields(rank));
        Assert.Equal(["unit_id"], RpcAssert.ViolatedFields(unit));
        var listed = await app.Admin.ListPersonnelAsync(new ListPersonnelRequest { RootUnitId = "kp", ActiveOn = "2025-01-01" });
        Assert.Empty(listed.Personnel);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Officers_resolve_by_service_number_with_rank_band_and_status_at_a_date(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        var captain = await app.PersonAsync("T-10", "kp-station-prizren", Sex.Female, rank: "colonel", start: "2012-05-01");
        await app.Admin.EndServiceAsync(new EndServiceRequest { Id = captain.Id, ServiceEnd = "2020-01-01", ExpectedVersion = captain.Version });

        var in2015 = await app.Admin.ResolveOfficersAsync(new ResolveOfficersRequest { InstitutionId = "kp", ServiceNumbers = { "T-10", "T-99" }, OnDate = "2015-01-01" });
        var in2021 = await app.Admin.ResolveOfficersAsync(new ResolveOfficersRequest { InstitutionId = "kp", ServiceNumbers = { "T-10" }, OnDate = "2021-01-01" });

        var officer = Assert.Single(in2015.Officers);
        Assert.Equal(("kp-station-prizren", RankBand.Senior, true), (officer.UnitId, officer.RankBand, officer.InService));
        Assert.Equal(["T-99"], in2015.NotFound);
        Assert.False(Assert.Single(in2021.Officers).InService);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Personnel_lists_the_subtree_in_service_at_a_date_page_by_page(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        await app.PersonAsync("T-01", "kp-station-prizren", Sex.Female, start: "2010-01-01");
        await app.PersonAsync("T-02", "kp-station-suhareka", Sex.Male, start: "2010-01-01");
        await app.PersonAsync("T-03", "kp-region-prizren", Sex.Male, start: "2010-01-01");
        await app.PersonAsync("T-04", "kp-station-prizren", Sex.Male, start: "2022-01-01");
        await app.PersonAsync("T-05", "kp-station-peja", Sex.Female, start: "2010-01-01");

        var first = await app.Admin.ListPersonnelAsync(new ListPersonnelRequest { RootUnitId = "kp-region-prizren", ActiveOn = "2021-01-01", PageSize = 2 });
        var second = await app.Admin.ListPersonnelAsync(new ListPersonnelRequest { RootUnitId = "kp-region-prizren", ActiveOn = "2021-01-01", PageSize = 2, PageToken = first.NextPageToken });

        Assert.Equal(["T-01", "T-02"], first.Personnel.Select(p => p.ServiceNumber));
        Assert.Equal(["T-03"], second.Personnel.Select(p => p.ServiceNumber));
        Assert.Empty(second.NextPageToken);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_person_update_checks_the_version_and_the_rank_catalogue(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        var person = await app.PersonAsync("T-20", "kp-station-peja", Sex.Female);
        UpdatePersonRequest Edit(string rank, long version) => new()
        {
            Id = person.Id, GivenName = "Arta", FamilyName = "Krasniqi", Sex = Sex.Female, RankCode = rank, UnitId = "kp-station-klina", ExpectedVersion = version,
        };

        var promoted = await app.Admin.UpdatePersonAsync(Edit("captain", person.Version));
        await RpcAssert.FailsWith(StatusCode.Aborted, () => app.Admin.UpdatePersonAsync(Edit("major", person.Version)).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => app.Admin.UpdatePersonAsync(Edit("admiral", promoted.Person.Version)).ResponseAsync);

        var stored = await app.Admin.GetPersonAsync(new GetPersonRequest { Id = person.Id });
        Assert.Equal(("captain", RankBand.Middle, "kp-station-klina", 2L), (stored.Person.RankCode, stored.Person.RankBand, stored.Person.UnitId, stored.Person.Version));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_person_who_moved_is_counted_in_the_unit_of_each_date(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        var person = await app.PersonAsync("T-30", "kp-station-istog", Sex.Female, start: "2015-01-01");
        await app.Admin.UpdatePersonAsync(new UpdatePersonRequest
        {
            Id = person.Id, GivenName = "Given", FamilyName = "T-30", Sex = Sex.Female, RankCode = "officer", UnitId = "kp-station-klina",
            UnitEffectiveOn = "2022-01-01", ExpectedVersion = person.Version,
        });
        Task<ResolveOfficersResponse> ResolveOn(string date) =>
            app.Admin.ResolveOfficersAsync(new ResolveOfficersRequest { InstitutionId = "kp", ServiceNumbers = { "T-30" }, OnDate = date }).ResponseAsync;
        Task<GetCompositionResponse> CompositionOf(string unit, string date) =>
            app.ClientFor(ServiceDefaults.Auth.SuiteRoles.Analyst).GetCompositionAsync(new GetCompositionRequest { RootUnitId = unit, OnDate = date }).ResponseAsync;

        Assert.Equal("kp-station-istog", Assert.Single((await ResolveOn("2021-12-31")).Officers).UnitId);
        Assert.Equal("kp-station-klina", Assert.Single((await ResolveOn("2022-01-01")).Officers).UnitId);
        Assert.Equal((1L, 0L), ((await CompositionOf("kp-station-istog", "2021-06-01")).Women.Value, (await CompositionOf("kp-station-klina", "2021-06-01")).Women.Value));
        Assert.Equal((0L, 1L), ((await CompositionOf("kp-station-istog", "2023-06-01")).Women.Value, (await CompositionOf("kp-station-klina", "2023-06-01")).Women.Value));
        var klina2021 = await app.Admin.ListPersonnelAsync(new ListPersonnelRequest { RootUnitId = "kp-station-klina", ActiveOn = "2021-06-01" });
        var istog2021 = await app.Admin.ListPersonnelAsync(new ListPersonnelRequest { RootUnitId = "kp-region-peja", ActiveOn = "2021-06-01" });
        Assert.Empty(klina2021.Personnel);
        Assert.Equal(("kp-station-istog", "2022-01-01"), (Assert.Single(istog2021.Personnel).UnitId, istog2021.Personnel[0].UnitSince));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_move_dated_before_the_current_posting_is_refused_and_nothing_changes(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        var person = await app.PersonAsync("T-31", "kp-station-istog", Sex.Male, start: "2015-01-01");

        var error = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => app.Admin.UpdatePersonAsync(new UpdatePersonRequest
        {
            Id = person.Id, GivenName = "Given", FamilyName = "T-31", Sex = Sex.Male, RankCode = "officer", UnitId = "kp-station-klina",
            UnitEffectiveOn = "2014-01-01", ExpectedVersion = person.Version,
        }).ResponseAsync);

        Assert.Equal(["unit_effective_on"], RpcAssert.ViolatedFields(error));
        var stored = (await app.Admin.GetPersonAsync(new GetPersonRequest { Id = person.Id })).Person;
        Assert.Equal(("kp-station-istog", 1L), (stored.UnitId, stored.Version));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_rank_added_to_the_catalogue_can_be_given_and_counts_in_its_band(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);

        var cadet = (await app.Admin.CreateRankAsync(new CreateRankRequest { InstitutionId = "kp", Code = "cadet", Name = "Cadet", Band = RankBand.Junior })).Rank;
        await RpcAssert.FailsWith(StatusCode.AlreadyExists, () => app.Admin.CreateRankAsync(new CreateRankRequest { InstitutionId = "kp", Code = "cadet", Name = "Cadet", Band = RankBand.Junior }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => app.Admin.CreateRankAsync(new CreateRankRequest { InstitutionId = "kp-hrgeu", Code = "x", Name = "X", Band = RankBand.Junior }).ResponseAsync);
        var person = await app.PersonAsync("T-40", "kp-station-viti", Sex.Female, rank: "cadet");
        var ranks = await app.Reader.ListRanksAsync(new ListRanksRequest { InstitutionId = "kp" });

        Assert.Equal(ranks.Ranks.Max(r => r.Order), cadet.Order);
        Assert.Equal(RankBand.Junior, person.RankBand);
    }
}
