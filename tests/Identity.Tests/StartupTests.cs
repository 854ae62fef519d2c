using GenderArchitecture.Identity.Accounts;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;

namespace GenderArchitecture.Identity.Tests;

public sealed class StartupTests
{
    [Fact]
    public async Task In_production_the_identity_service_refuses_to_start_without_a_signing_key()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var app = await IdentityApp.StartAsync(signingKeys: [""], environment: "Production");
        });

        while (error.InnerException is not null) error = error.InnerException;
        Assert.Contains("Identity:SigningKeys:0", error.Message);
    }

    [Fact]
    public async Task The_first_administrator_is_created_by_the_install_command_and_must_enrol_a_second_factor()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ga-identity-{Guid.NewGuid():N}.db");
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
            builder.Configuration["ConnectionStrings:Identity"] = $"Data Source={file};Pooling=False";
            builder.Configuration["Identity:SigningKeys:0"] = IdentityApp.NewSigningKey();
            builder.AddServiceDefaults();
            builder.AddIdentityService();
            await using var app = builder.Build();

            var code = await AdminCommand.RunAsync(app, ["create-admin", "--email", "first@example.org", "--name", "First Admin"],
                new StringReader("a long install time passphrase\n"));
            var again = await AdminCommand.RunAsync(app, ["create-admin", "--email", "first@example.org"], new StringReader("another long passphrase here\n"));

            Assert.Equal(0, code);
            Assert.Equal(1, again);
            await using var scope = app.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
            var admin = await users.FindByEmailAsync("first@example.org");
            Assert.NotNull(admin);
            Assert.Equal(SuiteRoles.Administrator, admin.Role);
            Assert.True(admin.RequiresSecondFactor);
            Assert.True(await users.CheckPasswordAsync(admin, "a long install time passphrase"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_install_command_refuses_a_short_password()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ga-identity-{Guid.NewGuid():N}.db");
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
            builder.Configuration["ConnectionStrings:Identity"] = $"Data Source={file};Pooling=False";
            builder.Configuration["Identity:SigningKeys:0"] = IdentityApp.NewSigningKey();
            builder.AddServiceDefaults();
            builder.AddIdentityService();
            await using var app = builder.Build();

            var code = await AdminCommand.RunAsync(app, ["create-admin", "--email", "first@example.org"], new StringReader("short\n"));

            Assert.Equal(1, code);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
