using GenderArchitecture.ServiceDefaults.Clients;
using GenderArchitecture.ServiceDefaults.Data;
using GenderArchitecture.ServiceDefaults.Idempotency;
using GenderArchitecture.Structure.V1;
using GenderArchitecture.Reporting.Data;
using GenderArchitecture.Reporting.Grpc;
using GenderArchitecture.Reporting.Statistics;
using GenderArchitecture.Reporting.Units;

namespace GenderArchitecture.Reporting;

public static class ReportingServices
{
    public static IHostApplicationBuilder AddReportingServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ReportingDbContext, ReportingSqliteDbContext, ReportingSeeder>("Reporting");
        builder.AddSuiteGrpcClient<StructureService.StructureServiceClient>("Structure", StructureService.Descriptor, CallIdentity.Service);
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<UnitDirectory>();
        builder.AddIdempotentWrites<ReportingDbContext>();
        builder.Services.AddScoped<IdempotentWrites>();
        builder.Services.AddSingleton<BaseCellProtection>();
        return builder;
    }
}
