using GenderArchitecture.ServiceDefaults.Errors;

namespace GenderArchitecture.Structure.Domain;

public enum Sex { Female = 1, Male = 2 }

/// <summary>Where a rank sits; senior means senior/decision-making.</summary>
public enum RankBand { Junior = 1, Middle = 2, Senior = 3 }

/// <summary>One rank or grade of an institution's catalogue (judiciary roles are ranks too).</summary>
public sealed class Rank
{
    private Rank() { }

    public Rank(string institutionId, string code, string name, RankBand band, int order)
    {
        InstitutionId = institutionId;
        Code = code;
        Name = name;
        Band = band;
        Order = order;
    }

    public string InstitutionId { get; private set; } = "";
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public RankBand Band { get; private set; }
    public int Order { get; private set; }
}

/// <summary>What a judiciary rank is for the KJA survey's question (women and communities among judges and prosecutors).</summary>
public enum JudicialRole { Judge = 1, Prosecutor = 2 }

public static class JudicialRoles
{
    /// <summary>
    /// The role of a rank of the judiciary's catalogue (seeds/structure/ranks.json): a court president is a judge, a
    /// chief prosecutor a prosecutor; none for staff, lawyers and every other institution's ranks.
    /// </summary>
    public static JudicialRole? Of(InstitutionType? institutionType, string rankCode) => institutionType != InstitutionType.Judiciary ? null : rankCode switch
    {
        "judge" or "court-president" => JudicialRole.Judge,
        "prosecutor" or "chief-prosecutor" => JudicialRole.Prosecutor,
        _ => null,
    };
}

/// <summary>
/// A staff record. The service number is unique within the institution; service is the half-open interval
/// [ServiceStart, ServiceEnd). Community is self-declared and optional.
/// </summary>
public sealed class Person : IVersioned
{
    private Person() { }

    public Person(Guid id, string institutionId, string serviceNumber, string givenName, string familyName, Sex sex,
        string rankCode, string? position, string unitId, DateOnly serviceStart, string? community)
    {
        Id = id;
        InstitutionId = institutionId;
        ServiceNumber = serviceNumber;
        GivenName = givenName;
        FamilyName = familyName;
        Sex = sex;
        RankCode = rankCode;
        Position = string.IsNullOrWhiteSpace(position) ? null : position;
        UnitId = unitId;
        UnitSince = serviceStart;
        ServiceStart = serviceStart;
        Community = string.IsNullOrWhiteSpace(community) ? null : community;
    }

    public Guid Id { get; private set; }
    public string InstitutionId { get; private set; } = "";
    public string ServiceNumber { get; private set; } = "";
    public string GivenName { get; private set; } = "";
    public string FamilyName { get; private set; } = "";
    public Sex Sex { get; private set; }
    public string RankCode { get; private set; } = "";
    public string? Position { get; private set; }
    /// <summary>The current unit; earlier units are kept as <see cref="PersonPosting"/>s.</summary>
    public string UnitId { get; private set; } = "";
    /// <summary>Since when the person serves in <see cref="UnitId"/> (the service start unless they moved).</summary>
    public DateOnly UnitSince { get; private set; }
    public DateOnly ServiceStart { get; private set; }
    public DateOnly? ServiceEnd { get; private set; }
    public string? Community { get; private set; }
    public long Version { get; private set; } = 1;

    public string FullName => $"{GivenName} {FamilyName}";

    public bool IsInServiceOn(DateOnly date) => Periods.Contains(ServiceStart, ServiceEnd, date);

    /// <summary>
    /// Changes the record; a new unit applies from <paramref name="unitEffectiveOn"/> and the previous one is returned as a
    /// closed posting, so "which unit on date D" keeps its answer for the past.
    /// </summary>
    public PersonPosting? Update(string givenName, string familyName, Sex sex, string rankCode, string? position, string unitId,
        DateOnly unitEffectiveOn, string? community)
    {
        PersonPosting? previous = null;
        if (unitId != UnitId)
        {
            if (unitEffectiveOn <= UnitSince)
            {
                throw RpcErrors.InvalidArgument("unit_effective_on", $"must be after {UnitSince:yyyy-MM-dd}, since when {FullName} serves in {UnitId}");
            }
            previous = new PersonPosting(Guid.CreateVersion7(), Id, UnitId, UnitSince, unitEffectiveOn);
            UnitId = unitId;
            UnitSince = unitEffectiveOn;
        }
        GivenName = givenName;
        FamilyName = familyName;
        Sex = sex;
        RankCode = rankCode;
        Position = string.IsNullOrWhiteSpace(position) ? null : position;
        UnitId = unitId;
        Community = string.IsNullOrWhiteSpace(community) ? null : community;
        Version++;
        return previous;
    }

    /// <summary>The unit on <paramref name="date"/>, from the current posting or the person's earlier ones.</summary>
    public string UnitOn(DateOnly date, IEnumerable<PersonPosting> postings) =>
        date >= UnitSince ? UnitId : postings.Where(p => p.PersonId == Id).FirstOrDefault(p => p.From <= date && p.To > date)?.UnitId ?? UnitId;

    public void EndService(DateOnly serviceEnd)
    {
        if (ServiceEnd is not null)
        {
            throw RpcErrors.FailedPrecondition("SERVICE_ENDED", $"personnel/{Id}", $"The service of {FullName} already ended on {ServiceEnd:yyyy-MM-dd}.");
        }
        if (serviceEnd <= ServiceStart) throw RpcErrors.InvalidArgument("service_end", $"must be after the service start {ServiceStart:yyyy-MM-dd}");
        ServiceEnd = serviceEnd;
        Version++;
    }

    /// <summary>For demonstration data generated with a known end of service.</summary>
    internal void SetServiceEnd(DateOnly? serviceEnd) => ServiceEnd = serviceEnd;
}

/// <summary>A past posting of a person to a unit for [From, To); the current one lives on the person.</summary>
public sealed class PersonPosting(Guid id, Guid personId, string unitId, DateOnly from, DateOnly to)
{
    public Guid Id { get; private set; } = id;
    public Guid PersonId { get; private set; } = personId;
    public string UnitId { get; private set; } = unitId;
    public DateOnly From { get; private set; } = from;
    public DateOnly To { get; private set; } = to;
}
