using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Errors;
using GenderArchitecture.Structure.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Domain = GenderArchitecture.Structure.Domain;

namespace GenderArchitecture.Structure.Grpc;

/// <summary>Reviewer and training-officer assignments, and the scopes the register grants a person on a date.</summary>
public sealed partial class StructureGrpcService
{
    public override async Task<CreateRoleAssignmentResponse> CreateRoleAssignment(CreateRoleAssignmentRequest request, ServerCallContext context)
    {
        Administrator(context);
        var validator = new Validator();
        var personId = ParseId(validator, request.PersonId, "person_id");
        RequireEnum(validator, request.Role, "role");
        validator.RequireText(request.UnitId, "unit_id", 64);
        var start = validator.RequiredDate(request.StartOn, "start_on");
        var end = validator.OptionalDate(request.EndOn, "end_on");
        RequireOrder(validator, start, end, "end_on", "start_on");
        validator.ThrowIfInvalid();

        var tree = await TreeAsync(context, request.UnitId);
        var unit = RequireUnit(tree, request.UnitId);
        var role = (Domain.AssignmentRole)request.Role;
        if (role == Domain.AssignmentRole.TrainingOfficer && unit.Kind != Domain.OrganisationUnitKind.Institution)
        {
            throw RpcErrors.InvalidArgument("unit_id", $"a training officer is assigned to an institution; '{unit.Id}' is part of {unit.InstitutionId}");
        }
        var person = await db.Personnel.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, context.CancellationToken)
            ?? throw RpcErrors.NotFound("person", request.PersonId);
        if (person.InstitutionId != unit.InstitutionId)
        {
            throw RpcErrors.InvalidArgument("person_id", $"the person serves in {person.InstitutionId}, not in {unit.InstitutionId}");
        }
        if (!unit.IsOpenOn(start))
        {
            throw RpcErrors.FailedPrecondition("UNIT_NOT_OPEN", $"organisation_units/{unit.Id}", $"'{unit.Id}' is not open on {Messages.Iso(start)}.");
        }
        if (!person.IsInServiceOn(start))
        {
            throw RpcErrors.FailedPrecondition("PERSON_NOT_IN_SERVICE", $"personnel/{person.Id}", $"{person.FullName} is not in service on {Messages.Iso(start)}.");
        }
        // A duplicate would grant nothing new (scopes are a set), so a race between two identical requests is harmless;
        // the check is here to keep the register readable, not to protect an invariant.
        var clash = await db.RoleAssignments.AsNoTracking()
            .Where(a => a.PersonId == person.Id && a.Role == role && a.UnitId == unit.Id)
            .ToListAsync(context.CancellationToken);
        if (clash.FirstOrDefault(a => a.Overlaps(start, end)) is { } existing)
        {
            throw RpcErrors.FailedPrecondition("ASSIGNMENT_OVERLAP", $"role_assignments/{existing.Id}",
                $"{person.FullName} already holds this assignment from {Messages.Iso(existing.StartOn)}" +
                (existing.EndOn is { } e ? $" until {Messages.Iso(e)}." : " with no end date."));
        }

        var assignment = new Domain.RoleAssignment(Guid.CreateVersion7(), person.Id, role, unit.Id, start, end);
        db.RoleAssignments.Add(assignment);
        await db.SaveChangesAsync(context.CancellationToken);
        return new CreateRoleAssignmentResponse { Assignment = Messages.ToMessage(assignment, person) };
    }

    public override async Task<EndRoleAssignmentResponse> EndRoleAssignment(EndRoleAssignmentRequest request, ServerCallContext context)
    {
        Administrator(context);
        var validator = new Validator();
        var end = validator.RequiredDate(request.EndOn, "end_on");
        var expected = RequireVersion(validator, request.ExpectedVersion);
        validator.ThrowIfInvalid();

        var id = ParseIdOrNotFound(request.Id, "role_assignment");
        var assignment = await db.RoleAssignments.FirstOrDefaultAsync(a => a.Id == id, context.CancellationToken)
            ?? throw RpcErrors.NotFound("role_assignment", request.Id);
        assignment.CheckVersion(expected, "role_assignment", request.Id);
        assignment.End(end);
        await db.SaveChangesAsync(context.CancellationToken);
        var person = await db.Personnel.AsNoTracking().FirstOrDefaultAsync(p => p.Id == assignment.PersonId, context.CancellationToken);
        return new EndRoleAssignmentResponse { Assignment = Messages.ToMessage(assignment, person) };
    }

    public override async Task<ListRoleAssignmentsResponse> ListRoleAssignments(ListRoleAssignmentsRequest request, ServerCallContext context)
    {
        PersonalData.RequireRegisterDetailReader(context);
        var validator = new Validator();
        Guid? personId = request.PersonId.Length > 0 ? ParseId(validator, request.PersonId, "person_id") : null;
        validator.Require(request.Role == AssignmentRole.Unspecified || Enum.IsDefined(request.Role), "role", "must be reviewer or training_officer");
        var on = validator.OptionalDate(request.ActiveOn, "active_on");
        var size = validator.Size(request.PageSize);
        var offset = validator.Offset(request.PageToken);
        validator.ThrowIfInvalid();

        var query = db.RoleAssignments.AsNoTracking();
        if (personId is { } pid) query = query.Where(a => a.PersonId == pid);
        if (request.Role != AssignmentRole.Unspecified)
        {
            var role = (Domain.AssignmentRole)request.Role;
            query = query.Where(a => a.Role == role);
        }
        if (request.RootUnitId.Length > 0)
        {
            var tree = await TreeAsync(context, request.RootUnitId);
            var unitIds = tree.Subtree(RequireUnit(tree, request.RootUnitId).Id).Select(u => u.Id).ToList();
            query = query.Where(a => unitIds.Contains(a.UnitId));
        }
        if (on is { } d) query = query.Where(a => a.StartOn <= d && (a.EndOn == null || a.EndOn > d));
        var fetched = await query
            .Join(db.Personnel, a => a.PersonId, p => p.Id, (a, p) => new { Assignment = a, Person = p })
            .OrderBy(x => x.Assignment.UnitId).ThenBy(x => x.Assignment.StartOn).ThenBy(x => x.Assignment.Id)
            .Skip(offset).Take(size + 1)
            .ToListAsync(context.CancellationToken);

        var response = new ListRoleAssignmentsResponse { NextPageToken = Paging.NextOffset(offset, size, fetched.Count) };
        response.Assignments.AddRange(fetched.Take(size).Select(x => Messages.ToMessage(x.Assignment, x.Person)));
        return response;
    }

    /// <summary>
    /// The register's answer to "what may this person touch on this date". The identity service asks it at each sign-in
    /// and token refresh, so an ended appointment or assignment stops granting its scope from its end date on.
    /// </summary>
    public override async Task<GetPersonScopesResponse> GetPersonScopes(GetPersonScopesRequest request, ServerCallContext context)
    {
        context.RequireOperation(Operations.PersonScopesRead);
        var validator = new Validator();
        var on = validator.OptionalDate(request.OnDate, "on_date") ?? Today;
        validator.ThrowIfInvalid();

        var id = ParseIdOrNotFound(request.PersonId, "person");
        var person = await db.Personnel.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, context.CancellationToken)
            ?? throw RpcErrors.NotFound("person", request.PersonId);
        var appointments = await db.FocalPointAppointments.AsNoTracking().Where(a => a.PersonId == id).ToListAsync(context.CancellationToken);
        var assignments = await db.RoleAssignments.AsNoTracking().Where(a => a.PersonId == id).ToListAsync(context.CancellationToken);
        var tree = await TreeAsync(context, [.. appointments.Select(a => a.UnitId), .. assignments.Select(a => a.UnitId)]);

        var scopes = Domain.PersonScopes.On(on, person, tree,
            appointments.Select(a => new Domain.Grant(Domain.GrantKind.FocalPoint, a.UnitId, a.StartOn, a.EndOn))
                .Concat(assignments.Select(a => new Domain.Grant(
                    a.Role == Domain.AssignmentRole.Reviewer ? Domain.GrantKind.Reviewer : Domain.GrantKind.TrainingOfficer, a.UnitId, a.StartOn, a.EndOn))));
        var response = new GetPersonScopesResponse
        {
            PersonId = person.Id.ToString(),
            OnDate = Messages.Iso(on),
            InstitutionId = person.InstitutionId,
            InService = scopes.InService,
            NextChangeOn = Messages.Iso(scopes.NextChangeOn),
        };
        response.FocalPointUnitIds.AddRange(scopes.UnitsOf(Domain.GrantKind.FocalPoint));
        response.ReviewerUnitIds.AddRange(scopes.UnitsOf(Domain.GrantKind.Reviewer));
        response.TrainingOfficerInstitutionIds.AddRange(scopes.UnitsOf(Domain.GrantKind.TrainingOfficer));
        return response;
    }
}
