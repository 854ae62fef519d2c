using GenderArchitecture.ServiceDefaults.Errors;

namespace GenderArchitecture.Structure.Domain;

/// <summary>
/// A person appointed gender focal point of a station or unit for [StartOn, EndOn). At most one appointment
/// per unit holds on any date; vacancies are the days no appointment covers, never stored.
/// </summary>
public sealed class FocalPointAppointment : IVersioned
{
    private FocalPointAppointment() { }

    public FocalPointAppointment(Guid id, string unitId, Guid personId, DateOnly startOn, DateOnly? endOn)
    {
        Id = id;
        UnitId = unitId;
        PersonId = personId;
        StartOn = startOn;
        EndOn = endOn;
    }

    public Guid Id { get; private set; }
    public string UnitId { get; private set; } = "";
    public Guid PersonId { get; private set; }
    public DateOnly StartOn { get; private set; }
    public DateOnly? EndOn { get; private set; }
    public long Version { get; private set; } = 1;

    public bool IsActiveOn(DateOnly date) => Periods.Contains(StartOn, EndOn, date);

    public bool Overlaps(DateOnly start, DateOnly? end) => Periods.Overlap(StartOn, EndOn, start, end);

    public void End(DateOnly endOn)
    {
        if (endOn <= StartOn) throw RpcErrors.InvalidArgument("end_on", $"must be after the start {StartOn:yyyy-MM-dd}");
        if (EndOn is { } current && endOn > current)
        {
            throw RpcErrors.FailedPrecondition("APPOINTMENT_ENDED", $"focal_point_appointments/{Id}",
                $"The appointment already ends on {current:yyyy-MM-dd}; it can be shortened, not extended.");
        }
        EndOn = endOn;
        Version++;
    }
}
