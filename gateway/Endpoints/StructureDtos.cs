using System.Text.Json;
using GenderArchitecture.Structure.V1;
using static GenderArchitecture.Gateway.Endpoints.ProtectedFigureDtos;

namespace GenderArchitecture.Gateway.Endpoints;

/// <summary>The JSON shapes of the Structure endpoints and their hand-written mapping from the gRPC messages.</summary>
public static class StructureDtos
{
    public sealed record Page<T>(T[] Items, string? NextPageToken);

    public sealed record UnitDto(string Id, string Name, string? ShortName, string Kind, string? ParentId, string InstitutionId,
        string? InstitutionType, string OpenedOn, string? ClosedOn, long Version, string[] AncestorIds);

    public sealed record RankDto(string Code, string Name, string Band, int Order);

    public sealed record PersonDto(string Id, string InstitutionId, string ServiceNumber, string GivenName, string FamilyName, string Sex,
        string RankCode, string? RankBand, string? Position, string UnitId, string UnitSince, string ServiceStart, string? ServiceEnd,
        string? Community, bool InService, long Version);

    public sealed record AppointmentDto(string Id, string UnitId, string PersonId, string PersonName, string PersonSex, string StartOn,
        string? EndOn, long Version);

    public sealed record CompositionCellDto(string Sex, string RankBand, FigureDto Headcount);

    public sealed record CommunityDto(string Community, FigureDto Women, FigureDto Men);

    public sealed record CompositionDto(string UnitId, string OnDate, FigureDto Total, FigureDto Women, FigureDto Men, double? WomenSharePercent,
        FigureDto SeniorTotal, FigureDto SeniorWomen, double? SeniorWomenSharePercent, CompositionCellDto[] Cells, CommunityDto[] Communities,
        FigureDto CommunityRecorded, ProtectionMethodDto? ProtectionMethod);

    public sealed record StationCoverageDto(string UnitId, string Name, int OpenDays, int CoveredDays, int VacancyDays,
        string? HolderPersonId, string? HolderName);

    public sealed record CoverageDto(string UnitId, string From, string To, int StationsActive, int StationsWithFocalPoint,
        int StationsFullyCovered, double CoveragePercent, StationCoverageDto[] Stations);

    public sealed record BodyDto(string Id, string Name, string Kind, string OwnerUnitId, string Mandate, string EstablishedOn,
        string? DissolvedOn, int Quorum, long Version);

    public sealed record RegulationDto(int Number, string Title, string AdoptedOn, string Summary);

    public sealed record MemberDto(string Id, string Name, string Sex, string Role, string RepresentedOrganisation, string? PersonId,
        string TermStart, string? TermEnd, long Version);

    public sealed record BodyDetailDto(BodyDto Body, RegulationDto[] Regulations, MemberDto[] Members);

    public sealed record MeetingDto(string Id, string BodyId, string PlannedOn, string Status, string? HeldOn, string[] AttendeeMemberIds,
        bool QuorumMet, string Agenda, long Version);

    public sealed record DecisionDto(string Id, string BodyId, string MeetingId, string Text, string FollowUpStatus, string? DueOn,
        string TakenOn, long Version);

    public sealed record ActivityDto(string BodyId, string From, string To, int MeetingsPlanned, int MeetingsHeld, int MeetingsCancelled,
        int MeetingsQuorumMet, Dictionary<string, int> Decisions, int ActionsTotal, int ActionsDone, int ActionsOverdue, int ActionsInProgress);

    public sealed record NoteDto(string Id, string WrittenOn, string Text);

    public sealed record ActionDto(string Id, string PlanId, string Title, string ResponsibleUnitId, string DueOn, string Status,
        NoteDto[] Notes, long Version);

    public sealed record PlanDto(string Id, string Title, string OwnerUnitId, string? BodyId, string PeriodStart, string PeriodEnd,
        ActionDto[]? Actions, long Version);

    /// <summary>Enum values as the suite's JSON writes them: snake_case without the type prefix ("advisory_board").</summary>
    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>Reads an enum value written as <see cref="Name{TEnum}"/>; anything else becomes unspecified (0), which the service refuses.</summary>
    public static TEnum Parse<TEnum>(string? value) where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().FirstOrDefault(v => string.Equals(Name(v), value, StringComparison.OrdinalIgnoreCase));

    private static string? Optional(string value) => value.Length == 0 ? null : value;

    public static UnitDto ToDto(OrganisationUnit u) => new(u.Id, u.Name, Optional(u.ShortName), Name(u.Kind), Optional(u.ParentId),
        u.InstitutionId, u.InstitutionType == InstitutionType.Unspecified ? null : Name(u.InstitutionType), u.OpenedOn, Optional(u.ClosedOn),
        u.Version, [.. u.AncestorIds]);

    public static RankDto ToDto(Rank r) => new(r.Code, r.Name, Name(r.Band), r.Order);

    public static PersonDto ToDto(Person p) => new(p.Id, p.InstitutionId, p.ServiceNumber, p.GivenName, p.FamilyName, Name(p.Sex), p.RankCode,
        p.RankBand == RankBand.Unspecified ? null : Name(p.RankBand), Optional(p.Position), p.UnitId, p.UnitSince, p.ServiceStart, Optional(p.ServiceEnd),
        Optional(p.Community), p.InService, p.Version);

    public static AppointmentDto ToDto(FocalPointAppointment a) => new(a.Id, a.UnitId, a.PersonId, a.PersonName, Name(a.PersonSex), a.StartOn,
        Optional(a.EndOn), a.Version);

    public static FigureDto ToDto(Headcount? h) =>
        h is null ? ToFigure(null, Disclosure.V1.Protection.NoData) : ToFigure(h.HasValue ? h.Value : null, h.Protection);

    public static CompositionDto ToDto(GetCompositionResponse c) => new(c.RootUnitId, c.OnDate, ToDto(c.Total), ToDto(c.Women), ToDto(c.Men),
        c.HasWomenSharePercent ? c.WomenSharePercent : null, ToDto(c.SeniorTotal), ToDto(c.SeniorWomen),
        c.HasSeniorWomenSharePercent ? c.SeniorWomenSharePercent : null,
        [.. c.Cells.Select(x => new CompositionCellDto(Name(x.Sex), Name(x.RankBand), ToDto(x.Count)))],
        [.. c.Communities.Select(x => new CommunityDto(x.Community, ToDto(x.Women), ToDto(x.Men)))], ToDto(c.CommunityRecorded),
        ProtectedFigureDtos.ToDto(c.ProtectionMethod));

    public static CoverageDto ToDto(GetFocalPointCoverageResponse c) => new(c.RootUnitId, c.From, c.To, c.StationsActive, c.StationsWithFocalPoint,
        c.StationsFullyCovered, c.CoveragePercent,
        [.. c.Stations.Select(s => new StationCoverageDto(s.UnitId, s.Name, s.OpenDays, s.CoveredDays, s.VacancyDays, Optional(s.HolderPersonId), Optional(s.HolderName)))]);

    public static BodyDto ToDto(GenderBody b) => new(b.Id, b.Name, Name(b.Kind), b.OwnerUnitId, b.Mandate, b.EstablishedOn, Optional(b.DissolvedOn),
        b.Quorum, b.Version);

    public static RegulationDto ToDto(Regulation r) => new(r.Number, r.Title, r.AdoptedOn, r.Summary);

    public static MemberDto ToDto(BodyMember m) => new(m.Id, m.Name, Name(m.Sex), Name(m.Role), m.RepresentedOrganisation, Optional(m.PersonId),
        m.TermStart, Optional(m.TermEnd), m.Version);

    public static MeetingDto ToDto(Meeting m) => new(m.Id, m.BodyId, m.PlannedOn, Name(m.Status), Optional(m.HeldOn), [.. m.AttendeeMemberIds],
        m.QuorumMet, m.Agenda, m.Version);

    public static DecisionDto ToDto(Decision d) => new(d.Id, d.BodyId, d.MeetingId, d.Text, Name(d.FollowUpStatus), Optional(d.DueOn), d.TakenOn, d.Version);

    public static ActivityDto ToDto(GetBodyActivityResponse a) => new(a.BodyId, a.From, a.To, a.MeetingsPlanned, a.MeetingsHeld, a.MeetingsCancelled,
        a.MeetingsQuorumMet, a.Decisions.ToDictionary(d => Name(d.FollowUpStatus), d => d.Count), a.ActionsTotal, a.ActionsDone, a.ActionsOverdue,
        a.ActionsInProgress);

    public static ActionDto ToDto(PlanAction a) => new(a.Id, a.PlanId, a.Title, a.ResponsibleUnitId, a.DueOn, Name(a.Status),
        [.. a.Notes.Select(n => new NoteDto(n.Id, n.WrittenOn, n.Text))], a.Version);

    public static PlanDto ToDto(ActionPlan p, bool withActions) => new(p.Id, p.Title, p.OwnerUnitId, Optional(p.BodyId), p.PeriodStart, p.PeriodEnd,
        withActions ? [.. p.Actions.Select(ToDto)] : null, p.Version);

    /// <summary>The version a write is based on: see <see cref="VersionHeaders.Expected"/>.</summary>
    public static long ExpectedVersion(HttpRequest request, long? fromBody) => VersionHeaders.Expected(request, fromBody);

    public static void SetETag(HttpResponse response, long version) => VersionHeaders.SetETag(response, version);
}
