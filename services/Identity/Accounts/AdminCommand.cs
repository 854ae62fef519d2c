using GenderArchitecture.Identity.Data;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Data;
using Microsoft.AspNetCore.Identity;

namespace GenderArchitecture.Identity.Accounts;

/// <summary>
/// The first administrator, created at install time - there is no default account or password anywhere:
/// <code>GA_ADMIN_PASSWORD='…' dotnet run --project services/Identity -- create-admin --email a@b.org --name "A B"</code>
/// (or type the password on standard input). The administrator enrols an authenticator at first sign-in.
/// </summary>
public static class AdminCommand
{
    public const string Name = "create-admin";
    public const string PasswordVariable = "GA_ADMIN_PASSWORD";

    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] == Name;

    /// <summary>Host arguments: the command and its options are not configuration.</summary>
    public static string[] HostArguments(string[] args) => IsInvoked(args) ? [] : args;

    public static async Task<int> RunAsync(WebApplication app, string[] args, TextReader? input = null)
    {
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var email = Option("--email");
        if (string.IsNullOrWhiteSpace(email))
        {
            Console.Error.WriteLine($"Usage: {Name} --email <address> [--name <display name>]; password from {PasswordVariable} or standard input.");
            return 2;
        }
        var password = input is null ? Environment.GetEnvironmentVariable(PasswordVariable) : null;
        if (string.IsNullOrEmpty(password))
        {
            Console.Error.Write($"Password for {email} (at least {PasswordRules.MinimumLength} characters): ");
            password = (input ?? Console.In).ReadLine() ?? "";
        }

        // Only the schema step of start-up: no listening socket for a one-off command.
        foreach (var initializer in app.Services.GetServices<IHostedService>().OfType<DatabaseInitializer<IdentityDb, IdentitySqliteDb>>())
        {
            await initializer.StartAsync(CancellationToken.None);
        }
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        if (await users.FindByEmailAsync(email.Trim()) is not null)
        {
            Console.Error.WriteLine($"An account for {email} exists already; nothing changed.");
            return 1;
        }
        var account = Account.Create(email, Option("--name") ?? email, SuiteRoles.Administrator, TimeProvider.System);
        var created = await users.CreateAsync(account, password);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors) Console.Error.WriteLine(error.Description);
            return 1;
        }
        Console.WriteLine($"Administrator {email} created ({account.Id}). At the first sign-in you will set up an authenticator app.");
        return 0;
    }
}
