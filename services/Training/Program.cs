using GenderArchitecture.ServiceDefaults.Hosting;
using GenderArchitecture.Training;
using GenderArchitecture.Training.Grpc;

var builder = WebApplication.CreateBuilder(args);

builder.AddGrpcServiceDefaults();
builder.AddTrainingServices();

var app = builder.Build();

app.UseAuthentication();
app.UseAuthorization();
app.MapGrpcDefaultEndpoints();
app.MapGrpcService<TrainingGrpcService>().RequireAuthorization();
app.MapAuditService();

app.Run();

public partial class Program;
