using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GenderArchitecture.TestSupport;

namespace GenderArchitecture.EndToEnd.Tests;

/// <summary>Form versions through the gateway: read by everyone signed in, published by administrators, checked whole.</summary>
[Collection(SuiteCollection.Name)]
public sealed class FormVersionsApiTests(SuiteFixture fixture)
{
    private const string Path = "/api/v1/reporting/forms/station-monthly/versions";

    [Fact]
    public async Task A_version_with_a_rule_naming_an_unknown_element_is_refused_with_400_naming_the_rule_and_nothing_is_published()
    {
        var admin = fixture.Client(TestTokens.For("administrator"));
        var read = await admin.GetAsync(Path);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var before = await read.Content.ReadFromJsonAsync<JsonElement>();
        var latest = before.GetProperty("versions")[0];
        Assert.Equal($"\"{latest.GetProperty("version").GetInt32()}\"", read.Headers.ETag?.Tag);
        var rules = latest.GetProperty("rules").EnumerateArray().Cast<object>()
            .Append(new { id = "withdrawn-within-reported", description = "Withdrawn within reported", left = new[] { "dv-cases-withdrawn" }, @operator = "<=", right = new[] { "dv-cases-reported" } })
            .ToArray();
        var body = new { validFrom = "2098-01-01", elements = latest.GetProperty("elements"), categories = latest.GetProperty("categories"), rules };

        var refused = await admin.SendAsync(Publish(body, read.Headers.ETag!.Tag));
        var unversioned = await admin.SendAsync(Publish(body, ifMatch: null));
        var notAdministrator = await fixture.Client(TestTokens.For("analyst")).SendAsync(Publish(body, read.Headers.ETag!.Tag));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("rules[withdrawn-within-reported].left[0]", out var messages), problem.ToString());
        Assert.Contains("unknown element 'dv-cases-withdrawn'", messages[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.PreconditionRequired, unversioned.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notAdministrator.StatusCode);
        var after = await admin.GetFromJsonAsync<JsonElement>(Path);
        Assert.Equal(before.GetProperty("versions").GetArrayLength(), after.GetProperty("versions").GetArrayLength());
    }

    [Fact]
    public async Task A_report_names_the_version_of_its_form_it_was_created_on_the_one_in_effect_for_its_period()
    {
        var (stationId, focalPoint) = await fixture.NewStationAsync("E2E version station");
        var period = SuiteFixture.LastMonth;

        var saved = await focalPoint.SendAsync(MatrixArrange.Json(HttpMethod.Put, $"/api/v1/reporting/stations/{stationId}/reports/station-monthly/{period}",
            new { values = new[] { new { elementId = "dv-cases-reported", state = "number", number = 3 } } }));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var report = await saved.Content.ReadFromJsonAsync<JsonElement>();
        var versions = (await fixture.Client(TestTokens.For("administrator")).GetFromJsonAsync<JsonElement>(Path)).GetProperty("versions").EnumerateArray();
        // Newest first: the first that starts at or before the period (the first version starts with the first period).
        var inEffect = versions.First(v => !v.TryGetProperty("validFrom", out var from) || from.ValueKind == JsonValueKind.Null
            || string.CompareOrdinal(from.GetString(), period) <= 0).GetProperty("version").GetInt32();
        Assert.Equal(inEffect, report.GetProperty("formVersion").GetInt32());
        var read = await focalPoint.GetFromJsonAsync<JsonElement>($"/api/v1/reporting/reports/{report.GetProperty("id").GetString()}");
        Assert.Equal(inEffect, read.GetProperty("formVersion").GetInt32());
    }

    private static HttpRequestMessage Publish(object body, string? ifMatch)
    {
        var request = MatrixArrange.Json(HttpMethod.Post, Path, body);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }
}
