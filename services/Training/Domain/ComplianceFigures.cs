using GenderArchitecture.ServiceDefaults.Disclosure;

namespace GenderArchitecture.Training.Domain;

/// <summary>Counts of officers by where they stand with a mandatory certificate. Expiring ones are also valid.</summary>
public sealed record ComplianceCounts(PublishedCount Required, PublishedCount Valid, PublishedCount Expiring, PublishedCount Expired,
    PublishedCount NeverTrained, double? ShareCompliant);

public sealed record GroupCompliance(string Sex, string RankBand, ComplianceCounts Counts);

public sealed record CurriculumCompliance(string Code, string Title, ComplianceCounts Total, IReadOnlyList<GroupCompliance> Groups);

public sealed record RegionCompliance(string RegionId, ComplianceCounts Counts);

public sealed record ComplianceReport(PublishedCount Personnel, ComplianceCounts Overall, IReadOnlyList<CurriculumCompliance> Curricula,
    double? TrainingHoursPerOfficer, PublishedCount QualifiedTrainers, double? TraineesPerTrainer, IReadOnlyList<RegionCompliance> Regions);

/// <summary>
/// Publishes compliance from its base cells: exact sums for readers who may see them; otherwise sums of protected
/// cells, so that every answer (groups against totals, regions against their institution, one date against another)
/// is made of the same protected cells and differencing answers reveals nothing finer. Ratios are computed from
/// published counts only.
/// </summary>
public static class ComplianceFigures
{
    public const string Dataset = "training-compliance";
    public const string Grain = "region x curriculum x sex x rank band x standing";

    /// <summary>Hours per officer, a mean of magnitudes rather than a count, is published to protected readers only this coarse.</summary>
    public const int MinimumOfficersForHours = 50;

    /// <param name="protect">Null for exact figures; otherwise the disclosure control that protects each base cell.</param>
    /// <param name="institutionRoot">Whether the subtree is a whole institution (the only grain hours per officer is published at).</param>
    /// <param name="regions">The publication regions of the subtree, each published from the overall cells of its own.</param>
    public static ComplianceReport Publish(ComplianceCells cells, DisclosureControl? protect, bool institutionRoot, IEnumerable<string> regions)
    {
        PublishedCount Sum(IEnumerable<(string Name, int Count)> members)
        {
            var list = members.ToList();
            var trueCount = list.Sum(m => (long)m.Count);
            if (protect is null) return DisclosureControl.Exact(trueCount);
            return protect.Publish(list.Sum(m => protect.Adjust(Dataset, m.Name, m.Count)), trueCount > 0);
        }
        ComplianceCounts Counts(IReadOnlyDictionary<ComplianceCell, int> source, Func<ComplianceCell, bool> inFigure)
        {
            var members = source.Where(c => inFigure(c.Key)).ToList();
            PublishedCount Of(params Standing[] standings) =>
                Sum(members.Where(c => standings.Contains(c.Key.Standing)).Select(c => (c.Key.Name, c.Value)));
            var required = Of(Standing.Valid, Standing.Expiring, Standing.Expired, Standing.NeverTrained);
            var valid = Of(Standing.Valid, Standing.Expiring);
            return new ComplianceCounts(required, valid, Of(Standing.Expiring), Of(Standing.Expired), Of(Standing.NeverTrained),
                Ratio(valid, required, 4));
        }

        var curricula = cells.Curricula.Select(c => new CurriculumCompliance(c.Code, c.Title,
            Counts(cells.Standings, x => x.Curriculum == c.Code),
            cells.Standings.Keys.Where(x => x.Curriculum == c.Code).Select(x => (x.Sex, x.RankBand)).Distinct()
                .OrderBy(g => g.Sex, StringComparer.Ordinal).ThenBy(g => g.RankBand, StringComparer.Ordinal)
                .Select(g => new GroupCompliance(g.Sex, g.RankBand, Counts(cells.Standings, x => x.Curriculum == c.Code && x.Sex == g.Sex && x.RankBand == g.RankBand)))
                .ToList())).ToList();
        var overall = Counts(cells.Overall, _ => true);
        var personnel = Sum(cells.Personnel.Select(p => ($"{p.Key.Region}|personnel|{p.Key.Sex}|{p.Key.RankBand}", p.Value)));
        var trainers = Sum(cells.Trainers.Select(t => ($"{t.Key}|qualified-trainers", t.Value)));
        var officers = cells.Personnel.Values.Sum();

        double? hours = officers == 0 ? null
            : protect is null ? Math.Round(cells.TotalHours / officers, 2)
            : institutionRoot && personnel.Value >= MinimumOfficersForHours ? Math.Round(cells.TotalHours / officers, 0)
            : null;
        var byRegion = regions.Select(r => new RegionCompliance(r, Counts(cells.Overall, x => x.Region == r))).ToList();
        return new ComplianceReport(personnel, overall, curricula, hours, trainers, Ratio(overall.Required, trainers, 2), byRegion);
    }

    /// <summary>A ratio of two published counts; none when either has no value or the denominator is 0.</summary>
    public static double? Ratio(PublishedCount numerator, PublishedCount denominator, int digits) =>
        numerator.Value is { } n && denominator.Value is { } d && d > 0 ? Math.Round((double)n / d, digits) : null;
}
