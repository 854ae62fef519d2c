using GenderArchitecture.Gateway;
using GenderArchitecture.Gateway.Auth;
using GenderArchitecture.Gateway.Endpoints;
using GenderArchitecture.Gateway.Hosting;
using GenderArchitecture.ServiceDefaults.Hosting;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGateway();

var app = builder.Build();

app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseIdempotencyKeys();
app.UseDateParameterChecks();
app.UseRateLimiter();

app.MapOpenApi("/openapi/{documentName}.json");
if (app.Environment.IsDevelopment())
{
    app.MapScalarApiReference("/docs", o => o.WithOpenApiRoutePattern("/openapi/{documentName}.json"));
    app.MapDevTokens();
}
app.MapDefaultEndpoints();
app.MapSignInOptions();
app.MapInstitutionsApi();
app.MapTrainingApi();
app.MapReportingApi();
app.MapFormsApi();
app.MapDashboardsApi();
app.MapStructureAssignmentsApi();
app.MapAuditApi();

app.Run();

/// <summary>Marker for WebApplicationFactory in tests that host several apps.</summary>
public partial class Program;
