using GenderArchitecture.ServiceDefaults.Auth;

namespace GenderArchitecture.Gateway.Auth;

/// <summary>
/// What the sign-in page needs to run the authorisation code flow with PKCE in the browser: the identity provider
/// the browser can reach (<c>Auth:BrowserAuthority</c>, else <c>Auth:Authority</c>) and the web pages' public client.
/// </summary>
public static class SignInOptionsApi
{
    public sealed record SignInOptions(string? Authority, string ClientId, bool DevelopmentSignIn);

    /// <summary>Where browsers reach the identity provider (it may differ from the address the services use).</summary>
    public static string? BrowserAuthority(IConfiguration configuration, SuiteAuthOptions auth) =>
        (configuration["Auth:BrowserAuthority"] is { Length: > 0 } browser ? browser : auth.Authority)?.TrimEnd('/') is { Length: > 0 } authority
            ? authority : null;

    public static IEndpointRouteBuilder MapSignInOptions(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/auth/sign-in-options", (SuiteAuthOptions auth, IConfiguration configuration, IHostEnvironment environment) =>
                TypedResults.Ok(new SignInOptions(
                    BrowserAuthority(configuration, auth),
                    configuration["Auth:WebClientId"] ?? "genderarchitecture-web",
                    environment.IsDevelopment())))
            .WithTags("Sign-in")
            .WithSummary("Where the web pages sign in (OpenID Connect authority and client id).")
            .RequireOperation(Operations.PublicRead);
        return app;
    }
}
