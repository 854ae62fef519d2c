namespace GenderArchitecture.Training.Domain;

/// <summary>Counts of officers by where they stand with a mandatory certificate. Expiring ones are also valid.</summary>
public sealed class ComplianceTally
{
    public int Required { get; private set; }
    public int Valid { get; private set; }
    public int Expiring { get; private set; }
    /// <summary>Trained, but holding no valid certificate now (expired or revoked).</summary>
    public int Expired { get; private set; }
    public int NeverTrained { get; private set; }
    public double ShareCompliant => Required == 0 ? 0 : (double)Valid / Required;

    public void Add(Standing standing)
    {
        Required++;
        switch (standing)
        {
            case Standing.Valid: Valid++; break;
            case Standing.Expiring: Valid++; Expiring++; break;
            case Standing.Expired: Expired++; break;
            default: NeverTrained++; break;
        }
    }
}

/// <summary>Where an officer stands with a certificate, from best to worst.</summary>
public enum Standing { Valid, Expiring, Expired, NeverTrained }

public sealed record CurriculumCompliance(string Code, string Title, ComplianceTally Total, IReadOnlyDictionary<(string Sex, string RankBand), ComplianceTally> Groups);

public sealed record ComplianceReport(int Personnel, ComplianceTally Overall, IReadOnlyList<CurriculumCompliance> Curricula,
    double TrainingHoursPerOfficer, int QualifiedTrainers, double TraineesPerTrainer);

/// <summary>
/// Compliance of a set of officers (the personnel of a subtree at a date, from Structure) with the curricula that are
/// mandatory for them, from the certificates Training holds. Pure: everything it needs is passed in.
/// </summary>
public static class ComplianceCalculator
{
    public static ComplianceReport Compute(IReadOnlyList<Officer> personnel, IReadOnlyList<Curriculum> curricula,
        IReadOnlyList<Certificate> certificates, DateOnly on, int expiringWithinDays, string? onlyCode = null)
    {
        // A curriculum's mandates are those of its newest version.
        var newest = curricula.GroupBy(c => c.Code).Select(g => g.MaxBy(c => c.Version)!).ToList();
        var mandatory = newest.Where(c => c.Mandates.Count > 0 && (onlyCode is null || c.Code == onlyCode)).OrderBy(c => c.Code).ToList();
        var hours = curricula.ToDictionary(c => c.Id, c => c.TotalHours);
        var trainerCurricula = curricula.Where(c => c.IsForTrainers).Select(c => c.Id).ToHashSet();
        var held = certificates.Where(c => c.IssuedOn <= on)
            .ToLookup(c => (c.InstitutionId, c.ServiceNumber));

        var overall = new ComplianceTally();
        var perCurriculum = mandatory.ToDictionary(c => c.Code, _ => (Total: new ComplianceTally(), Groups: new Dictionary<(string, string), ComplianceTally>()));
        double totalHours = 0;
        var trainers = 0;
        foreach (var officer in personnel)
        {
            var own = held[(officer.InstitutionId, officer.ServiceNumber)].ToList();
            totalHours += own.Where(c => c.RevokedAt is null).Sum(c => hours.GetValueOrDefault(c.CurriculumId));
            if (own.Any(c => trainerCurricula.Contains(c.CurriculumId) && c.IsValidOn(on))) trainers++;

            var standings = new List<Standing>();
            foreach (var curriculum in mandatory.Where(c => c.Mandates.Any(m => m.AppliesTo(officer.InstitutionId, officer.RankCode, on))))
            {
                var standing = StandingOf(own.Where(c => c.CurriculumCode == curriculum.Code).ToList(), on, expiringWithinDays);
                standings.Add(standing);
                var (total, groups) = perCurriculum[curriculum.Code];
                total.Add(standing);
                var key = (officer.Sex, officer.RankBand);
                if (!groups.TryGetValue(key, out var group)) groups[key] = group = new ComplianceTally();
                group.Add(standing);
            }
            // Overall, an officer counts by the worst standing over the mandatory curricula that apply to them.
            if (standings.Count > 0) overall.Add(standings.Max());
        }

        // Curricula nobody in the subtree is required to hold are left out, unless asked for by code.
        var reports = mandatory.Where(c => onlyCode is not null || perCurriculum[c.Code].Total.Required > 0).Select(c => new CurriculumCompliance(c.Code, c.Title, perCurriculum[c.Code].Total, perCurriculum[c.Code].Groups)).ToList();
        return new ComplianceReport(personnel.Count, overall, reports,
            personnel.Count == 0 ? 0 : totalHours / personnel.Count,
            trainers,
            trainers == 0 ? 0 : (double)overall.Required / trainers);
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
}
