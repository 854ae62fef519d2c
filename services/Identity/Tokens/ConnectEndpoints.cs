using System.Security.Claims;
using GenderArchitecture.Identity.Accounts;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace GenderArchitecture.Identity.Tokens;

/// <summary>
/// The OpenID Connect endpoints OpenIddict passes through to us: authorisation (code + PKCE for the web pages),
/// token (code, refresh, client credentials) and end-session. OpenIddict checks the protocol; we decide who gets what.
/// </summary>
public static class ConnectEndpoints
{
    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/connect/authorize", ["GET", "POST"], AuthorizeAsync).DisableAntiforgery();
        app.MapPost("/connect/token", TokenAsync).DisableAntiforgery();
        app.MapMethods("/connect/logout", ["GET", "POST"], EndSessionAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext http, UserManager<Account> users, TokenPrincipals principals)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var account = cookie.Succeeded ? await users.GetUserAsync(cookie.Principal!) : null;
        if (account is null || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None)) return Forbid(Errors.LoginRequired, "The user is not signed in.");
            var returnUrl = http.Request.PathBase + http.Request.Path + QueryString.Create(
                http.Request.HasFormContentType ? http.Request.Form.ToList() : http.Request.Query.ToList());
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [IdentityConstants.ApplicationScheme]);
        }
        if (await users.IsLockedOutAsync(account)) return Forbid(Errors.AccessDenied, "The account is locked.");

        var principal = await principals.ForAccountAsync(account, request.GetScopes(), http.RequestAborted);
        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> TokenAsync(HttpContext http, UserManager<Account> users, TokenPrincipals principals,
        IOpenIddictApplicationManager applications)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has authenticated the client and checked that each requested scope is one it is permitted;
            // a token naming no service would be useless (services check the scope), so it must ask for one.
            if (request.GetScopes().IsEmpty) return Forbid(Errors.InvalidScope, "Ask for the scopes of the services to call, e.g. suite.structure.");
            var client = await applications.FindByClientIdAsync(request.ClientId!, http.RequestAborted)
                ?? throw new InvalidOperationException("The client vanished.");
            var principal = principals.ForService(request.ClientId!, await applications.GetDisplayNameAsync(client, http.RequestAborted), request.GetScopes());
            return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var stored = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
            var account = stored is null ? null : await users.FindByIdAsync(stored.GetClaim(Claims.Subject) ?? "");
            // Sign-out everywhere, a password reset or a lockout changes the account: the old grant is dead.
            if (account is null || stored is null || await users.IsLockedOutAsync(account) || !TokenPrincipals.StampStillValid(stored, account))
            {
                return Forbid(Errors.InvalidGrant, "The sign-in is no longer valid; sign in again.");
            }
            // Claims are rebuilt from the account and the scope source each time, so a changed scope applies at the next refresh.
            var principal = await principals.ForAccountAsync(account, stored.GetScopes(), http.RequestAborted);
            return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        return Forbid(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    private static async Task<IResult> EndSessionAsync(HttpContext http, SignInManager<Account> signIn)
    {
        await signIn.SignOutAsync();
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/account/signed-out" },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult Forbid(string error, string description) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
