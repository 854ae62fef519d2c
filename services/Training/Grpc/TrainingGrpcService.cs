using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.Training.Data;
using GenderArchitecture.Training.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Domain = GenderArchitecture.Training.Domain;

namespace GenderArchitecture.Training.Grpc;

public sealed class TrainingGrpcService(TrainingDbContext db) : TrainingService.TrainingServiceBase
{
    public override async Task<ListCurriculaResponse> ListCurricula(ListCurriculaRequest request, ServerCallContext context)
    {
        context.GetCaller();
        var curricula = await db.Curricula.AsNoTracking().OrderBy(c => c.Code).ThenByDescending(c => c.Version)
            .ToListAsync(context.CancellationToken);
        var response = new ListCurriculaResponse();
        response.Curricula.AddRange(curricula.GroupBy(c => c.Code).Select(g => ToMessage(g.First())));
        return response;
    }

    internal static Curriculum ToMessage(Domain.Curriculum c) => new()
    {
        Id = c.Id.ToString(),
        Code = c.Code,
        Title = c.Title,
        Version = c.Version,
        TotalHours = (double)c.TotalHours,
        ValidityMonths = c.ValidityMonths,
    };
}
