using GenderArchitecture.ServiceDefaults.Auth;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace GenderArchitecture.TestSupport;

/// <summary>
/// Tokens signed with the development key (appsettings.Development.json; GrpcServiceApp passes it in Testing), for any
/// role and scope. Outside Development and Testing every process refuses to start with this key.
/// </summary>
public static class TestTokens
{
    public static readonly SuiteAuthOptions Options = new()
    {
        Issuer = "genderarchitecture-dev",
        Audience = "genderarchitecture",
        SigningKey = "development-only-signing-key-change-me-in-production-0123456789",
    };

    public static string For(string role, string[]? units = null, string? institution = null, string? subject = null, TimeSpan? lifetime = null, TimeProvider? time = null) =>
        new TokenIssuer(Options, time ?? TimeProvider.System, new HostingEnvironment { ApplicationName = "tests" })
            .Issue(subject ?? $"test-{role}", subject ?? $"Test {role}", role, units, institution, lifetime,
                // A service token names the services it may call; the tests' service may call them all.
                scopes: role == SuiteRoles.Service ? SuiteScopes.AllServices : null);

    public static string Administrator() => For(SuiteRoles.Administrator);

    /// <summary>A token signed with the development key naming several roles (a JSON array), which every process must refuse.</summary>
    public static string WithRoles(params string[] roles)
    {
        var now = DateTime.UtcNow;
        return new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = Options.Issuer,
            Audience = Options.Audience,
            Claims = new Dictionary<string, object> { ["sub"] = "test-several-roles", [SuiteClaims.Role] = roles, [SuiteClaims.Name] = "Several roles" },
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(30),
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(Options.GetSigningKey(), Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
        });
    }
    public static string Service() => For(SuiteRoles.Service, subject: "service:tests");
}
