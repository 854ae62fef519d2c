namespace GenderArchitecture.Training.Domain;

public enum Audience { NewRecruits = 1, CareerOfficers = 2, JudgesProsecutorsLawyers = 3, Trainers = 4 }

public sealed class CurriculumModule
{
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public double Hours { get; set; }
}

/// <summary>The curriculum is mandatory for officers of an institution (of the listed ranks, or all when empty) from a date.</summary>
public sealed class Mandate
{
    public string InstitutionId { get; set; } = "";
    public List<string> RankCodes { get; set; } = [];
    public DateOnly EffectiveFrom { get; set; }

    public bool AppliesTo(string institutionId, string rankCode, DateOnly on) =>
        InstitutionId == institutionId && EffectiveFrom <= on && (RankCodes.Count == 0 || RankCodes.Contains(rankCode));
}

/// <summary>What an edit of a curriculum may change.</summary>
public sealed record CurriculumContent(
    string Title,
    IReadOnlyList<CurriculumModule> Modules,
    IReadOnlyList<Audience> Audiences,
    IReadOnlyList<string> PrerequisiteCodes,
    int PassMark,
    int MinimumAttendancePercent,
    int ValidityMonths,
    int RecertificationWindowMonths,
    IReadOnlyList<Mandate> Mandates);

/// <summary>A version of a training curriculum. Certificates keep the version they were earned on.</summary>
public sealed class Curriculum
{
    private Curriculum() { }

    public Curriculum(string code, string institutionId, int version, CurriculumContent content)
    {
        Id = Guid.CreateVersion7();
        Code = code;
        InstitutionId = institutionId;
        Version = version;
        Apply(content);
    }

    public Guid Id { get; private set; }
    /// <summary>Stable across versions, e.g. "kp-gender-5day".</summary>
    public string Code { get; private set; } = "";
    public string InstitutionId { get; private set; } = "";
    public string Title { get; private set; } = "";
    public int Version { get; private set; }
    public List<CurriculumModule> Modules { get; private set; } = [];
    public List<Audience> Audiences { get; private set; } = [];
    public List<string> PrerequisiteCodes { get; private set; } = [];
    public List<Mandate> Mandates { get; private set; } = [];
    public int PassMark { get; private set; }
    public int MinimumAttendancePercent { get; private set; }
    /// <summary>0 for no expiry.</summary>
    public int ValidityMonths { get; private set; }
    public int RecertificationWindowMonths { get; private set; }
    /// <summary>Optimistic concurrency: bumped on every change, compared on every write.</summary>
    public long Revision { get; private set; } = 1;

    public double TotalHours => Modules.Sum(m => m.Hours);
    public bool IsForTrainers => Audiences.Contains(Audience.Trainers);

    /// <summary>The first day a certificate earned on <paramref name="issuedOn"/> is no longer valid; null when it never expires.</summary>
    public DateOnly? ExpiryFor(DateOnly issuedOn) => ValidityMonths > 0 ? issuedOn.AddMonths(ValidityMonths) : null;

    /// <summary>An edit of a version nobody has been trained on yet changes it in place.</summary>
    public void Edit(CurriculumContent content)
    {
        Apply(content);
        Revision++;
    }

    /// <summary>An edit of a delivered version: the next version, with the new content.</summary>
    public Curriculum NextVersion(CurriculumContent content) => new(Code, InstitutionId, Version + 1, content);

    private void Apply(CurriculumContent content)
    {
        Title = content.Title;
        Modules = content.Modules.Select(m => new CurriculumModule { Code = m.Code, Title = m.Title, Hours = m.Hours }).ToList();
        Audiences = content.Audiences.Distinct().ToList();
        PrerequisiteCodes = content.PrerequisiteCodes.Distinct().ToList();
        PassMark = content.PassMark;
        MinimumAttendancePercent = content.MinimumAttendancePercent;
        ValidityMonths = content.ValidityMonths;
        RecertificationWindowMonths = content.RecertificationWindowMonths;
        Mandates = content.Mandates.Select(m => new Mandate { InstitutionId = m.InstitutionId, RankCodes = m.RankCodes.ToList(), EffectiveFrom = m.EffectiveFrom }).ToList();
    }
}
