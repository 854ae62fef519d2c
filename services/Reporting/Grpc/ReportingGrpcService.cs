using GenderArchitecture.Reporting.Data;
using GenderArchitecture.Reporting.V1;
using GenderArchitecture.ServiceDefaults.Auth;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Domain = GenderArchitecture.Reporting.Domain;

namespace GenderArchitecture.Reporting.Grpc;

public sealed class ReportingGrpcService(ReportingDbContext db) : ReportingService.ReportingServiceBase
{
    public override async Task<ListFormsResponse> ListForms(ListFormsRequest request, ServerCallContext context)
    {
        context.GetCaller();
        var forms = await db.Forms.AsNoTracking().OrderBy(f => f.Id).ToListAsync(context.CancellationToken);
        var response = new ListFormsResponse();
        response.Forms.AddRange(forms.Select(ToMessage));
        return response;
    }

    internal static Form ToMessage(Domain.ReportForm f) => new()
    {
        Id = f.Id,
        Name = f.Name,
        PeriodType = (PeriodType)f.PeriodType,
        ElementCount = f.ElementCount,
    };
}
