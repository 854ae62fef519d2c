using GenderArchitecture.ServiceDefaults.Hosting;
using GenderArchitecture.Structure;
using GenderArchitecture.Structure.Grpc;

var builder = WebApplication.CreateBuilder(args);

builder.AddGrpcServiceDefaults();
builder.AddStructureServices();

var app = builder.Build();

app.UseAuthentication();
app.UseAuthorization();
app.MapGrpcDefaultEndpoints();
app.MapGrpcService<StructureGrpcService>().RequireAuthorization();
app.MapAuditService();

app.Run();

public partial class Program;
