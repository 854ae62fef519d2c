namespace GenderArchitecture.Training.Domain;

/// <summary>A version of a training curriculum. Certificates keep the version they were earned on.</summary>
public sealed class Curriculum
{
    private Curriculum() { }

    public Curriculum(string code, string title, int version, decimal totalHours, int validityMonths)
    {
        Id = Guid.CreateVersion7();
        Code = code;
        Title = title;
        Version = version;
        TotalHours = totalHours;
        ValidityMonths = validityMonths;
    }

    public Guid Id { get; private set; }
    /// <summary>Stable across versions, e.g. "kp-gender-5day".</summary>
    public string Code { get; private set; } = "";
    public string Title { get; private set; } = "";
    public int Version { get; private set; }
    public decimal TotalHours { get; private set; }
    public int ValidityMonths { get; private set; }
}
