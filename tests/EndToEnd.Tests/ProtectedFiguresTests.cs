using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GenderArchitecture.TestSupport;

namespace GenderArchitecture.EndToEnd.Tests;

/// <summary>
/// Oversight's figures through the gateway: JSON, CSV and the dashboard give the same protected value for the same
/// cell, every grouping and level is a sum of the same protected base cells, and station detail is refused.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class ProtectedFiguresTests(SuiteFixture fixture)
{
    private const string Query = "formId=station-monthly&elementId=dv-cases-reported&periodFrom=2025-01-01&periodTo=2025-12-01";

    [Fact]
    public async Task Json_csv_and_the_dashboard_give_oversight_the_same_protected_figures()
    {
        var client = fixture.Client(TestTokens.For("oversight"));
        var json = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reporting/aggregates?{Query}&unitId=kp&grouping=month&level=total");
        var csv = (await client.GetStringAsync($"/api/v1/reporting/aggregates.csv?{Query}&unitId=kp&grouping=month&level=total")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var dashboard = await client.GetFromJsonAsync<JsonElement>("/api/v1/dashboards/kp?from=2025-01-01&to=2025-12-31");

        Assert.Equal("small_count_rounding", json.GetProperty("method").GetProperty("method").GetString());
        var cells = json.GetProperty("cells").EnumerateArray().Select(c => (Period: c.GetProperty("period").GetString()!, Value: Value(c), Protection: c.GetProperty("protection").GetString()!)).ToList();
        var coverage = json.GetProperty("cells").EnumerateArray().Select(c => (Reports: c.GetProperty("reports").GetInt32(), Expected: c.GetProperty("expectedReports").GetInt32(), Coverage: c.GetProperty("coverage").GetString()!)).ToList();
        Assert.Equal(12, cells.Count);
        Assert.All(cells, c => Assert.Contains(c.Protection, new[] { "adjusted", "protected", "no_data" }));
        Assert.All(cells, c => Assert.Equal(c.Protection == "adjusted", c.Value is not null));

        Assert.StartsWith("# ", csv[0]);
        Assert.Equal("period,unit_id,category,value,protection,reports,expected_reports,coverage", csv[1]);
        var csvCells = csv.Skip(2).Select(line => line.Split(',')).Select(f => (Period: f[0], Value: f[3].Length == 0 ? (long?)null : long.Parse(f[3]), Protection: f[4])).ToList();
        Assert.Equal(cells, csvCells);
        Assert.Equal(coverage, csv.Skip(2).Select(line => line.Split(',')).Select(f => (int.Parse(f[5]), int.Parse(f[6]), f[7])).ToList());
        // Coverage is its own dimension: no report is no data in both; otherwise complete or incomplete, n of m.
        Assert.All(coverage.Zip(cells), x => Assert.Equal(x.First.Coverage == "no_data", x.Second.Protection == "no_data"));
        Assert.All(coverage, c => Assert.Equal(c.Reports == 0 ? "no_data" : c.Reports >= c.Expected ? "complete" : "incomplete", c.Coverage));
        Assert.All(coverage, c => Assert.True(c.Expected > 0));

        var series = dashboard.GetProperty("reporting").GetProperty("data").GetProperty("series").EnumerateArray().Single(s => s.GetProperty("elementId").GetString() == "dv-cases-reported");
        Assert.False(series.GetProperty("exact").GetBoolean());
        var points = series.GetProperty("points").EnumerateArray().Select(p => (Period: p.GetProperty("period").GetString()!, Value: Value(p), Protection: p.GetProperty("protection").GetString()!)).ToList();
        Assert.Equal(cells, points);
    }

    [Fact]
    public async Task Quarters_are_sums_of_their_months_and_the_nation_the_sum_of_its_regions()
    {
        var client = fixture.Client(TestTokens.For("oversight"));
        var months = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reporting/aggregates?{Query}&grouping=month&level=region");
        var quarters = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reporting/aggregates?{Query}&grouping=quarter&level=region");
        var monthCells = months.GetProperty("cells").EnumerateArray().ToList();
        var compared = 0;

        foreach (var quarter in quarters.GetProperty("cells").EnumerateArray().Where(c => Value(c) is not null))
        {
            var (label, unit) = (quarter.GetProperty("period").GetString()!, quarter.GetProperty("unitId").GetString());
            var first = (int.Parse(label[^1..]) - 1) * 3 + 1;
            var members = monthCells.Where(m => m.GetProperty("unitId").GetString() == unit
                && Enumerable.Range(first, 3).Select(x => $"{label[..4]}-{x:00}").Contains(m.GetProperty("period").GetString())).ToList();
            if (members.Count != 3 || members.Any(m => m.GetProperty("protection").GetString() != "adjusted")) continue;
            Assert.Equal(Value(quarter), members.Sum(m => Value(m)));
            compared++;
        }
        foreach (var period in monthCells.GroupBy(c => c.GetProperty("period").GetString()))
        {
            var regions = period.Where(c => c.GetProperty("unitId").GetString() is not null).ToList();
            var national = period.Single(c => c.GetProperty("unitId").GetString() is null);
            if (Value(national) is null || regions.Any(r => r.GetProperty("protection").GetString() != "adjusted")) continue;
            Assert.Equal(Value(national), regions.Sum(r => Value(r)));
            compared++;
        }
        Assert.True(compared > 10, $"only {compared} sums could be compared");
    }

    [Fact]
    public async Task Station_detail_is_refused_to_oversight_with_a_reason()
    {
        var client = fixture.Client(TestTokens.For("oversight"));

        var response = await client.GetAsync($"/api/v1/reporting/aggregates?{Query}&grouping=month&level=station");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Station detail is for reviewers and analysts", await response.Content.ReadAsStringAsync());
    }

    private static long? Value(JsonElement e) => e.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;
}
