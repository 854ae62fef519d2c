using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GenderArchitecture.ServiceDefaults.Auth;

/// <summary>
/// This process's own identity for calls to other services: with an authority and a client id, a client-credentials
/// token from the identity provider (narrow scopes, asymmetric signature); otherwise - Development, tests, and the
/// shared-key stop-gap - a token signed with <c>Auth:SigningKey</c>. In Development the gateway also mints tokens for
/// any role through <see cref="Issue"/> so a newcomer can try the suite.
/// </summary>
public sealed class TokenIssuer(SuiteAuthOptions options, TimeProvider time, IHostEnvironment environment, IHttpClientFactory? httpClients = null)
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _serviceToken;
    private DateTimeOffset _serviceTokenExpires;

    public string Issue(string subject, string name, string role, IEnumerable<string>? units = null, string? institution = null, TimeSpan? lifetime = null,
        IEnumerable<string>? scopes = null)
    {
        var claims = new List<Claim>
        {
            new("sub", subject),
            new(SuiteClaims.Name, name),
            new(SuiteClaims.Role, role),
        };
        claims.AddRange((units ?? []).Select(u => new Claim(SuiteClaims.Unit, u)));
        if (!string.IsNullOrEmpty(institution)) claims.Add(new Claim(SuiteClaims.Institution, institution));
        if (scopes?.ToArray() is { Length: > 0 } granted) claims.Add(new Claim(SuiteClaims.Scope, string.Join(' ', granted)));

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

    public bool UsesClientCredentials => options.UsesAuthority && !string.IsNullOrWhiteSpace(options.ClientId);

    /// <summary>The service's token signed with the shared key; cached and renewed before expiry.</summary>
    public string ServiceToken()
    {
        var now = time.GetUtcNow();
        if (_serviceToken is null || now > _serviceTokenExpires - TimeSpan.FromMinutes(5))
        {
            // Whoever holds the shared key can mint any scope anyway: the shared-key token names every service.
            _serviceToken = Issue($"service:{environment.ApplicationName}", environment.ApplicationName, SuiteRoles.Service,
                lifetime: TimeSpan.FromMinutes(30), scopes: SuiteScopes.AllServices);
            _serviceTokenExpires = now + TimeSpan.FromMinutes(30);
        }
        return _serviceToken;
    }

    /// <summary>The service's token: from the identity provider when configured (cached until a minute before expiry).</summary>
    public async ValueTask<string> ServiceTokenAsync(CancellationToken cancellationToken)
    {
        if (!UsesClientCredentials) return ServiceToken();
        if (_serviceToken is { } cached && time.GetUtcNow() < _serviceTokenExpires - TimeSpan.FromMinutes(1)) return cached;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (_serviceToken is { } again && now < _serviceTokenExpires - TimeSpan.FromMinutes(1)) return again;
            using var http = httpClients?.CreateClient(nameof(TokenIssuer)) ?? new HttpClient();
            // Rare (the token is cached) and on the start-up path of a cold identity service: a generous limit.
            http.Timeout = TimeSpan.FromSeconds(30);
            var endpoint = options.TokenEndpoint ?? options.Authority!.TrimEnd('/') + "/connect/token";
            using var response = await http.PostAsync(endpoint, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = options.ClientId!,
                ["client_secret"] = options.ClientSecret ?? "",
                ["scope"] = string.Join(' ', options.ServiceScopes),
            }), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException(
                    $"The identity provider refused this service's client credentials ({(int)response.StatusCode}): check Auth:ClientId, Auth:ClientSecret and Auth:ServiceScopes.");
            }
            var answer = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            _serviceToken = answer.GetProperty("access_token").GetString();
            _serviceTokenExpires = now + TimeSpan.FromSeconds(answer.TryGetProperty("expires_in", out var e) ? e.GetInt32() : 300);
            return _serviceToken!;
        }
        finally
        {
            _gate.Release();
        }
    }
}
