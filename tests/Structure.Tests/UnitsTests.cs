using GenderArchitecture.Structure.V1;
using GenderArchitecture.TestSupport;
using Grpc.Core;

namespace GenderArchitecture.Structure.Tests;

public sealed class UnitsTests
{
    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Units_are_listed_with_their_ancestors_filtered_and_paged(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);

        var stations = await app.Reader.ListOrganisationUnitsAsync(new ListOrganisationUnitsRequest
        {
            RootId = "kp-region-prizren", Kind = OrganisationUnitKind.Station, ActiveOn = "2024-01-01",
        });
        var firstPage = await app.Reader.ListOrganisationUnitsAsync(new ListOrganisationUnitsRequest { InstitutionId = "kp", PageSize = 10 });
        var secondPage = await app.Reader.ListOrganisationUnitsAsync(new ListOrganisationUnitsRequest
        {
            InstitutionId = "kp", PageSize = 10, PageToken = firstPage.NextPageToken,
        });

        Assert.Equal(["kp-station-dragash", "kp-station-malisheva", "kp-station-prizren", "kp-station-suhareka"], stations.Units.Select(u => u.Id));
        Assert.All(stations.Units, u => Assert.Equal(["kp", "kp-region-prizren"], u.AncestorIds));
        Assert.Equal(10, firstPage.Units.Count);
        Assert.NotEmpty(firstPage.NextPageToken);
        Assert.Empty(firstPage.Units.Select(u => u.Id).Intersect(secondPage.Units.Select(u => u.Id)));
        Assert.True(string.CompareOrdinal(firstPage.Units[^1].Id, secondPage.Units[0].Id) < 0);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Seeded_kp_has_thirty_stations_in_seven_regions_and_the_gender_unit(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);

        var stations = await app.Reader.ListOrganisationUnitsAsync(new ListOrganisationUnitsRequest { InstitutionId = "kp", Kind = OrganisationUnitKind.Station });
        var regions = await app.Reader.ListOrganisationUnitsAsync(new ListOrganisationUnitsRequest { InstitutionId = "kp", Kind = OrganisationUnitKind.Region });
        var hrgeu = await app.Reader.GetOrganisationUnitAsync(new GetOrganisationUnitRequest { Id = "kp-hrgeu" });

        Assert.Equal(30, stations.Units.Count);
        Assert.All(stations.Units, s => Assert.StartsWith("kp-station-", s.Id));
        Assert.Equal(7, regions.Units.Count);
        Assert.Equal("Human Rights and Gender Equality Unit", hrgeu.Unit.Name);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Moving_a_unit_under_its_own_descendant_is_refused(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        var region = await app.UnitAsync("t-region", "kp", OrganisationUnitKind.Region);
        await app.UnitAsync("t-station", "t-region", OrganisationUnitKind.Station);

        var error = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => app.Admin.UpdateOrganisationUnitAsync(new UpdateOrganisationUnitRequest
        {
            Id = "t-region", Name = "Moved", ParentId = "t-station", ExpectedVersion = region.Version,
        }).ResponseAsync);

        Assert.Equal(["parent_id"], RpcAssert.ViolatedFields(error));
        var after = await app.Reader.GetOrganisationUnitAsync(new GetOrganisationUnitRequest { Id = "t-region" });
        Assert.Equal(("kp", "Unit t-region", 1L), (after.Unit.ParentId, after.Unit.Name, after.Unit.Version));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Moving_a_unit_updates_the_ancestors_of_its_subtree(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        var region = await app.UnitAsync("t-region", "kp", OrganisationUnitKind.Region);
        await app.UnitAsync("t-station", "t-region", OrganisationUnitKind.Station);

        var moved = await app.Admin.UpdateOrganisationUnitAsync(new UpdateOrganisationUnitRequest
        {
            Id = "t-region", Name = "Moved region", ParentId = "kp-hrgeu", ExpectedVersion = region.Version,
        });
        var station = await app.Reader.GetOrganisationUnitAsync(new GetOrganisationUnitRequest { Id = "t-station" });

        Assert.Equal(2, moved.Unit.Version);
        Assert.Equal(["kp", "kp-hrgeu", "t-region"], station.Unit.AncestorIds);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_stale_version_is_aborted_and_changes_nothing(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        var unit = await app.UnitAsync("t-unit", "kp", OrganisationUnitKind.Unit);
        await app.Admin.UpdateOrganisationUnitAsync(new UpdateOrganisationUnitRequest { Id = "t-unit", Name = "First edit", ExpectedVersion = unit.Version });

        var error = await RpcAssert.FailsWith(StatusCode.Aborted, () => app.Admin.UpdateOrganisationUnitAsync(new UpdateOrganisationUnitRequest
        {
            Id = "t-unit", Name = "Second edit on a stale read", ExpectedVersion = unit.Version,
        }).ResponseAsync);

        Assert.Equal("2", error.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>().Metadata["current_version"]);
        var after = await app.Reader.GetOrganisationUnitAsync(new GetOrganisationUnitRequest { Id = "t-unit" });
        Assert.Equal("First edit", after.Unit.Name);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Invalid_unit_input_is_refused_with_field_violations_and_nothing_is_written(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);

        var error = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => app.Admin.CreateOrganisationUnitAsync(new CreateOrganisationUnitRequest
        {
            Id = "Not A Code", Name = " ", ParentId = "kp", Kind = OrganisationUnitKind.Station, OpenedOn = "2024-13-01",
        }).ResponseAsync);

        Assert.Equal(["id", "name", "opened_on"], RpcAssert.ViolatedFields(error).Order());
        var units = await app.Reader.ListOrganisationUnitsAsync(new ListOrganisationUnitsRequest { InstitutionId = "kp", PageSize = 1000 });
        Assert.DoesNotContain(units.Units, u => u.Name.Length == 0 || u.Id == "Not A Code");
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Unknown_ids_are_not_found(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);

        await RpcAssert.FailsWith(StatusCode.NotFound, () => app.Reader.GetOrganisationUnitAsync(new GetOrganisationUnitRequest { Id = "nowhere" }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.NotFound, () => app.Reader.ListOrganisationUnitsAsync(new ListOrganisationUnitsRequest { RootId = "nowhere" }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.NotFound, () => app.Admin.CreateOrganisationUnitAsync(new CreateOrganisationUnitRequest
        {
            Id = "t-orphan", Name = "Orphan", ParentId = "nowhere", Kind = OrganisationUnitKind.Station, OpenedOn = "2020-01-01",
        }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.NotFound, () => app.Admin.GetPersonAsync(new GetPersonRequest { Id = Guid.NewGuid().ToString() }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.NotFound, () => app.Reader.GetGenderBodyAsync(new GetGenderBodyRequest { Id = "nobody" }).ResponseAsync);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_unit_is_created_only_under_a_parent_open_at_its_opening(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        var region = await app.UnitAsync("t-region", "kp", OrganisationUnitKind.Region, "2015-01-01");

        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => app.UnitAsync("t-early", "t-region", OrganisationUnitKind.Station, "2014-06-01"));
        await RpcAssert.FailsWith(StatusCode.AlreadyExists, () => app.UnitAsync("t-region", "kp", OrganisationUnitKind.Region));
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => app.ClientFor("analyst").CreateOrganisationUnitAsync(new CreateOrganisationUnitRequest
        {
            Id = "t-by-analyst", Name = "By analyst", ParentId = "kp", Kind = OrganisationUnitKind.Unit, OpenedOn = "2020-01-01",
        }).ResponseAsync);
        var created = await app.UnitAsync("t-station", "t-region", OrganisationUnitKind.Station, "2016-01-01");

        Assert.Equal(["kp", "t-region"], created.AncestorIds);
        Assert.Equal("kp", created.InstitutionId);
        Assert.Equal(1, region.Version);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_unit_with_open_children_cannot_close_and_a_closed_unit_drops_out_of_later_dates(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        var region = await app.UnitAsync("t-region", "kp", OrganisationUnitKind.Region);
        var station = await app.UnitAsync("t-station", "t-region", OrganisationUnitKind.Station);

        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => app.Admin.CloseOrganisationUnitAsync(new CloseOrganisationUnitRequest
        {
            Id = "t-region", ClosedOn = "2020-01-01", ExpectedVersion = region.Version,
        }).ResponseAsync);
        await app.Admin.CloseOrganisationUnitAsync(new CloseOrganisationUnitRequest { Id = "t-station", ClosedOn = "2020-01-01", ExpectedVersion = station.Version });
        await app.Admin.CloseOrganisationUnitAsync(new CloseOrganisationUnitRequest { Id = "t-region", ClosedOn = "2020-01-01", ExpectedVersion = region.Version });

        var in2019 = await app.Reader.ListOrganisationUnitsAsync(new ListOrganisationUnitsRequest { RootId = "t-region", ActiveOn = "2019-12-31" });
        var in2020 = await app.Reader.ListOrganisationUnitsAsync(new ListOrganisationUnitsRequest { RootId = "t-region", ActiveOn = "2020-01-01" });
        var during = await app.Reader.ListOrganisationUnitsAsync(new ListOrganisationUnitsRequest { RootId = "t-region", ActiveFrom = "2019-06-01", ActiveTo = "2021-01-01" });

        Assert.Equal(2, in2019.Units.Count);
        Assert.Empty(in2020.Units);
        Assert.Equal(2, during.Units.Count);
    }
}
