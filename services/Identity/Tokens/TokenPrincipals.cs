using System.Security.Claims;
using GenderArchitecture.Identity.Accounts;
using GenderArchitecture.ServiceDefaults.Auth;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace GenderArchitecture.Identity.Tokens;

/// <summary>
/// The claims of the suite's tokens, built in one place for users and services: <c>sub</c>, <c>name</c>, exactly one
/// <c>role</c>, repeated <c>unit</c>, <c>institution</c> - what <see cref="Caller"/> reads in the gateway and services.
/// </summary>
public sealed class TokenPrincipals(IScopeClaimsSource scopes, IConfiguration configuration, TimeProvider time)
{
    /// <summary>Not sent to anyone: kept inside codes and refresh tokens so a refresh after revocation is refused.</summary>
    public const string SecurityStampClaim = "ga_stamp";

    private string Audience => configuration["Auth:Audience"] ?? "genderarchitecture";

    /// <summary>The access tokens' usual lifetime (the same setting the OpenIddict server is given).</summary>
    public static TimeSpan AccessTokenLifetime(IConfiguration configuration) =>
        configuration.GetValue("Identity:AccessTokenLifetime", TimeSpan.FromMinutes(10));

    /// <summary>
    /// The lifetime of an access token carrying <paramref name="scope"/>: the usual one, cut so that the token (with the
    /// clock skew the gateway and services allow) is dead when the register's answer next changes - an appointment that
    /// ends at midnight (UTC) takes its scope with it then, not at the token's usual expiry. Null: the usual lifetime.
    /// </summary>
    public static TimeSpan? CappedLifetime(AccountScope scope, TimeSpan usual, DateTimeOffset now)
    {
        if (scope.ChangesOn is not { } day) return null;
        var end = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) - AuthenticationExtensions.ClockSkew;
        var left = end - now;
        if (left >= usual) return null;
        // Never zero or negative (OpenIddict would issue a token already expired or none): a second, then refresh.
        return left > TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1);
    }

    public async Task<ClaimsPrincipal> ForAccountAsync(Account account, IEnumerable<string> requestedScopes, CancellationToken cancellationToken)
    {
        var scope = await scopes.GetScopeAsync(account, cancellationToken);
        var identity = new ClaimsIdentity(
            authenticationType: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, nameType: Claims.Name, roleType: Claims.Role);
        identity.SetClaim(Claims.Subject, account.Id)
            .SetClaim(Claims.Name, account.DisplayName)
            .SetClaim(Claims.Email, account.Email)
            .SetClaim(Claims.Role, account.Role)
            .SetClaims(SuiteClaims.Unit, [.. scope.Units])
            .SetClaim(SuiteClaims.Institution, scope.Institution)
            .SetClaim(SecurityStampClaim, account.SecurityStamp);
        if (account.PersonId is not null) identity.SetClaim("person", account.PersonId);
        identity.SetScopes(requestedScopes);
        identity.SetResources(Audience);
        var principal = new ClaimsPrincipal(identity);
        if (CappedLifetime(scope, AccessTokenLifetime(configuration), time.GetUtcNow()) is { } capped) principal.SetAccessTokenLifetime(capped);
        identity.SetDestinations(claim => claim.Type switch
        {
            SecurityStampClaim => [],
            Claims.Name or Claims.Role => identity.HasScope(Scopes.Profile)
                ? [Destinations.AccessToken, Destinations.IdentityToken]
                : [Destinations.AccessToken],
            Claims.Email => identity.HasScope(Scopes.Email) ? [Destinations.IdentityToken] : [],
            _ => [Destinations.AccessToken],
        });
        return principal;
    }

    /// <summary>A service's own identity: role <c>service</c>, limited by its scopes to the services it may call.</summary>
    public ClaimsPrincipal ForService(string clientId, string? displayName, IEnumerable<string> grantedScopes)
    {
        var identity = new ClaimsIdentity(
            authenticationType: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, nameType: Claims.Name, roleType: Claims.Role);
        identity.SetClaim(Claims.Subject, $"service:{clientId}")
            .SetClaim(Claims.Name, displayName ?? clientId)
            .SetClaim(Claims.Role, SuiteRoles.Service);
        identity.SetScopes(grantedScopes);
        identity.SetResources(Audience);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    public static bool StampStillValid(ClaimsPrincipal tokenPrincipal, Account account) =>
        tokenPrincipal.GetClaim(SecurityStampClaim) == account.SecurityStamp;
}
