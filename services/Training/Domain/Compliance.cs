namespace GenderArchitecture.Training.Domain;

/// <summary>Where an officer stands with a certificate, from best to worst. Valid means valid and not expiring soon.</summary>
public enum Standing { Valid, Expiring, Expired, NeverTrained }

/// <summary>
/// A base cell of the compliance grid: the officers of one region (or of the institution, outside every region) of one
/// sex and rank band who stand one way with one curriculum, or overall (by their worst standing over the curricula
/// that apply to them). Every compliance figure is a sum of such cells.
/// </summary>
public sealed record ComplianceCell(string Region, string Curriculum, string Sex, string RankBand, Standing Standing)
{
    public const string Overall = "overall";

    /// <summary>The cell's stable name: never a date, so the same cell with the same count is adjusted the same way.</summary>
    public string Name => $"{Region}|{Curriculum}|{Sex}|{RankBand}|{Standing}";
}

public sealed record CurriculumRef(string Code, string Title);

/// <summary>The base cells of a subtree at a date, and the two figures that are not counts of people.</summary>
/// <param name="Overall">Overall cells; when only one curriculum was asked for, they are that curriculum's own cells.</param>
/// <param name="Personnel">Officers in service by (region, sex, rank band).</param>
/// <param name="Trainers">Officers holding a valid training-of-trainers certificate, by region.</param>
public sealed record ComplianceCells(IReadOnlyList<CurriculumRef> Curricula, IReadOnlyDictionary<ComplianceCell, int> Standings,
    IReadOnlyDictionary<ComplianceCell, int> Overall, IReadOnlyDictionary<(string Region, string Sex, string RankBand), int> Personnel,
    IReadOnlyDictionary<string, int> Trainers, double TotalHours);

/// <summary>
/// Compliance of a set of officers (the personnel of a subtree at a date, from Structure) with the curricula that are
/// mandatory for them, from the certificates Training holds, as base cells. Pure: everything it needs is passed in.
/// </summary>
public static class ComplianceCalculator
{
    /// <param name="regionOf">The publication region of an officer: the region of their unit, or their institution.</param>
    public static ComplianceCells Compute(IReadOnlyList<Officer> personnel, Func<Officer, string> regionOf, IReadOnlyList<Curriculum> curricula,
        IReadOnlyList<Certificate> certificates, DateOnly on, int expiringWithinDays, string? onlyCode = null)
    {
        // A curriculum's mandates are those of its newest version.
        var newest = curricula.GroupBy(c => c.Code).Select(g => g.MaxBy(c => c.Version)!).ToList();
        var mandatory = newest.Where(c => c.Mandates.Count > 0 && (onlyCode is null || c.Code == onlyCode)).OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        var hours = curricula.ToDictionary(c => c.Id, c => c.TotalHours);
        var trainerCurricula = curricula.Where(c => c.IsForTrainers).Select(c => c.Id).ToHashSet();
        var held = certificates.Where(c => c.IssuedOn <= on).ToLookup(c => (c.InstitutionId, c.ServiceNumber));

        var standings = new Dictionary<ComplianceCell, int>();
        var overall = new Dictionary<ComplianceCell, int>();
        var people = new Dictionary<(string, string, string), int>();
        var trainers = new Dictionary<string, int>();
        var required = new HashSet<string>();
        double totalHours = 0;
        foreach (var officer in personnel)
        {
            var region = regionOf(officer);
            Increment(people, (region, officer.Sex, officer.RankBand));
            var own = held[(officer.InstitutionId, officer.ServiceNumber)].ToList();
            totalHours += own.Where(c => c.RevokedAt is null).Sum(c => hours.GetValueOrDefault(c.CurriculumId));
            if (own.Any(c => trainerCurricula.Contains(c.CurriculumId) && c.IsValidOn(on))) Increment(trainers, region);

            Standing? worst = null;
            foreach (var curriculum in mandatory.Where(c => c.Mandates.Any(m => m.AppliesTo(officer.InstitutionId, officer.RankCode, on))))
            {
                var standing = StandingOf(own.Where(c => c.CurriculumCode == curriculum.Code).ToList(), on, expiringWithinDays);
                Increment(standings, new ComplianceCell(region, curriculum.Code, officer.Sex, officer.RankBand, standing));
                required.Add(curriculum.Code);
                worst = worst is { } w && w > standing ? w : standing;
            }
            if (worst is { } worstStanding)
            {
                Increment(overall, new ComplianceCell(region, onlyCode ?? ComplianceCell.Overall, officer.Sex, officer.RankBand, worstStanding));
            }
        }

        // Curricula nobody in the subtree is required to hold are left out, unless asked for by code.
        var listed = mandatory.Where(c => onlyCode is not null || required.Contains(c.Code)).Select(c => new CurriculumRef(c.Code, c.Title)).ToList();
        return new ComplianceCells(listed, standings, overall, people, trainers, totalHours);
    }

    public static Standing StandingOf(IReadOnlyCollection<Certificate> certificates, DateOnly on, int expiringWithinDays)
    {
        var valid = certificates.Where(c => c.IsValidOn(on)).ToList();
        if (valid.Count > 0)
        {
            var lastsUntil = valid.Max(c => c.ExpiresOn ?? DateOnly.MaxValue);
            return lastsUntil <= on.AddDays(expiringWithinDays) ? Standing.Expiring : Standing.Valid;
        }
        return certificates.Count > 0 ? Standing.Expired : Standing.NeverTrained;
    }

    private static void Increment<TKey>(Dictionary<TKey, int> counts, TKey key) where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}
