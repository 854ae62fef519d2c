using System.Security.Cryptography;
using GenderArchitecture.Identity.Accounts;
using GenderArchitecture.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace GenderArchitecture.Identity.Tests;

/// <summary>
/// The identity service in-process on its own database (SQLite file or a fresh PostgreSQL database), with the web
/// client, two service clients and signing keys given by the test. <c>kestrel: true</c> puts it on a real socket so
/// other processes (a gateway) can fetch its discovery document and keys.
/// </summary>
public sealed class IdentityApp : WebApplicationFactory<Program>
{
    public const string RedirectUri = "http://gateway.test/signin-callback.html";
    public const string WebClientId = "genderarchitecture-web";
    public const string TrainingSecret = "training-client-secret-for-tests";

    private readonly Dictionary<string, string?> _settings;
    private readonly Func<Task> _cleanup;
    private readonly string _environment;
    private readonly Action<IServiceCollection>? _configureServices;

    private IdentityApp(Dictionary<string, string?> settings, Func<Task> cleanup, string environment, Action<IServiceCollection>? configureServices)
    {
        _settings = settings;
        _cleanup = cleanup;
        _environment = environment;
        _configureServices = configureServices;
    }

    public static async Task<IdentityApp> StartAsync(DatabaseKind kind = DatabaseKind.Sqlite, string[]? signingKeys = null,
        Dictionary<string, string?>? settings = null, bool kestrel = false, string environment = "Testing",
        Action<IServiceCollection>? configureServices = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Identity:WebClient:ClientId"] = WebClientId,
            ["Identity:WebClient:RedirectUris:0"] = RedirectUri,
            ["Identity:WebClient:PostLogoutRedirectUris:0"] = "http://gateway.test/",
            ["Identity:ServiceClients:training:Secret"] = TrainingSecret,
            ["Identity:ServiceClients:training:Scopes:0"] = "structure",
            ["Identity:SignInAttemptsPerMinute"] = "1000",
            ["Urls"] = "",
        };
        var keys = signingKeys ?? [NewSigningKey()];
        for (var i = 0; i < keys.Length; i++) all[$"Identity:SigningKeys:{i}"] = keys[i];
        Func<Task> cleanup;
        if (kind == DatabaseKind.Postgres)
        {
            var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
            all["Database:Provider"] = "Postgres";
            all["ConnectionStrings:Identity"] = database.ConnectionString;
            cleanup = () => database.DisposeAsync().AsTask();
        }
        else
        {
            var file = Path.Combine(Path.GetTempPath(), $"ga-identity-{Guid.NewGuid():N}.db");
            all["Database:Provider"] = "Sqlite";
            var connectionString = $"Data Source={file}";
            all["ConnectionStrings:Identity"] = connectionString;
            cleanup = () =>
            {
                using (var pooled = new SqliteConnection(connectionString)) SqliteConnection.ClearPool(pooled);
                foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
                return Task.CompletedTask;
            };
        }
        foreach (var (k, v) in settings ?? []) all[k] = v;
        var app = new IdentityApp(all, cleanup, environment, configureServices);
        if (kestrel) app.UseKestrel(0);
        app.StartServer();
        return app;
    }

    /// <summary>A fresh EC P-256 private key in PEM, as an operator would generate with openssl.</summary>
    public static string NewSigningKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }

    public Uri Address => ClientOptions.BaseAddress;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (k, v) in _settings) builder.UseSetting(k, v);
        if (_configureServices is not null) builder.ConfigureTestServices(_configureServices);
    }

    /// <summary>Creates an account directly (what an administrator does through the API), with a password set.</summary>
    public async Task<Account> CreateAccountAsync(string email, string role, string password, string[]? units = null, string? institution = null,
        string? personId = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var account = Account.Create(email, $"Person {email}", role, TimeProvider.System);
        account.SetUnits(units);
        account.StoredInstitution = institution;
        account.PersonId = personId;
        var result = await users.CreateAsync(account, password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return account;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _cleanup();
    }
}
