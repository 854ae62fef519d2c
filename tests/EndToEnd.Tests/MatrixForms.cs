using System.Text.Json;
using static GenderArchitecture.EndToEnd.Tests.MatrixArrange;

namespace GenderArchitecture.EndToEnd.Tests;

/// <summary>
/// The matrix's samples for form versions. A publication copies the court form's latest version unchanged to a quarter
/// far ahead (2099 on, one quarter after the latest), so the suite's reports and figures mean what they meant.
/// </summary>
internal static class MatrixForms
{
    private const string Form = "court-quarterly";

    public static readonly IReadOnlyDictionary<string, MatrixSample> Samples = new Dictionary<string, MatrixSample>
    {
        ["GET /api/v1/reporting/forms/{formId}/versions"] = new(200, _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/reporting/forms/{Form}/versions"))),
        ["GET /api/v1/reporting/forms/{formId}/comparison"] = new(200, _ => Task.FromResult(
            new HttpRequestMessage(HttpMethod.Get, $"/api/v1/reporting/forms/{Form}/comparison?periodFrom=2024-01-01&periodTo=2024-12-31"))),
        ["POST /api/v1/reporting/forms/{formId}/versions"] = new(201, async a =>
        {
            var latest = (await a.SendAsync(HttpMethod.Get, $"/api/v1/reporting/forms/{Form}/versions")).GetProperty("versions")[0];
            var request = Json(HttpMethod.Post, $"/api/v1/reporting/forms/{Form}/versions", new
            {
                validFrom = NextQuarter(latest), elements = latest.GetProperty("elements"), categories = latest.GetProperty("categories"), rules = latest.GetProperty("rules"),
            });
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{latest.GetProperty("version").GetInt32()}\"");
            return request;
        }),
    };

    private static string NextQuarter(JsonElement latest)
    {
        var floor = new DateOnly(2099, 1, 1);
        var from = latest.TryGetProperty("validFrom", out var v) && v.ValueKind == JsonValueKind.String ? DateOnly.Parse(v.GetString()!, System.Globalization.CultureInfo.InvariantCulture).AddMonths(3) : floor;
        return (from < floor ? floor : from).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }
}
