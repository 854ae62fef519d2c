using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.Structure.V1;
using GenderArchitecture.TestSupport;
using Grpc.Core;

namespace GenderArchitecture.Structure.Tests;

/// <summary>Least privilege on personal data: who reads personnel records, community and the people of gender bodies.</summary>
public sealed class PersonnelAccessTests
{
    private static StructureService.StructureServiceClient TrainingOfficer(StructureApp app, string institution) =>
        new(app.App.CreateChannel(TestTokens.For(SuiteRoles.TrainingOfficer, institution: institution)));

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Focal_points_reviewers_oversight_and_analysts_are_refused_personnel_reads(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        var person = await app.PersonAsync("T-PD", "kp-station-peja", Sex.Female, community: "Serb");
        var callers = new Dictionary<string, StructureService.StructureServiceClient>
        {
            ["focal point"] = new(app.App.CreateChannel(TestTokens.For(SuiteRoles.FocalPoint, units: ["kp-station-peja"]))),
            ["reviewer"] = new(app.App.CreateChannel(TestTokens.For(SuiteRoles.Reviewer, units: ["kp-region-peja"]))),
            ["oversight"] = app.ClientFor(SuiteRoles.Oversight),
            ["analyst"] = app.ClientFor(SuiteRoles.Analyst),
        };

        foreach (var (name, client) in callers)
        {
            var get = await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => client.GetPersonAsync(new GetPersonRequest { Id = person.Id }).ResponseAsync);
            await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => client.ListPersonnelAsync(new ListPersonnelRequest { RootUnitId = "kp-station-peja" }).ResponseAsync);
            await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => client.ResolveOfficersAsync(new ResolveOfficersRequest { InstitutionId = "kp", ServiceNumbers = { "T-PD" } }).ResponseAsync);
            await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => client.ListFocalPointAppointmentsAsync(new ListFocalPointAppointmentsRequest { RootUnitId = "kp" }).ResponseAsync);
            Assert.DoesNotContain("T-PD", get.Status.Detail);
        }
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_training_officer_of_another_institution_hears_not_found_as_for_an_id_that_does_not_exist(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        var person = await app.PersonAsync("T-KP", "kp-station-peja", Sex.Female);
        var kpc = TrainingOfficer(app, "kpc");
        var unknownId = Guid.NewGuid().ToString();

        var outOfScope = await RpcAssert.FailsWith(StatusCode.NotFound, () => kpc.GetPersonAsync(new GetPersonRequest { Id = person.Id }).ResponseAsync);
        var unknown = await RpcAssert.FailsWith(StatusCode.NotFound, () => kpc.GetPersonAsync(new GetPersonRequest { Id = unknownId }).ResponseAsync);
        var otherUnit = await RpcAssert.FailsWith(StatusCode.NotFound, () => kpc.ListPersonnelAsync(new ListPersonnelRequest { RootUnitId = "kp-station-peja" }).ResponseAsync);
        var otherInstitution = await RpcAssert.FailsWith(StatusCode.NotFound, () => kpc.ResolveOfficersAsync(new ResolveOfficersRequest { InstitutionId = "kp", ServiceNumbers = { "T-KP" } }).ResponseAsync);

        Assert.Equal(unknown.Status.Detail.Replace(unknownId, person.Id), outOfScope.Status.Detail);
        Assert.Equal("organisation_unit 'kp-station-peja' was not found.", otherUnit.Status.Detail);
        Assert.Equal("organisation_unit 'kp' was not found.", otherInstitution.Status.Detail);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_training_officer_reads_their_institutions_personnel_without_community_and_only_administrators_see_it(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        var person = await app.PersonAsync("T-CM", "kp-station-peja", Sex.Female, community: "Bosniak");
        var kp = TrainingOfficer(app, "kp");
        var service = app.ClientFor(SuiteRoles.Service);

        var byTrainingOfficer = (await kp.GetPersonAsync(new GetPersonRequest { Id = person.Id })).Person;
        var listed = await kp.ListPersonnelAsync(new ListPersonnelRequest { RootUnitId = "kp-region-peja" });
        var resolved = await kp.ResolveOfficersAsync(new ResolveOfficersRequest { InstitutionId = "kp", ServiceNumbers = { "T-CM" } });
        var byService = await service.ListPersonnelAsync(new ListPersonnelRequest { RootUnitId = "kp-station-peja" });
        var byAdministrator = (await app.Admin.GetPersonAsync(new GetPersonRequest { Id = person.Id })).Person;

        Assert.Equal(("T-CM", "Given", ""), (byTrainingOfficer.FamilyName, byTrainingOfficer.GivenName, byTrainingOfficer.Community));
        Assert.Equal("", Assert.Single(listed.Personnel).Community);
        Assert.Equal("", Assert.Single(resolved.Officers).Community);
        Assert.Equal(("T-CM", ""), (Assert.Single(byService.Personnel).ServiceNumber, byService.Personnel[0].Community));
        Assert.Equal("Bosniak", byAdministrator.Community);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Body_members_meetings_and_decisions_are_for_administrators_and_activity_figures_for_everyone(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        var body = (await app.Admin.CreateGenderBodyAsync(new CreateGenderBodyRequest
        {
            Id = "t-board", Name = "Board", Kind = GenderBodyKind.Board, OwnerUnitId = "kp", EstablishedOn = "2020-01-01",
        })).Body;
        await app.Admin.AddBodyMemberAsync(new AddBodyMemberRequest
        {
            BodyId = body.Id, Name = "Arta Krasniqi", Sex = Sex.Female, Role = MemberRole.Chair, RepresentedOrganisation = "Kosovo Police", TermStart = "2020-01-01",
        });
        var oversight = app.ClientFor(SuiteRoles.Oversight);

        var seen = await oversight.GetGenderBodyAsync(new GetGenderBodyRequest { Id = body.Id });
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => oversight.ListMeetingsAsync(new ListMeetingsRequest { BodyId = body.Id }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => oversight.ListDecisionsAsync(new ListDecisionsRequest { BodyId = body.Id }).ResponseAsync);
        var activity = await oversight.GetBodyActivityAsync(new GetBodyActivityRequest { BodyId = body.Id, From = "2024-01-01", To = "2024-12-31" });
        var administrator = await app.Admin.GetGenderBodyAsync(new GetGenderBodyRequest { Id = body.Id });

        Assert.Equal(("Board", 0), (seen.Body.Name, seen.Members.Count));
        Assert.Equal(0, activity.MeetingsPlanned);
        Assert.Equal("Arta Krasniqi", Assert.Single(administrator.Members).Name);
    }
}
