using GenderArchitecture.ServiceDefaults.Data;
using GenderArchitecture.Structure.Data;
using GenderArchitecture.Structure.V1;
using GenderArchitecture.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace GenderArchitecture.Structure.Tests;

public sealed class SeedingTests(ITestOutputHelper output)
{
    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Demonstration_seeding_is_idempotent_and_keeps_users_edits(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind, demo: true);
        var unit = (await app.Reader.GetOrganisationUnitAsync(new GetOrganisationUnitRequest { Id = "kp-station-peja" })).Unit;
        await app.Admin.UpdateOrganisationUnitAsync(new UpdateOrganisationUnitRequest { Id = unit.Id, Name = "Renamed by a user", ExpectedVersion = unit.Version });
        var before = await CountsAsync(app);

        await using (var scope = app.App.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StructureDbContext>();
            await scope.ServiceProvider.GetRequiredService<IDatabaseSeeder<StructureDbContext>>().SeedAsync(db, CancellationToken.None);
        }

        Assert.Equal(before, await CountsAsync(app));
        Assert.Equal("Renamed by a user", (await app.Reader.GetOrganisationUnitAsync(new GetOrganisationUnitRequest { Id = "kp-station-peja" })).Unit.Name);
        Assert.True(before.Personnel > 5000, $"{before.Personnel} personnel");
    }

    [Fact]
    public async Task Seeded_data_gives_every_kp_station_a_focal_point_and_realistic_composition()
    {
        await using var app = await StructureApp.StartAsync(DatabaseKind.Sqlite, demo: true);

        var kp = await app.ClientFor(ServiceDefaults.Auth.SuiteRoles.Analyst).GetCompositionAsync(new GetCompositionRequest { RootUnitId = "kp", OnDate = "2025-06-30" });
        var judiciary = await app.ClientFor(ServiceDefaults.Auth.SuiteRoles.Analyst).GetCompositionAsync(new GetCompositionRequest { RootUnitId = "judiciary", OnDate = "2025-06-30" });
        var kpc = await app.ClientFor(ServiceDefaults.Auth.SuiteRoles.Analyst).GetCompositionAsync(new GetCompositionRequest { RootUnitId = "kpc", OnDate = "2025-06-30" });
        var coverage = await app.Reader.GetFocalPointCoverageAsync(new GetFocalPointCoverageRequest { RootUnitId = "kp", From = "2025-01-01", To = "2025-12-31" });
        var everHad = await app.Admin.ListFocalPointAppointmentsAsync(new ListFocalPointAppointmentsRequest { RootUnitId = "kp", PageSize = 1000 });
        var board = await app.Reader.GetBodyActivityAsync(new GetBodyActivityRequest { BodyId = "kpc-gender-equality-board", From = "2007-01-01", To = "2008-12-31" });
        var sgcg = await app.Admin.GetGenderBodyAsync(new GetGenderBodyRequest { Id = "sgcg-coordination-group" });

        output.WriteLine($"KP 2025-06-30: {kp.Total.Value} staff, {kp.Women.Value} women = {kp.WomenSharePercent}%; senior {kp.SeniorWomen.Value}/{kp.SeniorTotal.Value} = {kp.SeniorWomenSharePercent}%");
        output.WriteLine($"Judiciary: {judiciary.Total.Value} staff, women {judiciary.WomenSharePercent}%, senior women {judiciary.SeniorWomenSharePercent}%; KPC: {kpc.Total.Value} staff, women {kpc.WomenSharePercent}%");
        output.WriteLine($"KP coverage 2025: {coverage.StationsWithFocalPoint}/{coverage.StationsActive} stations with a focal point, {coverage.StationsFullyCovered} fully covered, {coverage.CoveragePercent}% of station-days; vacancy days {coverage.Stations.Sum(s => s.VacancyDays)}");
        output.WriteLine($"KPC board 2007-2008: planned {board.MeetingsPlanned}, held {board.MeetingsHeld}, quorum {board.MeetingsQuorumMet}; actions {board.ActionsDone}/{board.ActionsTotal} done, {board.ActionsOverdue} overdue");

        Assert.InRange(kp.Total.Value, 4000, 8000);
        Assert.InRange(kp.WomenSharePercent, 12.0, 18.0);
        Assert.True(kp.SeniorWomenSharePercent < kp.WomenSharePercent);
        Assert.InRange(judiciary.Total.Value, 200, 700);
        Assert.Equal(30, coverage.StationsActive);
        Assert.Equal(30, everHad.Appointments.Select(a => a.UnitId).Distinct().Count());
        Assert.Contains(sgcg.Members, m => m.RepresentedOrganisation == "EULEX");
        Assert.True(board.MeetingsHeld > 0);
    }

    private static async Task<(int Units, int Personnel, int Appointments, int Members, int Meetings, int Actions)> CountsAsync(StructureApp app)
    {
        await using var scope = app.App.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StructureDbContext>();
        return (await db.OrganisationUnits.CountAsync(), await db.Personnel.CountAsync(), await db.FocalPointAppointments.CountAsync(),
            await db.BodyMembers.CountAsync(), await db.Meetings.CountAsync(), await db.PlanActions.CountAsync());
    }
}
