using GenderArchitecture.ServiceDefaults.Errors;
using GenderArchitecture.Structure.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Domain = GenderArchitecture.Structure.Domain;

namespace GenderArchitecture.Structure.Grpc;

public sealed partial class StructureGrpcService
{
    public override async Task<CreateGenderBodyResponse> CreateGenderBody(CreateGenderBodyRequest request, ServerCallContext context)
    {
        Administrator(context);
        var validator = new Validator();
        validator.Require(Domain.OrganisationUnit.IsValidId(request.Id), "id", "must be 1-64 lowercase letters, digits or hyphens, not starting with a hyphen");
        validator.RequireText(request.Name, "name");
        RequireEnum(validator, request.Kind, "kind");
        validator.RequireText(request.OwnerUnitId, "owner_unit_id", 64);
        validator.Require(request.Mandate.Length <= 2000, "mandate", "must be at most 2000 characters");
        var established = validator.RequiredDate(request.EstablishedOn, "established_on");
        validator.Require(request.Quorum >= 0, "quorum", "must not be negative");
        validator.ThrowIfInvalid();

        var owner = RequireUnit(await TreeAsync(context, request.OwnerUnitId), request.OwnerUnitId);
        if (await db.GenderBodies.AnyAsync(b => b.Id == request.Id, context.CancellationToken)) throw RpcErrors.AlreadyExists("gender_body", request.Id);
        var body = new Domain.GenderBody(request.Id, request.Name.Trim(), (Domain.GenderBodyKind)request.Kind, owner.Id, request.Mandate.Trim(), established, request.Quorum);
        db.GenderBodies.Add(body);
        await SaveNewAsync("gender_body", body.Id, context);
        return new CreateGenderBodyResponse { Body = Messages.ToMessage(body) };
    }

    public override async Task<GetGenderBodyResponse> GetGenderBody(GetGenderBodyRequest request, ServerCallContext context)
    {
        var caller = Reader(context);
        var body = await db.GenderBodies.AsNoTracking().FirstOrDefaultAsync(b => b.Id == request.Id, context.CancellationToken)
            ?? throw RpcErrors.NotFound("gender_body", request.Id);
        var regulations = await db.Regulations.AsNoTracking().Where(r => r.BodyId == body.Id).OrderBy(r => r.Number).ToListAsync(context.CancellationToken);
        // Members are people (names, sex): listed to administrators only, see PersonalData.
        var members = PersonalData.SeesHolders(caller)
            ? await db.BodyMembers.AsNoTracking().Where(m => m.BodyId == body.Id).ToListAsync(context.CancellationToken)
            : [];
        var response = new GetGenderBodyResponse { Body = Messages.ToMessage(body) };
        response.Regulations.AddRange(regulations.Select(Messages.ToMessage));
        response.Members.AddRange(members.OrderBy(m => m.TermStart).ThenBy(m => m.Role).ThenBy(m => m.Name, StringComparer.Ordinal).Select(Messages.ToMessage));
        return response;
    }

    public override async Task<ListGenderBodiesResponse> ListGenderBodies(ListGenderBodiesRequest request, ServerCallContext context)
    {
        Reader(context);
        var validator = new Validator();
        var on = validator.OptionalDate(request.ActiveOn, "active_on");
        validator.Require(Enum.IsDefined(request.Kind), "kind", "is not a known kind");
        var size = validator.Size(request.PageSize);
        var offset = validator.Offset(request.PageToken);
        validator.ThrowIfInvalid();

        var tree = await TreeAsync(context, request.RootUnitId);
        var query = db.GenderBodies.AsNoTracking();
        if (request.RootUnitId.Length > 0)
        {
            var unitIds = tree.Subtree(RequireUnit(tree, request.RootUnitId).Id).Select(u => u.Id).ToList();
            query = query.Where(b => unitIds.Contains(b.OwnerUnitId));
        }
        if (request.Kind != GenderBodyKind.Unspecified)
        {
            var kind = (Domain.GenderBodyKind)request.Kind;
            query = query.Where(b => b.Kind == kind);
        }
        if (on is { } d) query = query.Where(b => b.EstablishedOn <= d && (b.DissolvedOn == null || b.DissolvedOn > d));
        var fetched = await query.OrderBy(b => b.Id).Skip(offset).Take(size + 1).ToListAsync(context.CancellationToken);

        var response = new ListGenderBodiesResponse { NextPageToken = Paging.NextOffset(offset, size, fetched.Count) };
        response.Bodies.AddRange(fetched.Take(size).Select(Messages.ToMessage));
        return response;
    }

    public override async Task<UpdateGenderBodyResponse> UpdateGenderBody(UpdateGenderBodyRequest request, ServerCallContext context)
    {
        Administrator(context);
        var validator = new Validator();
        validator.RequireText(request.Name, "name");
        validator.Require(request.Mandate.Length <= 2000, "mandate", "must be at most 2000 characters");
        validator.Require(request.Quorum >= 0, "quorum", "must not be negative");
        var expected = RequireVersion(validator, request.ExpectedVersion);
        validator.ThrowIfInvalid();

        var body = await FindBodyAsync(request.Id, context);
        body.CheckVersion(expected, "gender_body", body.Id);
        body.Update(request.Name.Trim(), request.Mandate.Trim(), request.Quorum);
        await db.SaveChangesAsync(context.CancellationToken);
        return new UpdateGenderBodyResponse { Body = Messages.ToMessage(body) };
    }

    public override async Task<DissolveGenderBodyResponse> DissolveGenderBody(DissolveGenderBodyRequest request, ServerCallContext context)
    {
        Administrator(context);
        var validator = new Validator();
        var dissolvedOn = validator.RequiredDate(request.DissolvedOn, "dissolved_on");
        var expected = RequireVersion(validator, request.ExpectedVersion);
        validator.ThrowIfInvalid();

        var body = await FindBodyAsync(request.Id, context);
        body.CheckVersion(expected, "gender_body", body.Id);
        body.Dissolve(dissolvedOn);
        await db.SaveChangesAsync(context.CancellationToken);
        return new DissolveGenderBodyResponse { Body = Messages.ToMessage(body) };
    }

    public override async Task<AdoptRegulationResponse> AdoptRegulation(AdoptRegulationRequest request, ServerCallContext context)
    {
        Administrator(context);
        var validator = new Validator();
        validator.RequireText(request.Title, "title");
        var adoptedOn = validator.RequiredDate(request.AdoptedOn, "adopted_on");
        validator.Require(request.Summary.Length <= 2000, "summary", "must be at most 2000 characters");
        validator.ThrowIfInvalid();

        var body = await FindBodyAsync(request.BodyId, context);
        var previous = await db.Regulations.Where(r => r.BodyId == body.Id).OrderByDescending(r => r.Number).FirstOrDefaultAsync(context.CancellationToken);
        if (previous is not null && adoptedOn < previous.AdoptedOn)
        {
            throw RpcErrors.InvalidArgument("adopted_on", $"must not be before the current version {previous.Number}, adopted on {Messages.Iso(previous.AdoptedOn)}");
        }
        // The key (body, number) makes a concurrent adoption of the same number fail rather than overwrite.
        var regulation = new Domain.Regulation(body.Id, (previous?.Number ?? 0) + 1, request.Title.Trim(), adoptedOn, request.Summary.Trim());
        db.Regulations.Add(regulation);
        await db.SaveChangesAsync(context.CancellationToken);
        return new AdoptRegulationResponse { Regulation = Messages.ToMessage(regulation) };
    }

    public override async Task<AddBodyMemberResponse> AddBodyMember(AddBodyMemberRequest request, ServerCallContext context)
    {
        Administrator(context);
        var validator = new Validator();
        validator.RequireText(request.Name, "name");
        validator.Require(request.Sex is Sex.Female or Sex.Male, "sex", "is required: female or male");
        RequireEnum(validator, request.Role, "role");
        validator.RequireText(request.RepresentedOrganisation, "represented_organisation");
        Guid? personId = request.PersonId.Length > 0 ? ParseId(validator, request.PersonId, "person_id") : null;
        var termStart = validator.RequiredDate(request.TermStart, "term_start");
        var termEnd = validator.OptionalDate(request.TermEnd, "term_end");
        RequireOrder(validator, termStart, termEnd, "term_end", "term_start");
        validator.ThrowIfInvalid();

        var body = await FindBodyAsync(request.BodyId, context);
        body.RequireActiveOn(termStart, "term_start");
        if (personId is { } pid && !await db.Personnel.AnyAsync(p => p.Id == pid, context.CancellationToken))
        {
            throw RpcErrors.NotFound("person", request.PersonId);
        }
        var member = new Domain.BodyMember(Guid.CreateVersion7(), body.Id, request.Name.Trim(), (Domain.Sex)request.Sex, (Domain.MemberRole)request.Role,
            request.RepresentedOrganisation.Trim(), personId, termStart, termEnd);
        db.BodyMembers.Add(member);
        await db.SaveChangesAsync(context.CancellationToken);
        return new AddBodyMemberResponse { Member = Messages.ToMessage(member) };
    }

    public override async Task<EndBodyMembershipResponse> EndBodyMembership(EndBodyMembershipRequest request, ServerCallContext context)
    {
        Administrator(context);
        var validator = new Validator();
        var termEnd = validator.RequiredDate(request.TermEnd, "term_end");
        var expected = RequireVersion(validator, request.ExpectedVersion);
        validator.ThrowIfInvalid();

        var id = ParseIdOrNotFound(request.Id, "body_member");
        var member = await db.BodyMembers.FirstOrDefaultAsync(m => m.Id == id, context.CancellationToken)
            ?? throw RpcErrors.NotFound("body_member", request.Id);
        member.CheckVersion(expected, "body_member", request.Id);
        member.EndTerm(termEnd);
        await db.SaveChangesAsync(context.CancellationToken);
        return new EndBodyMembershipResponse { Member = Messages.ToMessage(member) };
    }

    private async Task<Domain.GenderBody> FindBodyAsync(string id, ServerCallContext context, bool tracked = true)
    {
        var query = tracked ? db.GenderBodies : db.GenderBodies.AsNoTracking();
        return await query.FirstOrDefaultAsync(b => b.Id == id, context.CancellationToken) ?? throw RpcErrors.NotFound("gender_body", id);
    }
}
