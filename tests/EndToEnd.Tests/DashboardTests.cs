using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GenderArchitecture.TestSupport;
using Grpc.Core;
using Grpc.Net.Client;
using StructureV1 = GenderArchitecture.Structure.V1;

namespace GenderArchitecture.EndToEnd.Tests;

[Collection(SuiteCollection.Name)]
public sealed class DashboardTests(SuiteFixture fixture)
{
    private const string Period = "from=2025-01-01&to=2025-12-31";

    [Fact]
    public async Task The_police_dashboard_has_all_three_sections_and_its_figures_match_the_services_own()
    {
        var token = TestTokens.For("analyst");
        var dashboard = await fixture.Client(token).GetFromJsonAsync<JsonElement>($"/api/v1/dashboards/kp?{Period}");

        foreach (var section in new[] { "structure", "training", "reporting" })
        {
            Assert.Equal("ok", dashboard.GetProperty(section).GetProperty("status").GetString());
        }
        Assert.Equal("Kosovo Police", dashboard.GetProperty("institutionName").GetString());

        // The same figures, asked of the Structure service directly over gRPC.
        using var channel = GrpcChannel.ForAddress(fixture.Suite.GrpcAddress("Structure"));
        var structure = new StructureV1.StructureService.StructureServiceClient(channel);
        var auth = new Metadata { { "Authorization", $"Bearer {token}" } };
        var composition = await structure.GetCompositionAsync(new() { RootUnitId = "kp", OnDate = "2025-12-31" }, auth);
        var coverage = await structure.GetFocalPointCoverageAsync(new() { RootUnitId = "kp", From = "2025-01-01", To = "2025-12-31" }, auth);

        var data = dashboard.GetProperty("structure").GetProperty("data");
        Assert.Equal(composition.Total.Value, data.GetProperty("composition").GetProperty("total").GetProperty("value").GetInt64());
        Assert.Equal("exact", data.GetProperty("composition").GetProperty("total").GetProperty("protection").GetString());
        Assert.Equal(composition.WomenSharePercent, data.GetProperty("composition").GetProperty("womenSharePercent").GetDouble());
        Assert.Equal(coverage.CoveragePercent, data.GetProperty("coverage").GetProperty("coveragePercent").GetDouble());
        Assert.Equal(coverage.StationsActive, data.GetProperty("coverage").GetProperty("stationsActive").GetInt32());
        Assert.True(composition.Total.Value > 1000, "the seeded police has thousands of officers");
    }

    [Fact]
    public async Task Oversight_sees_training_and_structure_counts_protected_never_exact_and_the_same_as_the_services_give()
    {
        var token = TestTokens.For("oversight");
        var dashboard = await fixture.Client(token).GetFromJsonAsync<JsonElement>($"/api/v1/dashboards/kp?{Period}");
        using var channel = GrpcChannel.ForAddress(fixture.Suite.GrpcAddress("Structure"));
        var composition = await new StructureV1.StructureService.StructureServiceClient(channel)
            .GetCompositionAsync(new() { RootUnitId = "kp", OnDate = "2025-12-31" }, new Metadata { { "Authorization", $"Bearer {token}" } });

        var structure = dashboard.GetProperty("structure").GetProperty("data").GetProperty("composition");
        var training = dashboard.GetProperty("training").GetProperty("data");
        var counts = new[] { structure.GetProperty("total"), structure.GetProperty("women"), structure.GetProperty("seniorWomen"),
                training.GetProperty("overall").GetProperty("required"), training.GetProperty("overall").GetProperty("valid"), training.GetProperty("qualifiedTrainers") }
            .Concat(structure.GetProperty("byRankBand").EnumerateArray().SelectMany(b => new[] { b.GetProperty("women"), b.GetProperty("men") }))
            .Concat(training.GetProperty("byRegion").EnumerateArray().Select(r => r.GetProperty("compliance").GetProperty("required")))
            .ToList();
        Assert.All(counts, c => Assert.Contains(c.GetProperty("protection").GetString(), new[] { "adjusted", "protected", "no_data" }));
        Assert.All(counts.Where(c => c.GetProperty("protection").GetString() != "adjusted"), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("value").ValueKind));
        Assert.Equal(composition.Total.Value, structure.GetProperty("total").GetProperty("value").GetInt64());
        Assert.Equal("small_count_rounding", structure.GetProperty("protectionMethod").GetProperty("method").GetString());
        // The institution's required total is the sum of its regions' and of the officers outside every region: never less.
        static long ValueOrZero(JsonElement figure) => figure.GetProperty("value").ValueKind == JsonValueKind.Number ? figure.GetProperty("value").GetInt64() : 0;
        var regions = training.GetProperty("byRegion").EnumerateArray().Sum(r => ValueOrZero(r.GetProperty("compliance").GetProperty("required")));
        Assert.True(regions > 0);
        Assert.True(ValueOrZero(training.GetProperty("overall").GetProperty("required")) >= regions);
    }

    [Fact]
    public async Task The_dashboard_figures_through_the_gateway_match_the_services_for_reporting()
    {
        var client = fixture.Client(TestTokens.For("analyst"));
        var dashboard = await client.GetFromJsonAsync<JsonElement>($"/api/v1/dashboards/kp?{Period}");
        var series = dashboard.GetProperty("reporting").GetProperty("data").GetProperty("series")[0];

        Assert.Equal("dv-cases-reported", series.GetProperty("elementId").GetString());
        Assert.True(series.GetProperty("exact").GetBoolean(), "analysts see exact figures");
        Assert.NotEmpty(series.GetProperty("points").EnumerateArray());
    }

    [Fact]
    public async Task An_unknown_institution_is_404_and_a_bad_date_is_400()
    {
        var client = fixture.Client(TestTokens.For("oversight"));

        var unknown = await client.GetAsync($"/api/v1/dashboards/atlantis?{Period}");
        var badDate = await client.GetAsync("/api/v1/dashboards/kp?from=2025-13-01");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
    }

    [Fact]
    public async Task A_focal_point_may_not_read_dashboards()
    {
        var response = await fixture.Client(TestTokens.For("focal_point", units: ["kp-station-prishtina"])).GetAsync($"/api/v1/dashboards/kp?{Period}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}

/// <summary>Stops a service, so it runs its own suite.</summary>
public sealed class PartialDashboardTests
{
    [Fact]
    public async Task With_training_stopped_the_dashboard_is_still_200_within_its_deadline_with_that_section_unavailable()
    {
        await using var suite = await SuiteProcesses.StartAsync(new() { ["Seeds:Demo"] = "false" });
        using var client = IdempotencyKeyHandler.Client(suite.GatewayAddress, TestTokens.For("oversight"));

        await suite.StopServiceAsync("Training");
        var clock = Stopwatch.StartNew();
        var response = await client.GetAsync("/api/v1/dashboards/kp?from=2025-01-01&to=2025-12-31");
        clock.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var dashboard = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unavailable", dashboard.GetProperty("training").GetProperty("status").GetString());
        Assert.Contains("Training", dashboard.GetProperty("training").GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, dashboard.GetProperty("training").GetProperty("data").ValueKind);
        Assert.Equal("ok", dashboard.GetProperty("structure").GetProperty("status").GetString());
        Assert.Equal("ok", dashboard.GetProperty("reporting").GetProperty("status").GetString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"the dashboard took {clock.Elapsed}, past its 8 s deadline");
    }
}
