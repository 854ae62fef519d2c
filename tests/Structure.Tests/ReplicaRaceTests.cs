using GenderArchitecture.Structure.Data;
using GenderArchitecture.Structure.V1;
using GenderArchitecture.TestSupport;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace GenderArchitecture.Structure.Tests;

/// <summary>
/// Two replicas of Structure (two hosts, each with its own memory and DbContexts) on one database race conflicting
/// writes: the rules hold because the database keeps them, not a lock in either host.
/// </summary>
public sealed class ReplicaRaceTests(ITestOutputHelper output)
{
    private const int Copies = 12;

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Two_replicas_racing_overlapping_appointments_and_one_idempotency_key_keep_one_of_each(DatabaseKind kind)
    {
        await using var first = await StructureApp.StartAsync(kind);
        await using var second = await first.StartReplicaAsync();
        var replicas = new[] { first.Admin, new StructureService.StructureServiceClient(second.CreateChannel(TestTokens.Administrator())) };
        await first.UnitAsync("t-station", "kp-region-peja", OrganisationUnitKind.Station);
        await first.Admin.CreateGenderBodyAsync(new CreateGenderBodyRequest
        {
            Id = "t-board", Name = "Test Board", Kind = GenderBodyKind.Board, OwnerUnitId = "kp", Mandate = "Test", EstablishedOn = "2020-01-01",
        });
        var people = new List<Person>();
        for (var i = 0; i < Copies; i++) people.Add(await first.PersonAsync($"T-{i}", "t-station", Sex.Female));

        var appointments = people.Select((p, i) => Outcome(() => replicas[i % 2].AppointFocalPointAsync(new AppointFocalPointRequest
        {
            UnitId = "t-station", PersonId = p.Id, StartOn = $"2024-01-{1 + i:00}",
        }).ResponseAsync));
        var plan = new PlanMeetingRequest { BodyId = "t-board", PlannedOn = "2024-02-01", Agenda = "Raced" };
        var meetings = Enumerable.Range(0, Copies).Select(i =>
            replicas[i % 2].PlanMeetingAsync(plan, new Metadata { { "idempotency-key", "raced-key" } }).ResponseAsync);
        var appointed = await Task.WhenAll(appointments);
        var planned = await Task.WhenAll(meetings);

        await using var scope = first.App.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StructureDbContext>();
        var rows = await db.FocalPointAppointments.CountAsync(a => a.UnitId == "t-station");
        var meetingRows = await db.Meetings.CountAsync();
        output.WriteLine($"{kind}: appointments {appointed.Count(o => o == "ok")} made, {appointed.Count(o => o == "FOCAL_POINT_OVERLAP")} refused, {rows} stored; " +
            $"meetings: {planned.Length} answers, {planned.Select(p => p.Meeting.Id).Distinct().Count()} distinct, {meetingRows} stored");
        Assert.Equal(1, appointed.Count(o => o == "ok"));
        Assert.Equal(Copies - 1, appointed.Count(o => o == "FOCAL_POINT_OVERLAP"));
        Assert.Equal(1, rows);
        Assert.Single(planned.Select(p => p.Meeting.Id).Distinct());
        Assert.Equal(1, meetingRows);
    }

    private static async Task<string> Outcome(Func<Task> call)
    {
        try
        {
            await call();
            return "ok";
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
        {
            return e.GetRpcStatus()!.GetDetail<Google.Rpc.PreconditionFailure>().Violations.Single().Type;
        }
    }
}
