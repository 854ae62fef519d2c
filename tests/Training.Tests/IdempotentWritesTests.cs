using GenderArchitecture.TestSupport;
using GenderArchitecture.Training.V1;
using Grpc.Core;

namespace GenderArchitecture.Training.Tests;

/// <summary>The write contract (services/ServiceDefaults/Idempotency) as Training's writes honour it.</summary>
public sealed class IdempotentWritesTests
{
    private static Metadata Key(string key) => new() { { "idempotency-key", key } };

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_retried_enrolment_with_the_same_key_answers_as_the_first_instead_of_a_conflict(DatabaseKind kind)
    {
        await using var world = await TrainingWorld.StartAsync(kind);
        var client = world.Client();
        var session = await world.SessionAsync(world.Today.AddDays(10));
        await world.AddOfficerAsync("KP-1");
        var enrol = new EnrolRequest { SessionId = session.Id, ServiceNumber = "KP-1" };

        var first = await client.EnrolAsync(enrol, Key("enrol-1"));
        var retry = await client.EnrolAsync(enrol, Key("enrol-1"));
        var withoutKey = await Assert.ThrowsAsync<RpcException>(() => client.EnrolAsync(enrol).ResponseAsync);

        Assert.Equal(first, retry);
        Assert.Equal(StatusCode.AlreadyExists, withoutKey.StatusCode);
        Assert.Equal(1, await world.CountAsync(db => db.Enrolments));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task The_same_key_with_another_payload_is_refused(DatabaseKind kind)
    {
        await using var world = await TrainingWorld.StartAsync(kind);
        var client = world.Client();
        var session = await world.SessionAsync(world.Today.AddDays(10));
        await world.AddOfficerAsync("KP-1");
        await world.AddOfficerAsync("KP-2");
        await client.EnrolAsync(new EnrolRequest { SessionId = session.Id, ServiceNumber = "KP-1" }, Key("k"));

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.EnrolAsync(new EnrolRequest { SessionId = session.Id, ServiceNumber = "KP-2" }, Key("k")).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal(1, await world.CountAsync(db => db.Enrolments));
    }
}
