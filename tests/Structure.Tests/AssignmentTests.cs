using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.Structure.V1;
using GenderArchitecture.TestSupport;
using Grpc.Core;

namespace GenderArchitecture.Structure.Tests;

/// <summary>Scopes follow the register: appointments and assignments grant them for their dates, and only for their dates.</summary>
public sealed class AssignmentTests
{
    private static async Task<GetPersonScopesResponse> ScopesAsync(StructureService.StructureServiceClient client, Person person, string on) =>
        await client.GetPersonScopesAsync(new GetPersonScopesRequest { PersonId = person.Id, OnDate = on });

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Ending_a_focal_points_appointment_removes_the_station_from_the_scopes_of_the_next_day(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        var identity = app.ClientFor(SuiteRoles.Service);
        var person = await app.PersonAsync("T-FP", "kp-station-peja", Sex.Female);
        var appointment = (await app.Admin.AppointFocalPointAsync(new AppointFocalPointRequest { UnitId = "kp-station-peja", PersonId = person.Id, StartOn = "2024-01-01" })).Appointment;
        var before = await ScopesAsync(identity, person, "2024-03-10");

        await app.Admin.EndFocalPointAppointmentAsync(new EndFocalPointAppointmentRequest { Id = appointment.Id, EndOn = "2024-03-11", ExpectedVersion = appointment.Version });
        var lastDay = await ScopesAsync(identity, person, "2024-03-10");
        var nextDay = await ScopesAsync(identity, person, "2024-03-11");

        Assert.Equal(["kp-station-peja"], before.FocalPointUnitIds);
        Assert.Equal("", before.NextChangeOn);
        Assert.Equal(["kp-station-peja"], lastDay.FocalPointUnitIds);
        Assert.Equal("2024-03-11", lastDay.NextChangeOn);
        Assert.Empty(nextDay.FocalPointUnitIds);
        Assert.Equal(("kp", true), (nextDay.InstitutionId, nextDay.InService));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Reviewer_and_training_officer_assignments_grant_their_scopes_only_while_they_hold(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        var identity = app.ClientFor(SuiteRoles.Service);
        var person = await app.PersonAsync("T-RV", "kp-region-prizren", Sex.Male);
        var review = (await app.Admin.CreateRoleAssignmentAsync(new CreateRoleAssignmentRequest
        {
            PersonId = person.Id, Role = AssignmentRole.Reviewer, UnitId = "kp-region-prizren", StartOn = "2024-01-01",
        })).Assignment;
        await app.Admin.CreateRoleAssignmentAsync(new CreateRoleAssignmentRequest
        {
            PersonId = person.Id, Role = AssignmentRole.TrainingOfficer, UnitId = "kp", StartOn = "2024-02-01", EndOn = "2024-07-01",
        });

        var january = await ScopesAsync(identity, person, "2024-01-15");
        var march = await ScopesAsync(identity, person, "2024-03-01");
        var ended = await app.Admin.EndRoleAssignmentAsync(new EndRoleAssignmentRequest { Id = review.Id, EndOn = "2024-04-01", ExpectedVersion = review.Version });
        var april = await ScopesAsync(identity, person, "2024-04-01");
        var august = await ScopesAsync(identity, person, "2024-08-01");
        var listed = await app.Admin.ListRoleAssignmentsAsync(new ListRoleAssignmentsRequest { RootUnitId = "kp", ActiveOn = "2024-03-01" });

        Assert.Equal(["kp-region-prizren"], january.ReviewerUnitIds);
        Assert.Empty(january.TrainingOfficerInstitutionIds);
        Assert.Equal("2024-02-01", january.NextChangeOn);
        Assert.Equal(["kp-region-prizren"], march.ReviewerUnitIds);
        Assert.Equal(["kp"], march.TrainingOfficerInstitutionIds);
        Assert.Equal(("2024-04-01", 2L), (ended.Assignment.EndOn, ended.Assignment.Version));
        Assert.Empty(april.ReviewerUnitIds);
        Assert.Equal(["kp"], april.TrainingOfficerInstitutionIds);
        Assert.Empty(august.ReviewerUnitIds.Concat(august.TrainingOfficerInstitutionIds).Concat(august.FocalPointUnitIds));
        Assert.Equal([(AssignmentRole.TrainingOfficer, "kp"), (AssignmentRole.Reviewer, "kp-region-prizren")],
            listed.Assignments.Select(a => (a.Role, a.UnitId)));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_person_out_of_service_holds_no_scope_and_a_closed_unit_grants_none(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        var station = await app.UnitAsync("t-station", "kp-region-peja", OrganisationUnitKind.Station);
        var person = await app.PersonAsync("T-OUT", "t-station", Sex.Female);
        await app.Admin.AppointFocalPointAsync(new AppointFocalPointRequest { UnitId = "t-station", PersonId = person.Id, StartOn = "2020-01-01" });
        await app.Admin.CreateRoleAssignmentAsync(new CreateRoleAssignmentRequest
        {
            PersonId = person.Id, Role = AssignmentRole.Reviewer, UnitId = "kp-region-peja", StartOn = "2020-01-01",
        });
        await app.Admin.CloseOrganisationUnitAsync(new CloseOrganisationUnitRequest { Id = "t-station", ClosedOn = "2023-01-01", ExpectedVersion = station.Version });
        await app.Admin.EndServiceAsync(new EndServiceRequest { Id = person.Id, ServiceEnd = "2024-01-01", ExpectedVersion = person.Version });

        var closed = await ScopesAsync(app.Admin, person, "2023-06-01");
        var gone = await ScopesAsync(app.Admin, person, "2024-01-01");

        Assert.Empty(closed.FocalPointUnitIds);
        Assert.Equal(["kp-region-peja"], closed.ReviewerUnitIds);
        Assert.Equal("2024-01-01", closed.NextChangeOn);
        Assert.False(gone.InService);
        Assert.Empty(gone.ReviewerUnitIds.Concat(gone.FocalPointUnitIds));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Assignments_need_the_right_kind_of_unit_a_person_of_its_institution_and_no_overlap(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        var person = await app.PersonAsync("T-AS", "kp-station-peja", Sex.Female);
        var judge = await app.PersonAsync("J-1", "judiciary-court-peja", Sex.Female, rank: "judge", institution: "judiciary");
        Task<CreateRoleAssignmentResponse> Assign(Person who, AssignmentRole role, string unit, string start, string end = "") =>
            app.Admin.CreateRoleAssignmentAsync(new CreateRoleAssignmentRequest { PersonId = who.Id, Role = role, UnitId = unit, StartOn = start, EndOn = end }).ResponseAsync;
        var first = (await Assign(person, AssignmentRole.Reviewer, "kp-region-peja", "2024-01-01", "2024-06-01")).Assignment;

        var notInstitution = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => Assign(person, AssignmentRole.TrainingOfficer, "kp-region-peja", "2024-01-01"));
        var otherInstitution = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => Assign(judge, AssignmentRole.Reviewer, "kp-region-peja", "2024-01-01"));
        var noRole = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => Assign(person, AssignmentRole.Unspecified, "kp", "2024-01-01"));
        var overlap = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => Assign(person, AssignmentRole.Reviewer, "kp-region-peja", "2024-05-01"));
        var afterwards = await Assign(person, AssignmentRole.Reviewer, "kp-region-peja", "2024-06-01");
        var notAdmin = await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => app.ClientFor(SuiteRoles.Reviewer)
            .CreateRoleAssignmentAsync(new CreateRoleAssignmentRequest { PersonId = person.Id, Role = AssignmentRole.Reviewer, UnitId = "kp", StartOn = "2024-01-01" }).ResponseAsync);

        Assert.Equal(["unit_id"], RpcAssert.ViolatedFields(notInstitution));
        Assert.Equal(["person_id"], RpcAssert.ViolatedFields(otherInstitution));
        Assert.Equal(["role"], RpcAssert.ViolatedFields(noRole));
        var violation = Assert.Single(overlap.GetRpcStatus()!.GetDetail<Google.Rpc.PreconditionFailure>().Violations);
        Assert.Equal(("ASSIGNMENT_OVERLAP", $"role_assignments/{first.Id}"), (violation.Type, violation.Subject));
        Assert.Equal("2024-06-01", afterwards.Assignment.StartOn);
        Assert.NotNull(notAdmin);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Only_the_identity_service_and_administrators_may_ask_for_a_persons_scopes(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        var person = await app.PersonAsync("T-SC", "kp-station-peja", Sex.Female);
        var request = new GetPersonScopesRequest { PersonId = person.Id, OnDate = "2024-01-01" };

        foreach (var role in new[] { SuiteRoles.FocalPoint, SuiteRoles.Reviewer, SuiteRoles.TrainingOfficer, SuiteRoles.Oversight, SuiteRoles.Analyst })
        {
            await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => app.ClientFor(role).GetPersonScopesAsync(request).ResponseAsync);
        }
        await RpcAssert.FailsWith(StatusCode.NotFound, () => app.ClientFor(SuiteRoles.Service)
            .GetPersonScopesAsync(new GetPersonScopesRequest { PersonId = Guid.NewGuid().ToString() }).ResponseAsync);
        var answer = await app.ClientFor(SuiteRoles.Service).GetPersonScopesAsync(request);

        Assert.Equal((person.Id, "2024-01-01", true), (answer.PersonId, answer.OnDate, answer.InService));
    }
}
