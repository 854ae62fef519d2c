using GenderArchitecture.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GenderArchitecture.Gateway.Auth;

/// <summary>
/// Development only: mints a token for any role and scope, so a newcomer can try every role locally.
/// Never mapped outside the Development environment.
/// </summary>
public static class DevTokensApi
{
    public sealed record DevTokenRequest(string Role, string? Subject, string? Name, string[]? Units, string? Institution);
    public sealed record DevTokenResponse(string AccessToken, string TokenType, DateTimeOffset ExpiresAt);

    public static IEndpointRouteBuilder MapDevTokens(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/dev/tokens", Results<Ok<DevTokenResponse>, ValidationProblem> (DevTokenRequest request, TokenIssuer issuer, TimeProvider time) =>
            {
                if (!SuiteRoles.All.Contains(request.Role))
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                    {
                        ["role"] = [$"must be one of {string.Join(", ", SuiteRoles.All)}"],
                    });
                }
                var subject = request.Subject ?? $"dev-{request.Role}";
                var lifetime = TimeSpan.FromHours(8);
                var token = issuer.Issue(subject, request.Name ?? subject, request.Role, request.Units, request.Institution, lifetime);
                return TypedResults.Ok(new DevTokenResponse(token, "Bearer", time.GetUtcNow() + lifetime));
            })
            .WithTags("Development")
            .WithSummary("Mint a development token for a role and scope (Development environment only).")
            .RequireOperation(Operations.SignInDevelopment);
        return app;
    }
}
