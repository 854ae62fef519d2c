using GenderArchitecture.ServiceDefaults.Data;
using GenderArchitecture.ServiceDefaults.Idempotency;
using GenderArchitecture.Structure.Data;

namespace GenderArchitecture.Structure;

public static class StructureServices
{
    public static IHostApplicationBuilder AddStructureServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OrganisationTreeCache>();
        builder.AddServiceDatabase<StructureDbContext, StructureSqliteDbContext, StructureSeeder>("Structure");
        builder.AddIdempotentWrites<StructureDbContext>(V1.StructureService.Descriptor);
        return builder;
    }
}
