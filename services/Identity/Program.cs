using GenderArchitecture.Identity;
using GenderArchitecture.Identity.Accounts;
using GenderArchitecture.Identity.Pages;
using GenderArchitecture.Identity.Tokens;
using GenderArchitecture.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(AdminCommand.HostArguments(args));

builder.AddServiceDefaults();
builder.AddIdentityService();

var app = builder.Build();

if (AdminCommand.IsInvoked(args)) return await AdminCommand.RunAsync(app, args);

app.UseForwardedHeaders();
app.UseCors();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapDefaultEndpoints();
app.MapConnectEndpoints();
app.MapAccountPages();
app.MapAccountsApi();

app.Run();
return 0;

/// <summary>Marker for WebApplicationFactory in tests that host several apps.</summary>
public partial class Program;
