using GenderArchitecture.ServiceDefaults.Errors;
using GenderArchitecture.Structure.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Domain = GenderArchitecture.Structure.Domain;

namespace GenderArchitecture.Structure.Grpc;

public sealed partial class StructureGrpcService
{
    /// <summary>The list of institutions is public: it names bodies, never people.</summary>
    [AllowAnonymous]
    public override async Task<ListInstitutionsResponse> ListInstitutions(ListInstitutionsRequest request, ServerCallContext context)
    {
        var validator = new Validator();
        var activeOn = validator.OptionalDate(request.ActiveOn, "active_on");
        validator.ThrowIfInvalid();

        var tree = await TreeAsync(context);
        var response = new ListInstitutionsResponse();
        response.Institutions.AddRange(tree.Units
            .Where(u => u.Kind == Domain.OrganisationUnitKind.Institution && (activeOn is null || u.IsOpenOn(activeOn.Value)))
            .OrderBy(u => u.Name, StringComparer.Ordinal)
            .Select(u => Messages.ToMessage(u, [])));
        return response;
    }

    public override async Task<GetOrganisationUnitResponse> GetOrganisationUnit(GetOrganisationUnitRequest request, ServerCallContext context)
    {
        Reader(context);
        var tree = await TreeAsync(context, request.Id);
        var unit = RequireUnit(tree, request.Id);
        return new GetOrganisationUnitResponse { Unit = Messages.ToMessage(unit, tree.AncestorsOf(unit.Id)) };
    }

    public override async Task<ListOrganisationUnitsResponse> ListOrganisationUnits(ListOrganisationUnitsRequest request, ServerCallContext context)
    {
        Reader(context);
        var validator = new Validator();
        var activeOn = validator.OptionalDate(request.ActiveOn, "active_on");
        var activeFrom = validator.OptionalDate(request.ActiveFrom, "active_from");
        var activeTo = validator.OptionalDate(request.ActiveTo, "active_to");
        if (activeFrom is { } f && activeTo is { } t && t < f) validator.Add("active_to", "must not be before active_from");
        validator.Require(Enum.IsDefined(request.Kind), "kind", "is not a known kind");
        var size = validator.Size(request.PageSize);
        var after = validator.After(request.PageToken);
        validator.ThrowIfInvalid();

        var tree = await TreeAsync(context, request.InstitutionId, request.RootId);
        if (request.InstitutionId.Length > 0) RequireUnit(tree, request.InstitutionId);
        var units = request.RootId.Length > 0 ? tree.Subtree(RequireUnit(tree, request.RootId).Id) : tree.Units;
        var from = activeFrom ?? DateOnly.MinValue;
        var to = activeTo ?? DateOnly.MaxValue;
        var matching = units
            .Where(u => request.InstitutionId.Length == 0 || u.InstitutionId == request.InstitutionId)
            .Where(u => request.Kind == OrganisationUnitKind.Unspecified || (int)u.Kind == (int)request.Kind)
            .Where(u => activeOn is null || u.IsOpenOn(activeOn.Value))
            .Where(u => (activeFrom is null && activeTo is null) || u.IsOpenDuring(from, to))
            .Where(u => after is null || string.CompareOrdinal(u.Id, after) > 0)
            .OrderBy(u => u.Id, StringComparer.Ordinal)
            .Take(size + 1)
            .ToList();

        var (page, next) = Paging.Cut(matching, size, u => u.Id);
        var response = new ListOrganisationUnitsResponse { NextPageToken = next };
        response.Units.AddRange(page.Select(u => Messages.ToMessage(u, tree.AncestorsOf(u.Id))));
        return response;
    }

    public override async Task<CreateOrganisationUnitResponse> CreateOrganisationUnit(CreateOrganisationUnitRequest request, ServerCallContext context)
    {
        Administrator(context);
        var validator = new Validator();
        validator.Require(Domain.OrganisationUnit.IsValidId(request.Id), "id", "must be 1-64 lowercase letters, digits or hyphens, not starting with a hyphen");
        validator.RequireText(request.Name, "name");
        validator.Require(request.ShortName.Length <= 32, "short_name", "must be at most 32 characters");
        RequireEnum(validator, request.Kind, "kind");
        var openedOn = validator.RequiredDate(request.OpenedOn, "opened_on");
        var institution = request.Kind == OrganisationUnitKind.Institution;
        if (institution)
        {
            validator.Require(request.ParentId.Length == 0, "parent_id", "an institution has no parent");
            RequireEnum(validator, request.InstitutionType, "institution_type");
        }
        else
        {
            validator.Require(request.ParentId.Length > 0, "parent_id", "is required for every unit but an institution");
            validator.Require(request.InstitutionType == InstitutionType.Unspecified, "institution_type", "is set on institutions only");
        }
        validator.ThrowIfInvalid();

        var tree = await TreeAsync(context, request.ParentId);
        if (tree.Find(request.Id) is not null) throw RpcErrors.AlreadyExists("organisation_unit", request.Id);
        Domain.OrganisationUnit? parent = null;
        if (!institution)
        {
            parent = await db.OrganisationUnits.FirstOrDefaultAsync(u => u.Id == request.ParentId, context.CancellationToken)
                ?? throw RpcErrors.NotFound("organisation_unit", request.ParentId);
            if (!parent.IsOpenOn(openedOn))
            {
                throw RpcErrors.FailedPrecondition("PARENT_NOT_OPEN", $"organisation_units/{parent.Id}",
                    $"The parent '{parent.Id}' is not open on {Messages.Iso(openedOn)}.");
            }
        }

        var unit = new Domain.OrganisationUnit(request.Id, request.Name.Trim(), (Domain.OrganisationUnitKind)request.Kind, parent, openedOn,
            institution ? (Domain.InstitutionType)request.InstitutionType : null, string.IsNullOrWhiteSpace(request.ShortName) ? null : request.ShortName.Trim());
        db.OrganisationUnits.Add(unit);
        await SaveNewAsync("organisation_unit", unit.Id, context);
        treeCache.Invalidate();
        var ancestors = parent is null ? new List<string>() : tree.AncestorsOf(parent.Id).Append(parent.Id).ToList();
        return new CreateOrganisationUnitResponse { Unit = Messages.ToMessage(unit, ancestors) };
    }

    public override async Task<UpdateOrganisationUnitResponse> UpdateOrganisationUnit(UpdateOrganisationUnitRequest request, ServerCallContext context)
    {
        Administrator(context);
        var validator = new Validator();
        validator.RequireText(request.Name, "name");
        validator.Require(request.ShortName.Length <= 32, "short_name", "must be at most 32 characters");
        var expected = RequireVersion(validator, request.ExpectedVersion);
        validator.ThrowIfInvalid();

        var tree = await CheckedTreeAsync(context);
        var unit = await db.OrganisationUnits.FirstOrDefaultAsync(u => u.Id == request.Id, context.CancellationToken)
            ?? throw RpcErrors.NotFound("organisation_unit", request.Id);
        unit.CheckVersion(expected, "organisation_unit", unit.Id);

        Domain.OrganisationUnit? newParent = null;
        if (request.ParentId.Length > 0 && request.ParentId != unit.ParentId)
        {
            if (unit.Kind == Domain.OrganisationUnitKind.Institution) throw RpcErrors.InvalidArgument("parent_id", "an institution has no parent");
            if (tree.Find(request.ParentId) is null) throw RpcErrors.NotFound("organisation_unit", request.ParentId);
            if (tree.IsInSubtree(request.ParentId, unit.Id))
            {
                throw RpcErrors.InvalidArgument("parent_id", $"'{request.ParentId}' is '{unit.Id}' itself or one of its descendants; a unit cannot move under itself");
            }
            newParent = await db.OrganisationUnits.FirstAsync(u => u.Id == request.ParentId, context.CancellationToken);
            if (newParent.InstitutionId != unit.InstitutionId)
            {
                throw RpcErrors.InvalidArgument("parent_id", $"'{newParent.Id}' belongs to another institution ({newParent.InstitutionId}); units move within their institution");
            }
            if (newParent.ClosedOn is not null)
            {
                throw RpcErrors.FailedPrecondition("PARENT_NOT_OPEN", $"organisation_units/{newParent.Id}", $"The new parent '{newParent.Id}' is closed.");
            }
        }

        unit.Update(request.Name.Trim(), request.ShortName.Trim(), newParent);
        await db.SaveChangesAsync(context.CancellationToken);
        treeCache.Invalidate();
        var fresh = await TreeAsync(context);
        return new UpdateOrganisationUnitResponse { Unit = Messages.ToMessage(unit, fresh.AncestorsOf(unit.Id)) };
    }

    public override async Task<CloseOrganisationUnitResponse> CloseOrganisationUnit(CloseOrganisationUnitRequest request, ServerCallContext context)
    {
        Administrator(context);
        var validator = new Validator();
        var closedOn = validator.RequiredDate(request.ClosedOn, "closed_on");
        var expected = RequireVersion(validator, request.ExpectedVersion);
        validator.ThrowIfInvalid();

        var tree = await CheckedTreeAsync(context);
        var unit = await db.OrganisationUnits.FirstOrDefaultAsync(u => u.Id == request.Id, context.CancellationToken)
            ?? throw RpcErrors.NotFound("organisation_unit", request.Id);
        unit.CheckVersion(expected, "organisation_unit", unit.Id);
        var openChild = tree.Subtree(unit.Id).Skip(1).FirstOrDefault(c => c.ClosedOn is null || c.ClosedOn > closedOn);
        if (openChild is not null)
        {
            throw RpcErrors.FailedPrecondition("UNIT_HAS_OPEN_CHILDREN", $"organisation_units/{openChild.Id}",
                $"'{openChild.Id}' under '{unit.Id}' is still open on {Messages.Iso(closedOn)}; close or move it first.");
        }

        unit.Close(closedOn);
        await db.SaveChangesAsync(context.CancellationToken);
        treeCache.Invalidate();
        return new CloseOrganisationUnitResponse { Unit = Messages.ToMessage(unit, tree.AncestorsOf(unit.Id)) };
    }

    public override async Task<CreateRankResponse> CreateRank(CreateRankRequest request, ServerCallContext context)
    {
        Administrator(context);
        var validator = new Validator();
        validator.Require(Domain.OrganisationUnit.IsValidId(request.Code) && request.Code.Length <= 32, "code", "must be 1-32 lowercase letters, digits or hyphens");
        validator.RequireText(request.Name, "name", 100);
        RequireEnum(validator, request.Band, "band");
        validator.ThrowIfInvalid();

        var tree = await CheckedTreeAsync(context);
        var institution = RequireUnit(tree, request.InstitutionId);
        if (institution.Kind != Domain.OrganisationUnitKind.Institution)
        {
            throw RpcErrors.InvalidArgument("institution_id", $"'{institution.Id}' is a unit of {institution.InstitutionId}; rank catalogues belong to institutions");
        }
        if (tree.FindRank(institution.Id, request.Code) is not null) throw RpcErrors.AlreadyExists("rank", $"{institution.Id}/{request.Code}");
        var order = tree.RanksOf(institution.Id).Select(r => r.Order).DefaultIfEmpty(0).Max() + 1;
        var rank = new Domain.Rank(institution.Id, request.Code, request.Name.Trim(), (Domain.RankBand)request.Band, order);
        db.Ranks.Add(rank);
        await SaveNewAsync("rank", $"{institution.Id}/{request.Code}", context);
        treeCache.Invalidate();
        return new CreateRankResponse { Rank = Messages.ToMessage(rank) };
    }

    public override async Task<ListRanksResponse> ListRanks(ListRanksRequest request, ServerCallContext context)
    {
        Reader(context);
        var tree = await TreeAsync(context, request.InstitutionId);
        var institution = RequireUnit(tree, request.InstitutionId);
        var response = new ListRanksResponse();
        response.Ranks.AddRange(tree.RanksOf(institution.InstitutionId).Select(Messages.ToMessage));
        return response;
    }
}
