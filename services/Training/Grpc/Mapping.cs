using V1 = GenderArchitecture.Training.V1;
using Domain = GenderArchitecture.Training.Domain;

namespace GenderArchitecture.Training.Grpc;

/// <summary>Hand-written mapping between the domain and the wire messages.</summary>
internal static class Mapping
{
    public static string Iso(this DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    public static string Iso(this DateOnly? date) => date?.Iso() ?? "";

    public static V1.Curriculum ToMessage(Domain.Curriculum c, bool delivered)
    {
        var m = new V1.Curriculum
        {
            Id = c.Id.ToString(),
            Code = c.Code,
            Title = c.Title,
            Version = c.Version,
            TotalHours = c.TotalHours,
            ValidityMonths = c.ValidityMonths,
            InstitutionId = c.InstitutionId,
            PassMark = c.PassMark,
            MinimumAttendancePercent = c.MinimumAttendancePercent,
            RecertificationWindowMonths = c.RecertificationWindowMonths,
            Delivered = delivered,
            Revision = c.Revision,
        };
        m.Modules.AddRange(c.Modules.Select(x => new V1.CurriculumModule { Code = x.Code, Title = x.Title, Hours = x.Hours }));
        m.Audiences.AddRange(c.Audiences.Select(a => (V1.Audience)a));
        m.PrerequisiteCodes.AddRange(c.PrerequisiteCodes);
        m.Mandates.AddRange(c.Mandates.Select(x =>
        {
            var mandate = new V1.Mandate { InstitutionId = x.InstitutionId, EffectiveFrom = x.EffectiveFrom.Iso() };
            mandate.RankCodes.AddRange(x.RankCodes);
            return mandate;
        }));
        return m;
    }

    public static V1.Session ToMessage(Domain.Session s, Domain.Curriculum c)
    {
        var m = new V1.Session
        {
            Id = s.Id.ToString(),
            CurriculumId = c.Id.ToString(),
            CurriculumCode = c.Code,
            CurriculumVersion = c.Version,
            CurriculumTitle = c.Title,
            InstitutionId = s.InstitutionId,
            Location = s.Location,
            StartDate = s.StartDate.Iso(),
            EndDate = s.EndDate.Iso(),
            Capacity = s.Capacity,
            Enrolled = s.EnrolledCount,
            Waitlisted = s.WaitlistedCount,
            Revision = s.Revision,
            Demonstration = s.IsDemonstration,
        };
        m.Trainers.AddRange(s.Trainers.Select(t => new V1.SessionTrainer { InstitutionId = t.InstitutionId, ServiceNumber = t.ServiceNumber, Name = t.Name }));
        return m;
    }

    /// <param name="waitlistPosition">1-based place on the waitlist; 0 when not waitlisted.</param>
    public static V1.Enrolment ToMessage(Domain.Enrolment e, int waitlistPosition = 0)
    {
        var m = new V1.Enrolment
        {
            Id = e.Id.ToString(),
            SessionId = e.SessionId.ToString(),
            InstitutionId = e.InstitutionId,
            ServiceNumber = e.ServiceNumber,
            Name = e.Name,
            Status = (V1.EnrolmentStatus)e.Status,
            WaitlistPosition = e.Status == Domain.EnrolmentStatus.Waitlisted ? waitlistPosition : 0,
            CertificateId = e.CertificateId?.ToString() ?? "",
        };
        m.DaysAttended.AddRange(e.DaysAttended.Select(d => d.Iso()));
        if (e.PreTestScore is { } pre) m.PreTestScore = pre;
        if (e.PostTestScore is { } post) m.PostTestScore = post;
        return m;
    }

    /// <summary>Enrolments of one session, each waitlisted one with its place in the queue.</summary>
    public static IEnumerable<V1.Enrolment> ToMessages(IEnumerable<Domain.Enrolment> enrolments)
    {
        var queue = enrolments.Where(e => e.Status == Domain.EnrolmentStatus.Waitlisted).OrderBy(e => e.WaitlistTicket)
            .Select((e, i) => (e.Id, Position: i + 1)).ToDictionary(x => x.Id, x => x.Position);
        return enrolments.OrderBy(e => e.Status).ThenBy(e => e.WaitlistTicket).ThenBy(e => e.Name)
            .Select(e => ToMessage(e, queue.GetValueOrDefault(e.Id)));
    }

    public static V1.Certificate ToMessage(Domain.Certificate c, string curriculumTitle, DateOnly today) => new()
    {
        Id = c.Id.ToString(),
        Number = c.Number,
        VerificationCode = c.VerificationCode,
        InstitutionId = c.InstitutionId,
        ServiceNumber = c.ServiceNumber,
        HolderName = c.HolderName,
        CurriculumId = c.CurriculumId.ToString(),
        CurriculumCode = c.CurriculumCode,
        CurriculumVersion = c.CurriculumVersion,
        CurriculumTitle = curriculumTitle,
        SessionId = c.SessionId?.ToString() ?? "",
        IssuedOn = c.IssuedOn.Iso(),
        ExpiresOn = c.ExpiresOn.Iso(),
        Status = (V1.CertificateStatus)c.StatusOn(today),
        RevocationReason = c.RevocationReason ?? "",
        Imported = c.Imported,
        Demonstration = c.IsDemonstration,
        Revision = c.Revision,
    };

    public static Domain.CurriculumContent ToContent(V1.CurriculumContent c, Dictionary<int, DateOnly> mandateDates) => new(
        c.Title.Trim(),
        c.Modules.Select(m => new Domain.CurriculumModule { Code = m.Code.Trim(), Title = m.Title.Trim(), Hours = m.Hours }).ToList(),
        c.Audiences.Select(a => (Domain.Audience)a).ToList(),
        c.PrerequisiteCodes.Select(p => p.Trim()).ToList(),
        c.PassMark,
        c.MinimumAttendancePercent,
        c.ValidityMonths,
        c.RecertificationWindowMonths,
        c.Mandates.Select((m, i) => new Domain.Mandate
        {
            InstitutionId = m.InstitutionId.Trim(),
            RankCodes = m.RankCodes.Select(r => r.Trim()).ToList(),
            EffectiveFrom = mandateDates.GetValueOrDefault(i),
        }).ToList());
}
