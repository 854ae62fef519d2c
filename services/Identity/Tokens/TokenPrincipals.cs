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
public sealed class TokenPrincipals(IScopeClaimsSource scopes, IConfiguration configuration)
{
    /// <summary>Not sent to anyone: kept inside codes and refresh tokens so a refresh after revocation is refused.</summary>
    public const string SecurityStampClaim = "ga_stamp";

    private string Audience => configuration["Auth:Audience"] ?? "genderarchitecture";

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
        identity.SetDestinations(claim => claim.Type switch
        {
            SecurityStampClaim => [],
            Claims.Name or Claims.Role => identity.HasScope(Scopes.Profile)
                ? [Destinations.AccessToken, Destinations.IdentityToken]
                : [Destinations.AccessToken],
            Claims.Email => identity.HasScope(Scopes.Email) ? [Destinations.IdentityToken] : [],
            _ => [Destinations.AccessToken],
        });
        return new ClaimsPrincipal(identity);
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
