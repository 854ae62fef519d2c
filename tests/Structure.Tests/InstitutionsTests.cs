using GenderArchitecture.Structure.V1;
using GenderArchitecture.TestSupport;
using Grpc.Core;

namespace GenderArchitecture.Structure.Tests;

public sealed class InstitutionsTests
{
    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Seeded_institutions_are_listed_without_a_token(DatabaseKind kind)
    {
        await using var app = await GrpcServiceApp<Program>.StartAsync("Structure", kind);
        var client = new StructureService.StructureServiceClient(app.CreateChannel(token: null));

        var response = await client.ListInstitutionsAsync(new ListInstitutionsRequest());

        var ids = response.Institutions.Select(i => i.Id).ToArray();
        Assert.Contains("kp", ids);
        Assert.Contains("kpc", ids);
        Assert.Contains("kji", ids);
        Assert.All(response.Institutions, i => Assert.Equal(OrganisationUnitKind.Institution, i.Kind));
        Assert.Equal(InstitutionType.Police, response.Institutions.Single(i => i.Id == "kp").InstitutionType);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Seeding_twice_changes_nothing(DatabaseKind kind)
    {
        await using var app = await GrpcServiceApp<Program>.StartAsync("Structure", kind);
        var client = new StructureService.StructureServiceClient(app.CreateChannel(TestTokens.Administrator()));
        var before = await client.ListInstitutionsAsync(new ListInstitutionsRequest());

        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Data.StructureDbContext>();
            var seeder = scope.ServiceProvider.GetRequiredService<ServiceDefaults.Data.IDatabaseSeeder<Data.StructureDbContext>>();
            await seeder.SeedAsync(db, CancellationToken.None);
        }

        var after = await client.ListInstitutionsAsync(new ListInstitutionsRequest());
        Assert.Equal(before.Institutions, after.Institutions);
    }

    [Fact]
    public async Task A_malformed_date_is_refused_with_a_field_violation()
    {
        await using var app = await GrpcServiceApp<Program>.StartAsync("Structure", DatabaseKind.Sqlite);
        var client = new StructureService.StructureServiceClient(app.CreateChannel(token: null));

        var error = await Assert.ThrowsAsync<RpcException>(() => client.ListInstitutionsAsync(new ListInstitutionsRequest { ActiveOn = "31/12/2024" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var badRequest = error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>();
        Assert.Equal("active_on", Assert.Single(badRequest.FieldViolations).Field);
    }

    [Fact]
    public async Task Reading_a_unit_needs_a_token()
    {
        await using var app = await GrpcServiceApp<Program>.StartAsync("Structure", DatabaseKind.Sqlite);
        var anonymous = new StructureService.StructureServiceClient(app.CreateChannel(token: null));
        var signedIn = new StructureService.StructureServiceClient(app.CreateChannel(TestTokens.For("oversight")));

        var error = await Assert.ThrowsAsync<RpcException>(() => anonymous.GetOrganisationUnitAsync(new GetOrganisationUnitRequest { Id = "kp" }).ResponseAsync);
        var unit = await signedIn.GetOrganisationUnitAsync(new GetOrganisationUnitRequest { Id = "kp" });

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal("Kosovo Police", unit.Unit.Name);
    }

    [Fact]
    public async Task An_unknown_unit_is_not_found()
    {
        await using var app = await GrpcServiceApp<Program>.StartAsync("Structure", DatabaseKind.Sqlite);
        var client = new StructureService.StructureServiceClient(app.CreateChannel(TestTokens.Administrator()));

        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetOrganisationUnitAsync(new GetOrganisationUnitRequest { Id = "nowhere" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }
}
