using GenderArchitecture.ServiceDefaults.Errors;

namespace GenderArchitecture.Structure.Domain;

public enum GenderBodyKind { Board = 1, AdvisoryBoard = 2, TaskForce = 3, CoordinationGroup = 4 }

public enum MemberRole { Chair = 1, DeputyChair = 2, Secretary = 3, Member = 4, Observer = 5 }

/// <summary>A board, advisory board, task force or coordination group of the gender architecture.</summary>
public sealed class GenderBody : IVersioned
{
    private GenderBody() { }

    public GenderBody(string id, string name, GenderBodyKind kind, string ownerUnitId, string mandate, DateOnly establishedOn, int quorum)
    {
        Id = id;
        Name = name;
        Kind = kind;
        OwnerUnitId = ownerUnitId;
        Mandate = mandate;
        EstablishedOn = establishedOn;
        Quorum = quorum;
    }

    public string Id { get; private set; } = "";
    public string Name { get; private set; } = "";
    public GenderBodyKind Kind { get; private set; }
    public string OwnerUnitId { get; private set; } = "";
    public string Mandate { get; private set; } = "";
    public DateOnly EstablishedOn { get; private set; }
    public DateOnly? DissolvedOn { get; private set; }
    /// <summary>Members present needed for a quorum; 0 means a majority of the members sitting that day.</summary>
    public int Quorum { get; private set; }
    public long Version { get; private set; } = 1;

    public bool IsActiveOn(DateOnly date) => Periods.Contains(EstablishedOn, DissolvedOn, date);

    public void Update(string name, string mandate, int quorum)
    {
        Name = name;
        Mandate = mandate;
        Quorum = quorum;
        Version++;
    }

    public void Dissolve(DateOnly dissolvedOn)
    {
        if (DissolvedOn is not null)
        {
            throw RpcErrors.FailedPrecondition("BODY_DISSOLVED", $"gender_bodies/{Id}", $"'{Id}' was already dissolved on {DissolvedOn:yyyy-MM-dd}.");
        }
        if (dissolvedOn <= EstablishedOn) throw RpcErrors.InvalidArgument("dissolved_on", $"must be after the establishment {EstablishedOn:yyyy-MM-dd}");
        DissolvedOn = dissolvedOn;
        Version++;
    }

    public void RequireActiveOn(DateOnly date, string field)
    {
        if (!IsActiveOn(date))
        {
            throw RpcErrors.FailedPrecondition("BODY_NOT_ACTIVE", $"gender_bodies/{Id}",
                $"'{Id}' is not active on {date:yyyy-MM-dd} ({field}).");
        }
    }

    /// <summary>Whether <paramref name="present"/> members make a quorum among <paramref name="sitting"/> members.</summary>
    public bool IsQuorum(int present, int sitting) => Quorum > 0 ? present >= Quorum : present * 2 > sitting;
}

/// <summary>One version of the regulation that governs a body; versions are numbered 1, 2, ... by adoption.</summary>
public sealed class Regulation
{
    private Regulation() { }

    public Regulation(string bodyId, int number, string title, DateOnly adoptedOn, string? summary)
    {
        BodyId = bodyId;
        Number = number;
        Title = title;
        AdoptedOn = adoptedOn;
        Summary = summary ?? "";
    }

    public string BodyId { get; private set; } = "";
    public int Number { get; private set; }
    public string Title { get; private set; } = "";
    public DateOnly AdoptedOn { get; private set; }
    public string Summary { get; private set; } = "";
}

/// <summary>A seat on a body for the term [TermStart, TermEnd).</summary>
public sealed class BodyMember : IVersioned
{
    private BodyMember() { }

    public BodyMember(Guid id, string bodyId, string name, Sex sex, MemberRole role, string representedOrganisation,
        Guid? personId, DateOnly termStart, DateOnly? termEnd)
    {
        Id = id;
        BodyId = bodyId;
        Name = name;
        Sex = sex;
        Role = role;
        RepresentedOrganisation = representedOrganisation;
        PersonId = personId;
        TermStart = termStart;
        TermEnd = termEnd;
    }

    public Guid Id { get; private set; }
    public string BodyId { get; private set; } = "";
    public string Name { get; private set; } = "";
    public Sex Sex { get; private set; }
    public MemberRole Role { get; private set; }
    public string RepresentedOrganisation { get; private set; } = "";
    public Guid? PersonId { get; private set; }
    public DateOnly TermStart { get; private set; }
    public DateOnly? TermEnd { get; private set; }
    public long Version { get; private set; } = 1;

    public bool SitsOn(DateOnly date) => Periods.Contains(TermStart, TermEnd, date);

    public void EndTerm(DateOnly termEnd)
    {
        if (termEnd <= TermStart) throw RpcErrors.InvalidArgument("term_end", $"must be after the term start {TermStart:yyyy-MM-dd}");
        TermEnd = termEnd;
        Version++;
    }
}
