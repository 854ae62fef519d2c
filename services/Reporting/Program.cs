using GenderArchitecture.ServiceDefaults.Hosting;
using GenderArchitecture.Reporting;
using GenderArchitecture.Reporting.Grpc;

var builder = WebApplication.CreateBuilder(args);

builder.AddGrpcServiceDefaults();
builder.AddReportingServices();

var app = builder.Build();

app.UseAuthentication();
app.UseAuthorization();
app.MapGrpcDefaultEndpoints();
app.MapGrpcService<ReportingGrpcService>().RequireAuthorization();
app.MapGrpcService<FormsGrpcService>().RequireAuthorization();
app.MapAuditService();

app.Run();

public partial class Program;
