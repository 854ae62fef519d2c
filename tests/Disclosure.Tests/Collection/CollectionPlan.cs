using GenderArchitecture.Disclosure.Tests.Model;

namespace GenderArchitecture.Disclosure.Tests.Collection;

/// <summary>One aggregate question as the API takes it; months are of 2025 (1..12).</summary>
public sealed record AggregateQuestion(string Element, string? Disaggregation, string Level, string? Unit, int From, int To, string Grouping)
{
    public string Query =>
        $"formId=station-monthly&elementId={Element}{(Disaggregation is null ? "" : "&disaggregation=" + Uri.EscapeDataString(Disaggregation))}" +
        $"{(Unit is null ? "" : "&unitId=" + Unit)}&periodFrom=2025-{From:00}-01&periodTo=2025-{To:00}-01&grouping={Grouping}&level={Level}";
}

/// <summary>A dashboard question: an institution's or region's dashboard over a window of months.</summary>
public sealed record DashboardQuestion(string Unit, int From, int To);

/// <summary>
/// Every question oversight may ask over the data set, within the CI budget: each element and disaggregation, each
/// level with each unit filter that gives it a different meaning, and windows that overlap in every way a
/// difference needs (all windows of month starts for year and quarter groupings would be 78 per shape; prefixes,
/// suffixes and a deterministic sample of the rest are enough to isolate any month, and are what an attacker uses).
/// </summary>
public static class CollectionPlan
{
    public static List<AggregateQuestion> Aggregates(GroundTruth truth, int extraWindows, int seed)
    {
        var institutions = truth.Stations.Select(s => s.Institution).Distinct().Order(StringComparer.Ordinal).ToList();
        var regions = truth.Stations.Select(s => s.Region).Distinct().Order(StringComparer.Ordinal).ToList();
        var stations = truth.Stations.Select(s => s.Id).ToList();
        string?[] broad = [null, .. institutions, .. regions];
        var shapes = new List<(string Level, string? Unit)>();
        shapes.AddRange(broad.Concat(stations).Select(u => ("total", u)));
        string?[] national = [null, .. institutions];
        shapes.AddRange(national.Select(u => ("institution", u)));
        shapes.AddRange(broad.Select(u => ("region", u)));
        shapes.AddRange(broad.Select(u => ("station", u)));

        var random = new Random(seed);
        var questions = new List<AggregateQuestion>();
        foreach (var element in truth.Elements)
        {
            foreach (var disaggregation in element.Disaggregations.Select(d => d.Name).Prepend(null))
            {
                foreach (var (level, unit) in shapes)
                {
                    foreach (var (from, to, grouping) in Windows(random, extraWindows))
                    {
                        questions.Add(new AggregateQuestion(element.Element, disaggregation, level, unit, from, to, grouping));
                    }
                }
            }
        }
        return questions;
    }

    public static List<DashboardQuestion> Dashboards(GroundTruth truth)
    {
        var units = truth.Stations.Select(s => s.Institution).Distinct().Concat(truth.Stations.Select(s => s.Region).Distinct()).Order(StringComparer.Ordinal);
        return units.SelectMany(u => new[] { new DashboardQuestion(u, 1, 12), new DashboardQuestion(u, 2, 12), new DashboardQuestion(u, 1, 11) }).ToList();
    }

    private static IEnumerable<(int From, int To, string Grouping)> Windows(Random random, int extra)
    {
        yield return (1, 12, "month");
        yield return (1, 12, "quarter");
        yield return (2, 12, "quarter");
        yield return (1, 11, "quarter");
        for (var to = 1; to <= 12; to++) yield return (1, to, "year");
        for (var from = 2; from <= 12; from++) yield return (from, 12, "year");
        for (var i = 0; i < extra; i++)
        {
            var from = random.Next(2, 12);
            var to = random.Next(from, 12);
            yield return (from, to, random.Next(2) == 0 ? "year" : "quarter");
        }
    }
}
