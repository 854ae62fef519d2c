using GenderArchitecture.ServiceDefaults.Data;
using GenderArchitecture.Structure.Data;

namespace GenderArchitecture.Structure;

public static class StructureServices
{
    public static IHostApplicationBuilder AddStructureServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OrganisationTreeCache>();
        builder.AddServiceDatabase<StructureDbContext, StructureSqliteDbContext, StructureSeeder>("Structure");
        return builder;
    }
}
