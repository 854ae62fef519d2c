using GenderArchitecture.Audit.V1;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.Structure.V1;
using GenderArchitecture.TestSupport;
using GenderArchitecture.Training.V1;
using Grpc.Core;

namespace GenderArchitecture.Training.Tests;

public sealed class AuditTests
{
    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_training_officers_exact_compliance_read_is_audited_and_an_oversight_read_is_not(DatabaseKind kind)
    {
        await using var world = await TrainingWorld.StartAsync(kind);
        await world.AddOfficerAsync("F-1", Sex.Female);
        world.Clock.Advance(TimeSpan.FromDays(3));

        await world.Client().GetComplianceAsync(new GetComplianceRequest { RootUnitId = "kp" }, new Metadata { { "x-ga-client-address", "192.0.2.10" } });
        await world.Client(SuiteRoles.Oversight).GetComplianceAsync(new GetComplianceRequest { RootUnitId = "kp" });

        var audit = new AuditService.AuditServiceClient(world.TrainingApp.CreateChannel(TestTokens.For(SuiteRoles.Oversight)));
        var read = Assert.Single((await audit.ListAuditEventsAsync(new() { Action = "exact_read" })).Events);
        Assert.Equal(("test-training_officer", "training_officer", "compliance", "192.0.2.10", "training"),
            (read.Actor, read.Role, read.Resource, read.ClientAddress, read.Service));
        Assert.Contains("root=kp", read.Description);
        // "When" is the service's injected clock, three days ahead of the wall clock here.
        Assert.InRange(read.OccurTime.ToDateTimeOffset(), world.Clock.GetUtcNow().AddMinutes(-1), world.Clock.GetUtcNow());
    }
}
