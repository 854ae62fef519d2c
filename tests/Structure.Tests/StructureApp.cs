using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.Structure.V1;
using GenderArchitecture.TestSupport;
using Grpc.Core;
using Microsoft.Extensions.Configuration;

namespace GenderArchitecture.Structure.Tests;

/// <summary>A Structure service on its own database with the reference seeds only (no demonstration data).</summary>
internal sealed class StructureApp : IAsyncDisposable
{
    private StructureApp(GrpcServiceApp<Program> app)
    {
        App = app;
        Admin = new StructureService.StructureServiceClient(app.CreateChannel(TestTokens.Administrator()));
        Reader = new StructureService.StructureServiceClient(app.CreateChannel(TestTokens.For(SuiteRoles.Oversight)));
    }

    public GrpcServiceApp<Program> App { get; }
    public StructureService.StructureServiceClient Admin { get; }
    public StructureService.StructureServiceClient Reader { get; }

    public static async Task<StructureApp> StartAsync(DatabaseKind kind, bool demo = false) =>
        new(await GrpcServiceApp<Program>.StartAsync("Structure", kind, new Dictionary<string, string?> { ["Seeds:Demo"] = demo ? "true" : "false" }));

    /// <summary>A second host on this app's database, as another replica: its own memory, the same rows.</summary>
    public async Task<GrpcServiceApp<Program>> StartReplicaAsync(Action<IServiceCollection>? configureServices = null) =>
        await GrpcServiceApp<Program>.StartAsync("Structure", App.Kind, new Dictionary<string, string?>
        {
            ["Seeds:Demo"] = "false",
            ["ConnectionStrings:Structure"] = App.Services.GetRequiredService<IConfiguration>()["ConnectionStrings:Structure"],
        }, configureServices);

    public StructureService.StructureServiceClient ClientFor(string role) =>
        new(App.CreateChannel(TestTokens.For(role)));

    public async Task<OrganisationUnit> UnitAsync(string id, string parentId, OrganisationUnitKind kind, string openedOn = "2010-01-01") =>
        (await Admin.CreateOrganisationUnitAsync(new CreateOrganisationUnitRequest
        {
            Id = id, Name = $"Unit {id}", ParentId = parentId, Kind = kind, OpenedOn = openedOn,
        })).Unit;

    public async Task<Person> PersonAsync(string serviceNumber, string unitId, Sex sex, string rank = "officer", string start = "2010-01-01",
        string institution = "kp", string community = "") =>
        (await Admin.CreatePersonAsync(new CreatePersonRequest
        {
            InstitutionId = institution, ServiceNumber = serviceNumber, GivenName = "Given", FamilyName = serviceNumber, Sex = sex,
            RankCode = rank, UnitId = unitId, ServiceStart = start, Community = community,
        })).Person;

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

internal static class RpcAssert
{
    public static async Task<RpcException> FailsWith(StatusCode code, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, error.StatusCode);
        return error;
    }

    public static string[] ViolatedFields(RpcException error) =>
        error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations.Select(v => v.Field).ToArray();
}
