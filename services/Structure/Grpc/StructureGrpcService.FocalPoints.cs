using GenderArchitecture.ServiceDefaults.Errors;
using GenderArchitecture.Structure.Data;
using GenderArchitecture.Structure.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Domain = GenderArchitecture.Structure.Domain;

namespace GenderArchitecture.Structure.Grpc;

public sealed partial class StructureGrpcService
{
    public override async Task<AppointFocalPointResponse> AppointFocalPoint(AppointFocalPointRequest request, ServerCallContext context)
    {
        Administrator(context);
        var validator = new Validator();
        validator.RequireText(request.UnitId, "unit_id", 64);
        var personId = ParseId(validator, request.PersonId, "person_id");
        var start = validator.RequiredDate(request.StartOn, "start_on");
        var end = validator.OptionalDate(request.EndOn, "end_on");
        RequireOrder(validator, start, end, "end_on", "start_on");
        validator.ThrowIfInvalid();

        var tree = await TreeAsync(context, request.UnitId);
        var unit = RequireUnit(tree, request.UnitId);
        var person = await db.Personnel.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, context.CancellationToken)
            ?? throw RpcErrors.NotFound("person", request.PersonId);
        if (person.InstitutionId != unit.InstitutionId)
        {
            throw RpcErrors.InvalidArgument("person_id", $"{person.FullName} serves in {person.InstitutionId}, not in {unit.InstitutionId}");
        }
        if (!unit.IsOpenOn(start))
        {
            throw RpcErrors.FailedPrecondition("UNIT_NOT_OPEN", $"organisation_units/{unit.Id}", $"'{unit.Id}' is not open on {Messages.Iso(start)}.");
        }
        if (!person.IsInServiceOn(start))
        {
            throw RpcErrors.FailedPrecondition("PERSON_NOT_IN_SERVICE", $"personnel/{person.Id}", $"{person.FullName} is not in service on {Messages.Iso(start)}.");
        }

        // The check names the holder; the database's own rule (Data/FocalPointOverlap.cs) refuses what slips past it
        // when two appointments race, on any replica.
        var current = await db.FocalPointAppointments.AsNoTracking().Where(a => a.UnitId == unit.Id).ToListAsync(context.CancellationToken);
        if (current.FirstOrDefault(a => a.Overlaps(start, end)) is { } clash)
        {
            var holder = await db.Personnel.AsNoTracking().FirstAsync(p => p.Id == clash.PersonId, context.CancellationToken);
            throw RpcErrors.FailedPrecondition("FOCAL_POINT_OVERLAP", $"focal_point_appointments/{clash.Id}",
                $"'{unit.Id}' already has a focal point from {Messages.Iso(clash.StartOn)}" +
                (clash.EndOn is { } e ? $" until {Messages.Iso(e)}" : " with no end date") +
                $": {holder.FullName} ({holder.ServiceNumber}). End that appointment first.");
        }

        var appointment = new Domain.FocalPointAppointment(Guid.CreateVersion7(), unit.Id, person.Id, start, end);
        db.FocalPointAppointments.Add(appointment);
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateException error) when (FocalPointOverlap.IsViolation(error))
        {
            throw RpcErrors.FailedPrecondition("FOCAL_POINT_OVERLAP", $"organisation_units/{unit.Id}",
                $"'{unit.Id}' got another focal point for an overlapping period at the same moment. End that appointment first.");
        }
        return new AppointFocalPointResponse { Appointment = Messages.ToMessage(appointment, person) };
    }

    public override async Task<EndFocalPointAppointmentResponse> EndFocalPointAppointment(EndFocalPointAppointmentRequest request, ServerCallContext context)
    {
        Administrator(context);
        var validator = new Validator();
        var end = validator.RequiredDate(request.EndOn, "end_on");
        var expected = RequireVersion(validator, request.ExpectedVersion);
        validator.ThrowIfInvalid();

        var id = ParseIdOrNotFound(request.Id, "focal_point_appointment");
        var appointment = await db.FocalPointAppointments.FirstOrDefaultAsync(a => a.Id == id, context.CancellationToken)
            ?? throw RpcErrors.NotFound("focal_point_appointment", request.Id);
        appointment.CheckVersion(expected, "focal_point_appointment", request.Id);
        appointment.End(end);
        await db.SaveChangesAsync(context.CancellationToken);
        var person = await db.Personnel.AsNoTracking().FirstOrDefaultAsync(p => p.Id == appointment.PersonId, context.CancellationToken);
        return new EndFocalPointAppointmentResponse { Appointment = Messages.ToMessage(appointment, person) };
    }

    public override async Task<ListFocalPointAppointmentsResponse> ListFocalPointAppointments(ListFocalPointAppointmentsRequest request, ServerCallContext context)
    {
        PersonalData.RequireRegisterDetailReader(context);
        var validator = new Validator();
        var on = validator.OptionalDate(request.ActiveOn, "active_on");
        var size = validator.Size(request.PageSize);
        var offset = validator.Offset(request.PageToken);
        validator.ThrowIfInvalid();

        var tree = await TreeAsync(context, request.RootUnitId);
        var query = db.FocalPointAppointments.AsNoTracking();
        if (request.RootUnitId.Length > 0)
        {
            var unitIds = tree.Subtree(RequireUnit(tree, request.RootUnitId).Id).Select(u => u.Id).ToList();
            query = query.Where(a => unitIds.Contains(a.UnitId));
        }
        if (on is { } d) query = query.Where(a => a.StartOn <= d && (a.EndOn == null || a.EndOn > d));
        var fetched = await query
            .Join(db.Personnel, a => a.PersonId, p => p.Id, (a, p) => new { Appointment = a, Person = p })
            .OrderBy(x => x.Appointment.UnitId).ThenBy(x => x.Appointment.StartOn).ThenBy(x => x.Appointment.Id)
            .Skip(offset).Take(size + 1)
            .ToListAsync(context.CancellationToken);

        var response = new ListFocalPointAppointmentsResponse { NextPageToken = Paging.NextOffset(offset, size, fetched.Count) };
        response.Appointments.AddRange(fetched.Take(size).Select(x => Messages.ToMessage(x.Appointment, x.Person)));
        return response;
    }
}
