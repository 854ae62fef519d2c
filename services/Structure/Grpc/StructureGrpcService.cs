using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Errors;
using GenderArchitecture.Structure.Data;
using GenderArchitecture.Structure.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Domain = GenderArchitecture.Structure.Domain;

namespace GenderArchitecture.Structure.Grpc;

public sealed class StructureGrpcService(StructureDbContext db) : StructureService.StructureServiceBase
{
    /// <summary>The list of institutions is public: it names bodies, never people.</summary>
    [AllowAnonymous]
    public override async Task<ListInstitutionsResponse> ListInstitutions(ListInstitutionsRequest request, ServerCallContext context)
    {
        var validator = new Validator();
        var activeOn = validator.OptionalDate(request.ActiveOn, "active_on");
        validator.ThrowIfInvalid();

        var institutions = await db.OrganisationUnits.AsNoTracking()
            .Where(u => u.Kind == Domain.OrganisationUnitKind.Institution)
            .OrderBy(u => u.Name)
            .ToListAsync(context.CancellationToken);

        var response = new ListInstitutionsResponse();
        response.Institutions.AddRange(institutions.Where(u => activeOn is null || u.IsOpenOn(activeOn.Value)).Select(ToMessage));
        return response;
    }

    public override async Task<GetOrganisationUnitResponse> GetOrganisationUnit(GetOrganisationUnitRequest request, ServerCallContext context)
    {
        context.GetCaller();
        var unit = await db.OrganisationUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == request.Id, context.CancellationToken)
            ?? throw RpcErrors.NotFound("organisation_unit", request.Id);
        return new GetOrganisationUnitResponse { Unit = ToMessage(unit) };
    }

    internal static OrganisationUnit ToMessage(Domain.OrganisationUnit unit) => new()
    {
        Id = unit.Id,
        Name = unit.Name,
        ShortName = unit.ShortName ?? "",
        Kind = (OrganisationUnitKind)unit.Kind,
        ParentId = unit.ParentId ?? "",
        InstitutionId = unit.InstitutionId,
        InstitutionType = unit.InstitutionType is { } t ? (InstitutionType)t : InstitutionType.Unspecified,
        OpenedOn = unit.OpenedOn.ToString("yyyy-MM-dd"),
        ClosedOn = unit.ClosedOn?.ToString("yyyy-MM-dd") ?? "",
        Version = unit.Version,
    };
}
