using GenderArchitecture.ServiceDefaults.Errors;

namespace GenderArchitecture.Training.Domain;

public sealed class SessionTrainer
{
    public string InstitutionId { get; set; } = "";
    public string ServiceNumber { get; set; } = "";
    public string Name { get; set; } = "";
}

/// <summary>A curriculum version delivered at a place on dates by one or more trainers, with a fixed number of places.</summary>
public sealed class Session
{
    private Session() { }

    public Session(Curriculum curriculum, string institutionId, string location, DateOnly startDate, DateOnly endDate, int capacity,
        IEnumerable<SessionTrainer> trainers, bool demonstration = false)
    {
        Id = Guid.CreateVersion7();
        CurriculumId = curriculum.Id;
        InstitutionId = institutionId;
        Location = location;
        StartDate = startDate;
        EndDate = endDate;
        Capacity = capacity;
        Trainers = trainers.ToList();
        IsDemonstration = demonstration;
    }

    public Guid Id { get; private set; }
    public Guid CurriculumId { get; private set; }
    public Curriculum? Curriculum { get; private set; }
    /// <summary>The institution whose officers the session trains.</summary>
    public string InstitutionId { get; private set; } = "";
    public string Location { get; private set; } = "";
    public DateOnly StartDate { get; private set; }
    public DateOnly EndDate { get; private set; }
    public int Capacity { get; private set; }
    public List<SessionTrainer> Trainers { get; private set; } = [];
    public int EnrolledCount { get; private set; }
    public int WaitlistedCount { get; private set; }
    /// <summary>Hands out waitlist places in order of arrival.</summary>
    public long LastWaitlistTicket { get; private set; }
    public bool IsDemonstration { get; private set; }
    /// <summary>Optimistic concurrency: every enrolment change bumps it, so two enrolments cannot both take the last place.</summary>
    public long Revision { get; private set; } = 1;

    public int Days => EndDate.DayNumber - StartDate.DayNumber + 1;
    public int FreePlaces => Math.Max(0, Capacity - EnrolledCount);
    public bool Covers(DateOnly day) => StartDate <= day && day <= EndDate;

    /// <summary>A place if one is free, otherwise the end of the waitlist: never a silent refusal.</summary>
    public Enrolment Enrol(Officer officer)
    {
        Revision++;
        if (EnrolledCount < Capacity)
        {
            EnrolledCount++;
            return new Enrolment(this, officer, EnrolmentStatus.Enrolled, 0);
        }
        WaitlistedCount++;
        return new Enrolment(this, officer, EnrolmentStatus.Waitlisted, ++LastWaitlistTicket);
    }

    /// <summary>Withdraws an enrolment; when it held a place, the first of the waitlist moves up into it.</summary>
    public Enrolment? Withdraw(Enrolment enrolment, IEnumerable<Enrolment> waitlist)
    {
        if (enrolment.Status == EnrolmentStatus.Withdrawn)
        {
            throw RpcErrors.FailedPrecondition("ALREADY_WITHDRAWN", enrolment.ServiceNumber, "The officer has already withdrawn from this session.");
        }
        if (enrolment.CertificateId is not null)
        {
            throw RpcErrors.FailedPrecondition("ALREADY_CERTIFIED", enrolment.ServiceNumber, "The officer has been certified for this session and can no longer withdraw.");
        }
        Revision++;
        var heldPlace = enrolment.Status == EnrolmentStatus.Enrolled;
        if (heldPlace) EnrolledCount--;
        else WaitlistedCount--;
        enrolment.MarkWithdrawn();
        if (!heldPlace) return null;

        var next = waitlist.Where(e => e.Status == EnrolmentStatus.Waitlisted && e.Id != enrolment.Id).OrderBy(e => e.WaitlistTicket).FirstOrDefault();
        if (next is null) return null;
        next.Promote();
        WaitlistedCount--;
        EnrolledCount++;
        return next;
    }

    /// <summary>Moves the session or changes its size; new places go to the waitlist in order of arrival.</summary>
    public IReadOnlyList<Enrolment> Change(string? location, int? capacity, IEnumerable<Enrolment> enrolments)
    {
        if (location is not null) Location = location;
        var promoted = new List<Enrolment>();
        if (capacity is { } places)
        {
            if (places < EnrolledCount)
            {
                throw RpcErrors.FailedPrecondition("CAPACITY_BELOW_ENROLLED", Id.ToString(),
                    $"{EnrolledCount} officers hold a place; withdraw some before reducing the capacity to {places}.");
            }
            Capacity = places;
            foreach (var next in enrolments.Where(e => e.Status == EnrolmentStatus.Waitlisted).OrderBy(e => e.WaitlistTicket).Take(places - EnrolledCount).ToList())
            {
                next.Promote();
                WaitlistedCount--;
                EnrolledCount++;
                promoted.Add(next);
            }
        }
        Revision++;
        return promoted;
    }

    /// <summary>Bumped when attendance or results change, so that concurrent edits of one session clash visibly.</summary>
    public void Touch() => Revision++;
}

/// <summary>What Training keeps of a Structure personnel record when it enrols or certifies an officer.</summary>
public sealed record Officer(string PersonId, string InstitutionId, string ServiceNumber, string GivenName, string FamilyName,
    string Sex, string RankCode, string RankBand, string UnitId, DateOnly? ServiceStart = null, DateOnly? ServiceEnd = null)
{
    public string Name => $"{GivenName} {FamilyName}".Trim();

    public bool InServiceOn(DateOnly date) => (ServiceStart is null || ServiceStart <= date) && (ServiceEnd is null || ServiceEnd > date);

    public void RequireInService(DateOnly date, string what)
    {
        if (!InServiceOn(date))
        {
            throw RpcErrors.FailedPrecondition("NOT_IN_SERVICE", $"{InstitutionId}/{ServiceNumber}",
                $"Officer {ServiceNumber} of '{InstitutionId}' is not in service on {date:yyyy-MM-dd}, so cannot {what}.");
        }
    }
}
