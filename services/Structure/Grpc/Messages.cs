using GenderArchitecture.Structure.V1;
using Domain = GenderArchitecture.Structure.Domain;

namespace GenderArchitecture.Structure.Grpc;

/// <summary>Hand-written mapping between domain records and proto messages.</summary>
internal static class Messages
{
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string Iso(DateOnly? date) => date is { } d ? Iso(d) : "";

    public static OrganisationUnit ToMessage(Domain.OrganisationUnit unit, IReadOnlyList<string>? ancestors = null)
    {
        var message = new OrganisationUnit
        {
            Id = unit.Id,
            Name = unit.Name,
            ShortName = unit.ShortName ?? "",
            Kind = (OrganisationUnitKind)unit.Kind,
            ParentId = unit.ParentId ?? "",
            InstitutionId = unit.InstitutionId,
            InstitutionType = unit.InstitutionType is { } t ? (InstitutionType)t : InstitutionType.Unspecified,
            OpenedOn = Iso(unit.OpenedOn),
            ClosedOn = Iso(unit.ClosedOn),
            Version = unit.Version,
        };
        if (ancestors is not null) message.AncestorIds.AddRange(ancestors);
        return message;
    }

    /// <param name="unitOn">The person's unit on <paramref name="on"/> when it differs from the current one.</param>
    public static Person ToMessage(Domain.Person person, Domain.OrganisationTree tree, DateOnly on, string? unitOn = null) => new()
    {
        Id = person.Id.ToString(),
        InstitutionId = person.InstitutionId,
        ServiceNumber = person.ServiceNumber,
        GivenName = person.GivenName,
        FamilyName = person.FamilyName,
        Sex = (Sex)person.Sex,
        RankCode = person.RankCode,
        RankBand = tree.FindRank(person.InstitutionId, person.RankCode) is { } rank ? (RankBand)rank.Band : RankBand.Unspecified,
        Position = person.Position ?? "",
        UnitId = unitOn ?? person.UnitId,
        UnitSince = Iso(person.UnitSince),
        ServiceStart = Iso(person.ServiceStart),
        ServiceEnd = Iso(person.ServiceEnd),
        Community = person.Community ?? "",
        Version = person.Version,
        InService = person.IsInServiceOn(on),
    };

    public static Rank ToMessage(Domain.Rank rank) => new()
    {
        InstitutionId = rank.InstitutionId,
        Code = rank.Code,
        Name = rank.Name,
        Band = (RankBand)rank.Band,
        Order = rank.Order,
    };

    public static FocalPointAppointment ToMessage(Domain.FocalPointAppointment appointment, Domain.Person? person) => new()
    {
        Id = appointment.Id.ToString(),
        UnitId = appointment.UnitId,
        PersonId = appointment.PersonId.ToString(),
        PersonName = person?.FullName ?? "",
        PersonSex = person is null ? Sex.Unspecified : (Sex)person.Sex,
        StartOn = Iso(appointment.StartOn),
        EndOn = Iso(appointment.EndOn),
        Version = appointment.Version,
    };

    public static RoleAssignment ToMessage(Domain.RoleAssignment assignment, Domain.Person? person) => new()
    {
        Id = assignment.Id.ToString(),
        PersonId = assignment.PersonId.ToString(),
        PersonName = person?.FullName ?? "",
        Role = (AssignmentRole)assignment.Role,
        UnitId = assignment.UnitId,
        StartOn = Iso(assignment.StartOn),
        EndOn = Iso(assignment.EndOn),
        Version = assignment.Version,
    };

    public static GenderBody ToMessage(Domain.GenderBody body) => new()
    {
        Id = body.Id,
        Name = body.Name,
        Kind = (GenderBodyKind)body.Kind,
        OwnerUnitId = body.OwnerUnitId,
        Mandate = body.Mandate,
        EstablishedOn = Iso(body.EstablishedOn),
        DissolvedOn = Iso(body.DissolvedOn),
        Quorum = body.Quorum,
        Version = body.Version,
    };

    public static Regulation ToMessage(Domain.Regulation regulation) => new()
    {
        BodyId = regulation.BodyId,
        Number = regulation.Number,
        Title = regulation.Title,
        AdoptedOn = Iso(regulation.AdoptedOn),
        Summary = regulation.Summary,
    };

    public static BodyMember ToMessage(Domain.BodyMember member) => new()
    {
        Id = member.Id.ToString(),
        BodyId = member.BodyId,
        Name = member.Name,
        Sex = (Sex)member.Sex,
        Role = (MemberRole)member.Role,
        RepresentedOrganisation = member.RepresentedOrganisation,
        PersonId = member.PersonId?.ToString() ?? "",
        TermStart = Iso(member.TermStart),
        TermEnd = Iso(member.TermEnd),
        Version = member.Version,
    };

    public static Meeting ToMessage(Domain.Meeting meeting)
    {
        var message = new Meeting
        {
            Id = meeting.Id.ToString(),
            BodyId = meeting.BodyId,
            PlannedOn = Iso(meeting.PlannedOn),
            Status = (MeetingStatus)meeting.Status,
            HeldOn = Iso(meeting.HeldOn),
            QuorumMet = meeting.QuorumMet,
            Agenda = meeting.Agenda,
            Version = meeting.Version,
        };
        message.AttendeeMemberIds.AddRange(meeting.Attendance.Select(a => a.MemberId.ToString()).Order(StringComparer.Ordinal));
        return message;
    }

    public static Decision ToMessage(Domain.Decision decision) => new()
    {
        Id = decision.Id.ToString(),
        BodyId = decision.BodyId,
        MeetingId = decision.MeetingId.ToString(),
        Text = decision.Text,
        FollowUpStatus = (FollowUpStatus)decision.FollowUpStatus,
        DueOn = Iso(decision.DueOn),
        TakenOn = Iso(decision.TakenOn),
        Version = decision.Version,
    };

    public static ActionPlan ToMessage(Domain.ActionPlan plan, IEnumerable<Domain.PlanAction>? actions = null)
    {
        var message = new ActionPlan
        {
            Id = plan.Id,
            Title = plan.Title,
            OwnerUnitId = plan.OwnerUnitId,
            BodyId = plan.BodyId ?? "",
            PeriodStart = Iso(plan.PeriodStart),
            PeriodEnd = Iso(plan.PeriodEnd),
            Version = plan.Version,
        };
        if (actions is not null) message.Actions.AddRange(actions.Select(ToMessage));
        return message;
    }

    public static PlanAction ToMessage(Domain.PlanAction action)
    {
        var message = new PlanAction
        {
            Id = action.Id.ToString(),
            PlanId = action.PlanId,
            Title = action.Title,
            ResponsibleUnitId = action.ResponsibleUnitId,
            DueOn = Iso(action.DueOn),
            Status = (ActionStatus)action.Status,
            Version = action.Version,
        };
        message.Notes.AddRange(action.Notes.OrderBy(n => n.WrittenOn).Select(n => new ProgressNote
        {
            Id = n.Id.ToString(),
            WrittenOn = Iso(n.WrittenOn),
            Text = n.Text,
        }));
        return message;
    }
}
