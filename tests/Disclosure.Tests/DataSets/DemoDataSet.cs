using System.Net.Http.Json;
using System.Text.Json;
using GenderArchitecture.Disclosure.Tests.Model;

namespace GenderArchitecture.Disclosure.Tests.DataSets;

/// <summary>
/// The seeded demonstration data, restricted to what fits the CI budget: trafficking victims identified by sex and
/// age, 2025, KP stations. The truth comes from an analyst's exact read (station x month x category); a station
/// month without an approved report reads as zeros and is modelled as an unknown whose true value is 0.
/// </summary>
public static class DemoDataSet
{
    public static readonly ElementSpec[] Elements =
        [new(SmallCountDataSet.Thb, [new ElementSpec.Disaggregation("sex,age", SmallCountDataSet.SexAge)])];

    public static async Task<GroundTruth> ReadTruthAsync(IntruderSuite suite, int threshold)
    {
        var register = (await suite.StationsAsync("kp")).ToDictionary(s => s.Id);
        using var analyst = suite.Analyst();
        var answer = await analyst.GetFromJsonAsync<JsonElement>("/api/v1/reporting/aggregates?formId=station-monthly&elementId=" + SmallCountDataSet.Thb +
            "&disaggregation=sex,age&periodFrom=2025-01-01&periodTo=2025-12-01&grouping=month&level=station");
        var values = new Dictionary<(string Station, int Month), Dictionary<(string, string), long>>();
        foreach (var cell in answer.GetProperty("cells").EnumerateArray())
        {
            var unit = cell.GetProperty("unitId").ValueKind == JsonValueKind.String ? cell.GetProperty("unitId").GetString()! : "";
            if (unit.Length == 0 || !register.ContainsKey(unit)) continue;
            var month = int.Parse(cell.GetProperty("period").GetString()![5..7], System.Globalization.CultureInfo.InvariantCulture);
            // A station-month without an approved report has no value (no data); it is modelled as known zeros below.
            if (cell.GetProperty("value").ValueKind != JsonValueKind.Number) continue;
            var key = cell.GetProperty("categoryKey").ValueKind == JsonValueKind.String ? cell.GetProperty("categoryKey").GetString()! : "";
            var station = values.TryGetValue((unit, month), out var v) ? v : values[(unit, month)] = [];
            station[(SmallCountDataSet.Thb, key)] = cell.GetProperty("value").GetInt64();
        }
        var stations = values.Keys.Select(k => k.Station).Distinct().Order(StringComparer.Ordinal).Select(id => register[id]).ToList();
        var truth = new GroundTruth(stations, Elements, threshold);
        foreach (var station in stations)
        {
            for (var month = 1; month <= 12; month++)
            {
                var cells = values.GetValueOrDefault((station.Id, month)) ?? [];
                var complete = SmallCountDataSet.SexAge.Prepend("").ToDictionary(k => (SmallCountDataSet.Thb, k), k => cells.GetValueOrDefault((SmallCountDataSet.Thb, k)));
                truth.Approve(station.Id, month, complete, reading: 0);
            }
        }
        return truth;
    }
}
