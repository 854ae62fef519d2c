using GenderArchitecture.ServiceDefaults.Clients;
using GenderArchitecture.ServiceDefaults.Data;
using GenderArchitecture.Structure.V1;
using GenderArchitecture.Reporting.Data;

namespace GenderArchitecture.Reporting;

public static class ReportingServices
{
    public static IHostApplicationBuilder AddReportingServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ReportingDbContext, ReportingSeeder>("Reporting");
        builder.AddSuiteGrpcClient<StructureService.StructureServiceClient>("Structure", StructureService.Descriptor, CallIdentity.Service);
        return builder;
    }
}
