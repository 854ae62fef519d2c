using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.TestSupport;
using GenderArchitecture.Training.V1;
using Xunit.Abstractions;

namespace GenderArchitecture.Training.Tests;

public sealed class DemoSeedTests(ITestOutputHelper output)
{
    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Demonstration_history_is_built_from_Structure_personnel_and_compliance_is_plausible(DatabaseKind kind)
    {
        await using var world = await TrainingWorld.StartAsync(kind, demo: true);
        var client = world.Client(SuiteRoles.Analyst);

        foreach (var root in new[] { "kp", "kpc", "judiciary" })
        {
            var compliance = await client.GetComplianceAsync(new GetComplianceRequest { RootUnitId = root });
            Console.WriteLine($"{root}: personnel {compliance.Personnel.Value}, required {compliance.Overall.Required.Value}, valid {compliance.Overall.Valid.Value}, " +
                $"expiring {compliance.Overall.Expiring.Value}, expired {compliance.Overall.Expired.Value}, never {compliance.Overall.NeverTrained.Value}, " +
                $"share {compliance.Overall.ShareCompliant:P1}, hours/officer {compliance.TrainingHoursPerOfficer}, trainers {compliance.QualifiedTrainers.Value}, trainees/trainer {compliance.TraineesPerTrainer}");
            foreach (var g in compliance.Curricula.SelectMany(c => c.Groups))
            {
                Console.WriteLine($"  {g.Sex}/{g.RankBand}: required {g.Counts.Required.Value}, valid {g.Counts.Valid.Value}, share {g.Counts.ShareCompliant:P1}");
            }
            if (compliance.Personnel.Value == 0) continue;
            Assert.InRange(compliance.Overall.ShareCompliant, 0.2, 0.95);
            Assert.True(compliance.Overall.NeverTrained.Value > 0);
        }
        var kp = await client.GetComplianceAsync(new GetComplianceRequest { RootUnitId = "kp" });
        Assert.True(kp.Personnel.Value > 0, "Structure's demonstration personnel should include Kosovo Police officers");
        Assert.True(kp.Overall.Expired.Value > 0 && kp.Overall.Expiring.Value > 0);
        Assert.True(kp.QualifiedTrainers.Value > 0);

        // What protection costs oversight on the demonstration data: every count of the institutions and their regions.
        var oversight = world.Client(SuiteRoles.Oversight);
        int published = 0, withheld = 0, absent = 0;
        var shareErrors = new List<double>();
        var regions = await world.StructureAdmin.ListOrganisationUnitsAsync(new Structure.V1.ListOrganisationUnitsRequest { Kind = Structure.V1.OrganisationUnitKind.Region, PageSize = 1000 });
        foreach (var root in new[] { "kp", "kpc", "judiciary" }.Concat(regions.Units.Select(u => u.Id)))
        {
            var exact = await client.GetComplianceAsync(new GetComplianceRequest { RootUnitId = root });
            var shown = await oversight.GetComplianceAsync(new GetComplianceRequest { RootUnitId = root });
            var counts = new[] { shown.Overall }.Concat(shown.Curricula.Select(c => c.Total)).Concat(shown.Curricula.SelectMany(c => c.Groups.Select(g => g.Counts)))
                .SelectMany(c => new[] { c.Required, c.Valid, c.Expiring, c.Expired, c.NeverTrained }).ToList();
            published += counts.Count(f => f.Protection == Disclosure.V1.Protection.Adjusted);
            withheld += counts.Count(f => f.Protection == Disclosure.V1.Protection.Protected);
            absent += counts.Count(f => f.Protection == Disclosure.V1.Protection.NoData);
            Assert.DoesNotContain(counts, f => f.Protection == Disclosure.V1.Protection.Exact);
            if (exact.Overall.HasShareCompliant && shown.Overall.HasShareCompliant) shareErrors.Add(Math.Abs(exact.Overall.ShareCompliant - shown.Overall.ShareCompliant) * 100);
        }
        output.WriteLine($"Oversight compliance counts: {published} published, {withheld} protected ({100.0 * withheld / (published + withheld):F1}%), {absent} no data; " +
            $"mean absolute change of the overall compliant share {shareErrors.DefaultIfEmpty().Average():F2} points over {shareErrors.Count} institutions and regions.");
        Assert.True(published > withheld);

        var officer = world.Client(SuiteRoles.Administrator);
        var sessions = await officer.ListSessionsAsync(new ListSessionsRequest { WithFreePlaces = true, StartsFrom = world.Today.ToString("yyyy-MM-dd") });
        Assert.NotEmpty(sessions.Sessions);
        Assert.All(sessions.Sessions, s => Assert.True(s.Demonstration));

        // Seeding again (a restart) adds nothing.
        await using var scope = world.TrainingApp.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.TrainingDbContext>();
        var before = db.Certificates.Count();
        await scope.ServiceProvider.GetRequiredService<ServiceDefaults.Data.IDatabaseSeeder<Data.TrainingDbContext>>().SeedAsync(db, CancellationToken.None);
        Assert.Equal(before, db.Certificates.Count());
    }

    [Fact]
    public async Task Without_Structure_at_startup_the_demonstration_history_is_skipped_and_the_service_still_starts()
    {
        await using var app = await GrpcServiceApp<Program>.StartAsync("Training", DatabaseKind.Sqlite, new Dictionary<string, string?>
        {
            ["Seeds:Demo"] = "true",
            ["Services:Structure:Address"] = "http://127.0.0.1:1",
            ["Services:Structure:Deadline"] = "00:00:01",
        });
        var client = new TrainingService.TrainingServiceClient(app.CreateChannel(TestTokens.For(SuiteRoles.Administrator)));

        Assert.Equal(4, (await client.ListCurriculaAsync(new ListCurriculaRequest())).Curricula.Count);
        Assert.Empty((await client.ListSessionsAsync(new ListSessionsRequest())).Sessions);
        // And a write that needs Structure is refused as Unavailable rather than guessed.
        var error = await Refusals.Expect(global::Grpc.Core.StatusCode.Unavailable, () => client.ImportCompletionsAsync(new ImportCompletionsRequest
            { InstitutionId = "kp", Csv = "service_number,curriculum,completion_date,result\nKP-1,kp-gender-5day,2024-01-10,pass" }).ResponseAsync);
        Assert.Contains("Structure", error.Status.Detail);
    }
}
