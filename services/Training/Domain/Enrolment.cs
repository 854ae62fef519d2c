using GenderArchitecture.ServiceDefaults.Errors;

namespace GenderArchitecture.Training.Domain;

public enum EnrolmentStatus { Enrolled = 1, Waitlisted = 2, Withdrawn = 3 }

/// <summary>An officer's place (or waitlist place) in a session, with attendance per day and test scores.</summary>
public sealed class Enrolment
{
    private Enrolment() { }

    internal Enrolment(Session session, Officer officer, EnrolmentStatus status, long waitlistTicket)
    {
        Id = Guid.CreateVersion7();
        SessionId = session.Id;
        InstitutionId = officer.InstitutionId;
        ServiceNumber = officer.ServiceNumber;
        PersonId = officer.PersonId;
        Name = officer.Name;
        Sex = officer.Sex;
        RankBand = officer.RankBand;
        Status = status;
        WaitlistTicket = waitlistTicket;
    }

    public Guid Id { get; private set; }
    public Guid SessionId { get; private set; }
    public string InstitutionId { get; private set; } = "";
    public string ServiceNumber { get; private set; } = "";
    public string PersonId { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Sex { get; private set; } = "";
    public string RankBand { get; private set; } = "";
    public EnrolmentStatus Status { get; private set; }
    public long WaitlistTicket { get; private set; }
    public List<DateOnly> DaysAttended { get; private set; } = [];
    public double? PreTestScore { get; private set; }
    public double? PostTestScore { get; private set; }
    public Guid? CertificateId { get; private set; }

    internal void MarkWithdrawn() => Status = EnrolmentStatus.Withdrawn;

    internal void Promote()
    {
        Status = EnrolmentStatus.Enrolled;
        WaitlistTicket = 0;
    }

    public void MarkAttendance(DateOnly day, bool present)
    {
        RequireEnrolled("attendance");
        var days = DaysAttended.Where(d => d != day).ToList();
        if (present) days.Add(day);
        days.Sort();
        DaysAttended = days; // a new list, so the change is seen whatever the provider's collection mapping
    }

    public void RecordResults(double? preTest, double? postTest)
    {
        RequireEnrolled("results");
        if (preTest is not null) PreTestScore = preTest;
        if (postTest is not null) PostTestScore = postTest;
    }

    /// <summary>The officer may be certified only when enrolled (not waitlisted), present enough, and above the pass mark.</summary>
    public void EnsureMeetsRules(Curriculum curriculum, Session session)
    {
        RequireEnrolled("a certificate");
        var attendedPercent = 100.0 * DaysAttended.Count(session.Covers) / session.Days;
        if (attendedPercent < curriculum.MinimumAttendancePercent)
        {
            throw RpcErrors.FailedPrecondition("MINIMUM_ATTENDANCE", ServiceNumber,
                $"Attendance is {attendedPercent:0.#}% of the session's {session.Days} day(s); the curriculum requires at least {curriculum.MinimumAttendancePercent}%.");
        }
        if (PostTestScore is not { } score)
        {
            throw RpcErrors.FailedPrecondition("PASS_MARK", ServiceNumber,
                $"No post-test score is recorded; the curriculum requires at least {curriculum.PassMark}.");
        }
        if (score < curriculum.PassMark)
        {
            throw RpcErrors.FailedPrecondition("PASS_MARK", ServiceNumber,
                $"The post-test score {score:0.#} is below the curriculum's pass mark of {curriculum.PassMark}.");
        }
    }

    internal void Certified(Guid certificateId) => CertificateId = certificateId;

    private void RequireEnrolled(string what)
    {
        if (Status != EnrolmentStatus.Enrolled)
        {
            throw RpcErrors.FailedPrecondition("ENROLLED", ServiceNumber,
                $"The officer is {Status.ToString().ToLowerInvariant()} in this session, so {what} cannot be recorded.");
        }
    }
}
