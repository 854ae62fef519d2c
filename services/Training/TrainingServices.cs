using GenderArchitecture.ServiceDefaults.Clients;
using GenderArchitecture.ServiceDefaults.Data;
using GenderArchitecture.ServiceDefaults.Idempotency;
using GenderArchitecture.Structure.V1;
using GenderArchitecture.Training.Clients;
using GenderArchitecture.Training.Data;

namespace GenderArchitecture.Training;

public static class TrainingServices
{
    public static IHostApplicationBuilder AddTrainingServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.AddSuiteGrpcClient<StructureService.StructureServiceClient>("Structure", StructureService.Descriptor, CallIdentity.Service);
        builder.Services.AddScoped<StructureDirectory>();
        builder.AddServiceDatabase<TrainingDbContext, TrainingSqliteDbContext, TrainingSeeder>("Training");
        builder.AddIdempotentWrites<TrainingDbContext>(V1.TrainingService.Descriptor);
        return builder;
    }
}
