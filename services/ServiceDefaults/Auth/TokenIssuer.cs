using System.Security.Claims;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GenderArchitecture.ServiceDefaults.Auth;

/// <summary>
/// Mints tokens signed with the suite's key: the service identity for calls between services, and - in
/// Development only, through the gateway - tokens for any role so a newcomer can try the suite.
/// </summary>
public sealed class TokenIssuer(SuiteAuthOptions options, TimeProvider time, IHostEnvironment environment)
{
    private readonly JsonWebTokenHandler _handler = new();
    private string? _serviceToken;
    private DateTimeOffset _serviceTokenExpires;

    public string Issue(string subject, string name, string role, IEnumerable<string>? units = null, string? institution = null, TimeSpan? lifetime = null)
    {
        var claims = new List<Claim>
        {
            new("sub", subject),
            new(SuiteClaims.Name, name),
            new(SuiteClaims.Role, role),
        };
        claims.AddRange((units ?? []).Select(u => new Claim(SuiteClaims.Unit, u)));
        if (!string.IsNullOrEmpty(institution)) claims.Add(new Claim(SuiteClaims.Institution, institution));

        var now = time.GetUtcNow();
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + (lifetime ?? TimeSpan.FromHours(8))).UtcDateTime,
            SigningCredentials = new SigningCredentials(options.GetSigningKey(), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>This process's own identity for calls to other services; cached and renewed before expiry.</summary>
    public string ServiceToken()
    {
        var now = time.GetUtcNow();
        if (_serviceToken is null || now > _serviceTokenExpires - TimeSpan.FromMinutes(5))
        {
            _serviceToken = Issue($"service:{environment.ApplicationName}", environment.ApplicationName, SuiteRoles.Service, lifetime: TimeSpan.FromMinutes(30));
            _serviceTokenExpires = now + TimeSpan.FromMinutes(30);
        }
        return _serviceToken;
    }
}
