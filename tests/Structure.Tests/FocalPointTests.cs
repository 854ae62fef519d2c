using GenderArchitecture.Structure.V1;
using GenderArchitecture.TestSupport;
using Grpc.Core;

namespace GenderArchitecture.Structure.Tests;

public sealed class FocalPointTests
{
    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Overlapping_focal_point_appointment_is_refused_naming_the_holder(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        await app.UnitAsync("t-station", "kp-region-peja", OrganisationUnitKind.Station);
        var holder = await app.PersonAsync("T-HOLDER", "t-station", Sex.Female);
        var other = await app.PersonAsync("T-OTHER", "t-station", Sex.Male);
        var first = await app.Admin.AppointFocalPointAsync(new AppointFocalPointRequest { UnitId = "t-station", PersonId = holder.Id, StartOn = "2024-01-01", EndOn = "2024-04-01" });

        var error = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => app.Admin.AppointFocalPointAsync(new AppointFocalPointRequest
        {
            UnitId = "t-station", PersonId = other.Id, StartOn = "2024-03-15",
        }).ResponseAsync);
        var handover = await app.Admin.AppointFocalPointAsync(new AppointFocalPointRequest { UnitId = "t-station", PersonId = other.Id, StartOn = "2024-04-01" });

        Assert.Contains("Given T-HOLDER (T-HOLDER)", error.Status.Detail);
        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<Google.Rpc.PreconditionFailure>().Violations);
        Assert.Equal(("FOCAL_POINT_OVERLAP", $"focal_point_appointments/{first.Appointment.Id}"), (violation.Type, violation.Subject));
        var listed = await app.Admin.ListFocalPointAppointmentsAsync(new ListFocalPointAppointmentsRequest { RootUnitId = "t-station" });
        Assert.Equal([first.Appointment.Id, handover.Appointment.Id], listed.Appointments.Select(a => a.Id));
        var current = await app.Admin.ListFocalPointAppointmentsAsync(new ListFocalPointAppointmentsRequest { RootUnitId = "kp-region-peja", ActiveOn = "2024-04-01" });
        Assert.Equal("T-OTHER", Assert.Single(current.Appointments).PersonName.Split(' ')[1]);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task An_appointment_needs_a_person_of_the_institution_in_service_and_an_open_unit(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        var judge = await app.PersonAsync("J-1", "judiciary-court-peja", Sex.Female, rank: "judge", institution: "judiciary");
        var late = await app.PersonAsync("T-LATE", "kp-station-peja", Sex.Female, start: "2024-01-01");

        var wrongInstitution = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => app.Admin.AppointFocalPointAsync(new AppointFocalPointRequest
        {
            UnitId = "kp-station-peja", PersonId = judge.Id, StartOn = "2024-02-01",
        }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => app.Admin.AppointFocalPointAsync(new AppointFocalPointRequest
        {
            UnitId = "kp-station-peja", PersonId = late.Id, StartOn = "2023-06-01",
        }).ResponseAsync);
        var badDates = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => app.Admin.AppointFocalPointAsync(new AppointFocalPointRequest
        {
            UnitId = "kp-station-peja", PersonId = late.Id, StartOn = "2024-06-01", EndOn = "2024-05-01",
        }).ResponseAsync);

        Assert.Equal(["person_id"], RpcAssert.ViolatedFields(wrongInstitution));
        Assert.Equal(["end_on"], RpcAssert.ViolatedFields(badDates));
        Assert.Empty((await app.Admin.ListFocalPointAppointmentsAsync(new ListFocalPointAppointmentsRequest { RootUnitId = "kp" })).Appointments);
    }

    /// <summary>
    /// Period 2024-01-01..2024-06-30 (182 days, a leap year). Station a: focal point Jan-Mar (91 days), vacant in April,
    /// another from May (61 days). Station b opens 1 March, covered from opening (122 days). Station c closes 1 February,
    /// covered while open (31 days). Station d closed in 2023 (left out). Station e never had one (182 vacant days).
    /// Coverage = (152 + 122 + 31 + 0) / (182 + 122 + 31 + 182) = 305 / 517 = 59.0%.
    /// </summary>
    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Coverage_over_a_period_counts_open_days_covered_days_and_vacancies_with_closed_stations_respected(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        await app.UnitAsync("t-region", "kp", OrganisationUnitKind.Region);
        await app.UnitAsync("t-a", "t-region", OrganisationUnitKind.Station);
        await app.UnitAsync("t-b", "t-region", OrganisationUnitKind.Station, "2024-03-01");
        var c = await app.UnitAsync("t-c", "t-region", OrganisationUnitKind.Station);
        var d = await app.UnitAsync("t-d", "t-region", OrganisationUnitKind.Station);
        await app.UnitAsync("t-e", "t-region", OrganisationUnitKind.Station);
        await app.UnitAsync("t-hq", "t-region", OrganisationUnitKind.Unit);
        var p1 = await app.PersonAsync("T-1", "t-a", Sex.Female);
        var p2 = await app.PersonAsync("T-2", "t-a", Sex.Male);
        var p3 = await app.PersonAsync("T-3", "t-b", Sex.Female, start: "2024-03-01");
        var p4 = await app.PersonAsync("T-4", "t-c", Sex.Female);
        var p5 = await app.PersonAsync("T-5", "t-hq", Sex.Female);
        async Task Appoint(string unit, Person person, string start, string end = "") =>
            await app.Admin.AppointFocalPointAsync(new AppointFocalPointRequest { UnitId = unit, PersonId = person.Id, StartOn = start, EndOn = end });
        await Appoint("t-a", p1, "2024-01-01", "2024-04-01");
        await Appoint("t-a", p2, "2024-05-01");
        await Appoint("t-b", p3, "2024-03-01");
        await Appoint("t-c", p4, "2020-01-01");
        await Appoint("t-hq", p5, "2020-01-01");
        await app.Admin.CloseOrganisationUnitAsync(new CloseOrganisationUnitRequest { Id = "t-c", ClosedOn = "2024-02-01", ExpectedVersion = c.Version });
        await app.Admin.CloseOrganisationUnitAsync(new CloseOrganisationUnitRequest { Id = "t-d", ClosedOn = "2023-06-01", ExpectedVersion = d.Version });

        var h1 = await app.Reader.GetFocalPointCoverageAsync(new GetFocalPointCoverageRequest { RootUnitId = "t-region", From = "2024-01-01", To = "2024-06-30" });
        var year2023 = await app.Reader.GetFocalPointCoverageAsync(new GetFocalPointCoverageRequest { RootUnitId = "t-region", From = "2023-01-01", To = "2023-12-31" });

        Assert.Equal((4, 3, 2, 59.0), (h1.StationsActive, h1.StationsWithFocalPoint, h1.StationsFullyCovered, h1.CoveragePercent));
        Assert.Equal(
            [("t-a", 182, 152, 30, p2.Id), ("t-b", 122, 122, 0, p3.Id), ("t-c", 31, 31, 0, p4.Id), ("t-e", 182, 0, 182, "")],
            h1.Stations.Select(s => (s.UnitId, s.OpenDays, s.CoveredDays, s.VacancyDays, s.HolderPersonId)));
        Assert.Equal("Given T-2", h1.Stations[0].HolderName);
        Assert.Equal(
            [("t-a", 365, 0), ("t-c", 365, 365), ("t-d", 151, 0), ("t-e", 365, 0)],
            year2023.Stations.Select(s => (s.UnitId, s.OpenDays, s.CoveredDays)));
        Assert.Equal(29.3, year2023.CoveragePercent); // 365 covered of 365 + 365 + 151 + 365 open days
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Ending_an_appointment_checks_its_version_and_opens_a_vacancy(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        var person = await app.PersonAsync("T-1", "kp-station-junik", Sex.Female);
        var appointment = (await app.Admin.AppointFocalPointAsync(new AppointFocalPointRequest { UnitId = "kp-station-junik", PersonId = person.Id, StartOn = "2024-01-01" })).Appointment;

        var ended = await app.Admin.EndFocalPointAppointmentAsync(new EndFocalPointAppointmentRequest { Id = appointment.Id, EndOn = "2024-01-11", ExpectedVersion = appointment.Version });
        await RpcAssert.FailsWith(StatusCode.Aborted, () => app.Admin.EndFocalPointAppointmentAsync(new EndFocalPointAppointmentRequest
        {
            Id = appointment.Id, EndOn = "2024-01-05", ExpectedVersion = appointment.Version,
        }).ResponseAsync);
        var coverage = await app.Reader.GetFocalPointCoverageAsync(new GetFocalPointCoverageRequest { RootUnitId = "kp-station-junik", From = "2024-01-01", To = "2024-01-31" });

        Assert.Equal("2024-01-11", ended.Appointment.EndOn);
        var station = Assert.Single(coverage.Stations);
        Assert.Equal((31, 10, 21, ""), (station.OpenDays, station.CoveredDays, station.VacancyDays, station.HolderPersonId));
    }
}
