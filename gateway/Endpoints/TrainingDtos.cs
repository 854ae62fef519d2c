using GenderArchitecture.Disclosure.V1;
using V1 = GenderArchitecture.Training.V1;
using static GenderArchitecture.Gateway.Endpoints.ProtectedFigureDtos;

namespace GenderArchitecture.Gateway.Endpoints;

/// <summary>The request and response bodies of the training endpoints, and their mapping from the gRPC messages.</summary>
public static class TrainingDtos
{
    public sealed record PageDto<T>(IReadOnlyList<T> Items, string? NextPageToken);

    public sealed record ModuleDto(string Code, string Title, double Hours);
    public sealed record MandateDto(string InstitutionId, IReadOnlyList<string> RankCodes, string EffectiveFrom);
    public sealed record CurriculumDto(string Id, string Code, string Title, int Version, string InstitutionId, double TotalHours,
        IReadOnlyList<ModuleDto> Modules, IReadOnlyList<V1.Audience> Audiences, IReadOnlyList<string> PrerequisiteCodes, int PassMark,
        int MinimumAttendancePercent, int ValidityMonths, int RecertificationWindowMonths, IReadOnlyList<MandateDto> Mandates, bool Delivered, long Revision);
    public sealed record CurriculumContentDto(string Title, IReadOnlyList<ModuleDto> Modules, IReadOnlyList<V1.Audience> Audiences,
        IReadOnlyList<string>? PrerequisiteCodes, int PassMark, int MinimumAttendancePercent, int ValidityMonths, int RecertificationWindowMonths,
        IReadOnlyList<MandateDto>? Mandates);
    public sealed record CreateCurriculumDto(string Code, string InstitutionId, CurriculumContentDto Content);
    public sealed record UpdateCurriculumDto(long? ExpectedRevision, CurriculumContentDto Content);
    public sealed record CurriculumUpdatedDto(CurriculumDto Curriculum, bool NewVersion);

    public sealed record TrainerDto(string InstitutionId, string ServiceNumber, string Name, string CertificateNumber, string QualifiedOn, string? QualifiedUntil);
    public sealed record SessionTrainerDto(string InstitutionId, string ServiceNumber, string Name);
    public sealed record SessionDto(string Id, string CurriculumId, string CurriculumCode, int CurriculumVersion, string CurriculumTitle, string InstitutionId,
        string Location, string StartDate, string EndDate, int Capacity, int Enrolled, int Waitlisted, int FreePlaces, IReadOnlyList<SessionTrainerDto> Trainers,
        long Revision, bool Demonstration);
    public sealed record EnrolmentDto(string Id, string SessionId, string InstitutionId, string ServiceNumber, string Name, V1.EnrolmentStatus Status,
        int? WaitlistPosition, IReadOnlyList<string> DaysAttended, double? PreTestScore, double? PostTestScore, string? CertificateId);
    public sealed record SessionDetailDto(SessionDto Session, IReadOnlyList<EnrolmentDto> Enrolments);
    public sealed record CreateSessionDto(string CurriculumId, string InstitutionId, string Location, string StartDate, string EndDate, int Capacity,
        IReadOnlyList<string> TrainerServiceNumbers);
    public sealed record UpdateSessionDto(long? ExpectedRevision, string? Location, int? Capacity);
    public sealed record SessionUpdatedDto(SessionDto Session, IReadOnlyList<EnrolmentDto> Promoted);
    public sealed record EnrolDto(string ServiceNumber);
    public sealed record WithdrawalDto(EnrolmentDto Withdrawn, EnrolmentDto? Promoted);
    public sealed record AttendanceMarkDto(string ServiceNumber, bool Present);
    public sealed record AttendanceDto(IReadOnlyList<AttendanceMarkDto> Marks);
    public sealed record ResultsDto(double? PreTestScore, double? PostTestScore);

    public sealed record CertificateDto(string Id, string Number, string VerificationCode, string InstitutionId, string ServiceNumber, string HolderName,
        string CurriculumId, string CurriculumCode, int CurriculumVersion, string CurriculumTitle, string? SessionId, string IssuedOn, string? ExpiresOn,
        V1.CertificateStatus Status, string? RevocationReason, bool Imported, bool Demonstration, long Revision);
    public sealed record IssuedDto(CertificateDto Certificate, bool Created);
    public sealed record RevocationDto(string Reason, long? ExpectedRevision);
    public sealed record VerificationDto(V1.CertificateStatus Status, string? HolderName, string? CurriculumTitle, string? IssuedOn, string? ExpiresOn);
    public sealed record ImportRowErrorDto(int Line, string ServiceNumber, string Reason);
    public sealed record ImportReportDto(bool DryRun, int RowsRead, int RowsValid, int CertificatesCreated, IReadOnlyList<ImportRowErrorDto> Errors);

    public sealed record CountsDto(FigureDto Required, FigureDto Valid, FigureDto Expiring, FigureDto Expired, FigureDto NeverTrained, double? ShareCompliant);
    public sealed record ComplianceGroupDto(string Sex, string RankBand, CountsDto Counts);
    public sealed record CurriculumComplianceDto(string CurriculumCode, string CurriculumTitle, CountsDto Total, IReadOnlyList<ComplianceGroupDto> Groups);
    public sealed record ComplianceDto(string RootUnitId, string OnDate, FigureDto Personnel, CountsDto Overall, IReadOnlyList<CurriculumComplianceDto> Curricula,
        double? TrainingHoursPerOfficer, FigureDto QualifiedTrainers, double? TraineesPerTrainer, ProtectionMethodDto? ProtectionMethod);
    public sealed record OfficerSessionDto(SessionDto Session, EnrolmentDto Enrolment);
    public sealed record OfficerRecordDto(string InstitutionId, string ServiceNumber, string Name, IReadOnlyList<OfficerSessionDto> Sessions, IReadOnlyList<CertificateDto> Certificates);
    public sealed record DueDto(CertificateDto Certificate, int DaysToExpiry);

    private static string? OrNull(string s) => s.Length == 0 ? null : s;

    /// <summary>A query-string enum in the API's snake_case spelling ("career_officers"); absent is null, unknown a 400.</summary>
    public static T? ParseEnum<T>(string? value, string name) where T : struct, Enum
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (Enum.TryParse<T>(value.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)) return parsed;
        var known = string.Join(", ", Enum.GetNames<T>().Where(n => n != "Unspecified").Select(n => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(n)));
        throw new BadHttpRequestException($"{name} must be one of {known}.");
    }

    public static CurriculumDto ToDto(V1.Curriculum c) => new(c.Id, c.Code, c.Title, c.Version, c.InstitutionId, c.TotalHours,
        c.Modules.Select(m => new ModuleDto(m.Code, m.Title, m.Hours)).ToList(), c.Audiences.ToList(), c.PrerequisiteCodes.ToList(), c.PassMark,
        c.MinimumAttendancePercent, c.ValidityMonths, c.RecertificationWindowMonths,
        c.Mandates.Select(m => new MandateDto(m.InstitutionId, m.RankCodes.ToList(), m.EffectiveFrom)).ToList(), c.Delivered, c.Revision);

    public static V1.CurriculumContent ToMessage(CurriculumContentDto? c)
    {
        var m = new V1.CurriculumContent();
        if (c is null) return m;
        m.Title = c.Title ?? "";
        m.PassMark = c.PassMark;
        m.MinimumAttendancePercent = c.MinimumAttendancePercent;
        m.ValidityMonths = c.ValidityMonths;
        m.RecertificationWindowMonths = c.RecertificationWindowMonths;
        m.Modules.AddRange((c.Modules ?? []).Select(x => new V1.CurriculumModule { Code = x.Code ?? "", Title = x.Title ?? "", Hours = x.Hours }));
        m.Audiences.AddRange(c.Audiences ?? []);
        m.PrerequisiteCodes.AddRange(c.PrerequisiteCodes ?? []);
        m.Mandates.AddRange((c.Mandates ?? []).Select(x =>
        {
            var mandate = new V1.Mandate { InstitutionId = x.InstitutionId ?? "", EffectiveFrom = x.EffectiveFrom ?? "" };
            mandate.RankCodes.AddRange(x.RankCodes ?? []);
            return mandate;
        }));
        return m;
    }

    public static TrainerDto ToDto(V1.Trainer t) => new(t.InstitutionId, t.ServiceNumber, t.Name, t.CertificateNumber, t.QualifiedOn, OrNull(t.QualifiedUntil));

    public static SessionDto ToDto(V1.Session s) => new(s.Id, s.CurriculumId, s.CurriculumCode, s.CurriculumVersion, s.CurriculumTitle, s.InstitutionId,
        s.Location, s.StartDate, s.EndDate, s.Capacity, s.Enrolled, s.Waitlisted, Math.Max(0, s.Capacity - s.Enrolled),
        s.Trainers.Select(t => new SessionTrainerDto(t.InstitutionId, t.ServiceNumber, t.Name)).ToList(), s.Revision, s.Demonstration);

    public static EnrolmentDto ToDto(V1.Enrolment e) => new(e.Id, e.SessionId, e.InstitutionId, e.ServiceNumber, e.Name, e.Status,
        e.WaitlistPosition == 0 ? null : e.WaitlistPosition, e.DaysAttended.ToList(),
        e.HasPreTestScore ? e.PreTestScore : null, e.HasPostTestScore ? e.PostTestScore : null, OrNull(e.CertificateId));

    public static CertificateDto ToDto(V1.Certificate c) => new(c.Id, c.Number, c.VerificationCode, c.InstitutionId, c.ServiceNumber, c.HolderName,
        c.CurriculumId, c.CurriculumCode, c.CurriculumVersion, c.CurriculumTitle, OrNull(c.SessionId), c.IssuedOn, OrNull(c.ExpiresOn), c.Status,
        OrNull(c.RevocationReason), c.Imported, c.Demonstration, c.Revision);

    public static FigureDto ToDto(V1.Figure? f) => f is null ? ToFigure(null, Protection.NoData) : ToFigure(f.HasValue ? f.Value : null, f.Protection);

    public static CountsDto ToDto(V1.ComplianceCounts c) =>
        new(ToDto(c.Required), ToDto(c.Valid), ToDto(c.Expiring), ToDto(c.Expired), ToDto(c.NeverTrained), c.HasShareCompliant ? c.ShareCompliant : null);

    public static ComplianceDto ToDto(V1.GetComplianceResponse r) => new(r.RootUnitId, r.OnDate, ToDto(r.Personnel), ToDto(r.Overall),
        r.Curricula.Select(c => new CurriculumComplianceDto(c.CurriculumCode, c.CurriculumTitle, ToDto(c.Total),
            c.Groups.Select(g => new ComplianceGroupDto(g.Sex, g.RankBand, ToDto(g.Counts))).ToList())).ToList(),
        r.HasTrainingHoursPerOfficer ? r.TrainingHoursPerOfficer : null, ToDto(r.QualifiedTrainers),
        r.HasTraineesPerTrainer ? r.TraineesPerTrainer : null, ProtectedFigureDtos.ToDto(r.ProtectionMethod));
}
