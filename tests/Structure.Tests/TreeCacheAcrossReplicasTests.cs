using GenderArchitecture.Structure.Data;
using GenderArchitecture.Structure.V1;
using GenderArchitecture.TestSupport;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Structure.Tests;

/// <summary>A clock that stands still until the test moves it.</summary>
internal sealed class SteppedClock : TimeProvider
{
    private long _ticks;
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public override long GetTimestamp() => Interlocked.Read(ref _ticks);
    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

/// <summary>
/// Two Structure hosts on one database, as two replicas, each with the organisation tree in its own memory. The second's
/// tree cache runs on a clock that stands still, so what it sees follows from the cache's promise, not the machine's speed:
/// something created elsewhere is found at once, a change elsewhere is seen once a second has passed.
/// </summary>
public sealed class TreeCacheAcrossReplicasTests
{
    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_unit_or_rank_created_through_one_replica_is_found_at_once_through_the_other(DatabaseKind kind)
    {
        await using var first = await StructureApp.StartAsync(kind);
        await using var second = await first.StartReplicaAsync(services => services.AddSingleton(new OrganisationTreeCache(new SteppedClock())));
        var other = new StructureService.StructureServiceClient(second.CreateChannel(TestTokens.Administrator()));
        await other.GetOrganisationUnitAsync(new GetOrganisationUnitRequest { Id = "kp-region-peja" });

        var created = await first.UnitAsync("t-new-station", "kp-region-peja", OrganisationUnitKind.Station);
        await first.Admin.CreateRankAsync(new CreateRankRequest { InstitutionId = "kp", Code = "t-new-rank", Name = "New rank", Band = RankBand.Middle });

        var seen = (await other.GetOrganisationUnitAsync(new GetOrganisationUnitRequest { Id = "t-new-station" })).Unit;
        var person = (await other.CreatePersonAsync(new CreatePersonRequest
        {
            InstitutionId = "kp", ServiceNumber = "T-NEW", GivenName = "Given", FamilyName = "New", Sex = Sex.Female, RankCode = "t-new-rank",
            UnitId = "t-new-station", ServiceStart = "2020-01-01",
        })).Person;
        Assert.Equal((created.Name, string.Join("/", created.AncestorIds)), (seen.Name, string.Join("/", seen.AncestorIds)));
        Assert.Equal(("t-new-station", RankBand.Middle), (person.UnitId, person.RankBand));
        await RpcAssert.FailsWith(StatusCode.NotFound, () => other.GetOrganisationUnitAsync(new GetOrganisationUnitRequest { Id = "t-never-created" }).ResponseAsync);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_rename_or_closure_through_one_replica_is_seen_by_the_other_once_a_second_has_passed(DatabaseKind kind)
    {
        await using var first = await StructureApp.StartAsync(kind);
        var clock = new SteppedClock();
        await using var second = await first.StartReplicaAsync(services => services.AddSingleton(new OrganisationTreeCache(clock)));
        // Its seeding was a write of its own, after which it checks on every use for a second: let that second pass.
        clock.Advance(OrganisationTreeCache.CheckInterval);
        var other = new StructureService.StructureServiceClient(second.CreateChannel(TestTokens.Administrator()));
        var unit = await first.UnitAsync("t-station", "kp-region-peja", OrganisationUnitKind.Station);
        await other.GetOrganisationUnitAsync(new GetOrganisationUnitRequest { Id = "t-station" });

        await first.Admin.UpdateOrganisationUnitAsync(new UpdateOrganisationUnitRequest { Id = "t-station", Name = "Renamed", ExpectedVersion = unit.Version });
        var withinTheSecond = (await other.GetOrganisationUnitAsync(new GetOrganisationUnitRequest { Id = "t-station" })).Unit;
        clock.Advance(OrganisationTreeCache.CheckInterval);
        var renamed = (await other.GetOrganisationUnitAsync(new GetOrganisationUnitRequest { Id = "t-station" })).Unit;
        await first.Admin.CloseOrganisationUnitAsync(new CloseOrganisationUnitRequest { Id = "t-station", ClosedOn = "2024-01-01", ExpectedVersion = renamed.Version });
        clock.Advance(OrganisationTreeCache.CheckInterval);
        var closed = (await other.GetOrganisationUnitAsync(new GetOrganisationUnitRequest { Id = "t-station" })).Unit;

        // Within the second the tree is not asked about: that is what keeps a read free of a round trip.
        Assert.Equal((unit.Name, unit.Version), (withinTheSecond.Name, withinTheSecond.Version));
        Assert.Equal(("Renamed", unit.Version + 1), (renamed.Name, renamed.Version));
        Assert.Equal(("2024-01-01", unit.Version + 2), (closed.ClosedOn, closed.Version));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_replica_reads_its_own_write_at_once_even_when_a_read_loaded_the_tree_before_the_write_committed(DatabaseKind kind)
    {
        await using var app = await StructureApp.StartAsync(kind);
        await app.UnitAsync("t-station", "kp-region-peja", OrganisationUnitKind.Station);
        var cache = new OrganisationTreeCache(new SteppedClock()); // a clock that stands still: no periodic check helps
        await using var writer = app.App.CreateScope();
        await using var reader = app.App.CreateScope();
        var writes = writer.ServiceProvider.GetRequiredService<StructureDbContext>();
        var reads = reader.ServiceProvider.GetRequiredService<StructureDbContext>();
        await cache.GetAsync(reads, CancellationToken.None);

        // As an idempotent write runs: the handler saves and invalidates, the transaction commits after it returns.
        await using (var transaction = await writes.Database.BeginTransactionAsync())
        {
            var unit = await writes.OrganisationUnits.SingleAsync(u => u.Id == "t-station");
            unit.Update("Renamed", null, await writes.OrganisationUnits.SingleAsync(u => u.Id == "kp-region-peja"));
            await writes.SaveChangesAsync();
            cache.Invalidate();
            Assert.Equal("Unit t-station", (await cache.GetAsync(reads, CancellationToken.None)).Find("t-station")!.Name); // not committed yet
            await transaction.CommitAsync();
        }

        Assert.Equal("Renamed", (await cache.GetAsync(reads, CancellationToken.None)).Find("t-station")!.Name);
    }
}
