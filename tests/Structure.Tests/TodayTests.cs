using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.Structure.V1;
using GenderArchitecture.TestSupport;

namespace GenderArchitecture.Structure.Tests;

/// <summary>A clock that stands still, so "today" is a date the test chooses (tokens are still checked against real time).</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

public sealed class TodayTests
{
    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Without_a_date_personnel_and_officers_are_read_as_of_today(DatabaseKind kind)
    {
        var clock = new FixedClock(new DateTimeOffset(2024, 6, 1, 9, 0, 0, TimeSpan.Zero));
        await using var app = await GrpcServiceApp<Program>.StartAsync("Structure", kind, new Dictionary<string, string?> { ["Seeds:Demo"] = "false" },
            services => services.AddSingleton<TimeProvider>(clock));
        var admin = new StructureService.StructureServiceClient(app.CreateChannel(TestTokens.Administrator()));
        foreach (var (number, start) in new[] { ("T-NOW", "2024-01-01"), ("T-LATER", "2024-07-01") })
        {
            await admin.CreatePersonAsync(new CreatePersonRequest
            {
                InstitutionId = "kp", ServiceNumber = number, GivenName = "Given", FamilyName = number, Sex = Sex.Female, RankCode = "officer",
                UnitId = "kp-station-viti", ServiceStart = start,
            });
        }

        var today = await admin.ListPersonnelAsync(new ListPersonnelRequest { RootUnitId = "kp-station-viti" });
        var later = await admin.ResolveOfficersAsync(new ResolveOfficersRequest { InstitutionId = "kp", ServiceNumbers = { "T-LATER" } });
        var composition = await admin.GetCompositionAsync(new GetCompositionRequest { RootUnitId = "kp-station-viti" });

        Assert.Equal(["T-NOW"], today.Personnel.Select(p => p.ServiceNumber));
        Assert.False(Assert.Single(later.Officers).InService);
        Assert.Equal(("2024-06-01", 1L), (composition.OnDate, composition.Total.Value));
    }
}
