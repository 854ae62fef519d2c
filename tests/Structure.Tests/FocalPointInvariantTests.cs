using GenderArchitecture.Structure.Data;
using GenderArchitecture.Structure.V1;
using GenderArchitecture.TestSupport;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Domain = GenderArchitecture.Structure.Domain;

namespace GenderArchitecture.Structure.Tests;

/// <summary>One focal point per unit at a time is a rule of the database itself (exclusion constraint, trigger), not of a lock.</summary>
public sealed class FocalPointInvariantTests
{
    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task The_database_refuses_overlapping_appointments_of_one_unit_written_past_the_service(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        await app.UnitAsync("t-station", "kp-region-peja", OrganisationUnitKind.Station);
        await app.UnitAsync("t-other", "kp-region-peja", OrganisationUnitKind.Station);
        var a = Guid.Parse((await app.PersonAsync("T-A", "t-station", Sex.Female)).Id);
        var b = Guid.Parse((await app.PersonAsync("T-B", "t-station", Sex.Male)).Id);

        async Task AddAsync(string unit, Guid person, string start, string? end)
        {
            await using var scope = app.App.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<StructureDbContext>();
            db.FocalPointAppointments.Add(new Domain.FocalPointAppointment(Guid.CreateVersion7(), unit, person, DateOnly.Parse(start), end is null ? null : DateOnly.Parse(end)));
            await db.SaveChangesAsync();
        }
        await AddAsync("t-station", a, "2024-01-01", "2024-04-01");
        await AddAsync("t-station", b, "2024-04-01", null);   // the day the first ends: a handover, not an overlap
        await AddAsync("t-other", a, "2024-02-01", null);     // another unit

        await Assert.ThrowsAsync<DbUpdateException>(() => AddAsync("t-station", b, "2024-03-31", "2024-04-02"));
        await Assert.ThrowsAsync<DbUpdateException>(() => AddAsync("t-station", a, "2030-01-01", null));
        await using var scope = app.App.CreateScope();
        Assert.Equal(3, await scope.ServiceProvider.GetRequiredService<StructureDbContext>().FocalPointAppointments.CountAsync());
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Overlapping_appointments_sent_at_the_same_moment_leave_one_focal_point(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        await app.UnitAsync("t-station", "kp-region-peja", OrganisationUnitKind.Station);
        var people = new List<Person>();
        for (var i = 0; i < 6; i++) people.Add(await app.PersonAsync($"T-{i}", "t-station", Sex.Female));

        var calls = people.Select(async p =>
        {
            try
            {
                await app.Admin.AppointFocalPointAsync(new AppointFocalPointRequest { UnitId = "t-station", PersonId = p.Id, StartOn = "2024-01-01" });
                return "appointed";
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
            {
                return e.GetRpcStatus()!.GetDetail<Google.Rpc.PreconditionFailure>().Violations.Single().Type;
            }
        });
        var outcomes = await Task.WhenAll(calls);

        Assert.Equal(1, outcomes.Count(o => o == "appointed"));
        Assert.Equal(5, outcomes.Count(o => o == "FOCAL_POINT_OVERLAP"));
        var listed = await app.Admin.ListFocalPointAppointmentsAsync(new ListFocalPointAppointmentsRequest { RootUnitId = "t-station" });
        Assert.Single(listed.Appointments);
    }
}
