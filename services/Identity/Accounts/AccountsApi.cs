using GenderArchitecture.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Validation.AspNetCore;

namespace GenderArchitecture.Identity.Accounts;

/// <summary>
/// Accounts for administrators (bearer token from this identity service, role administrator). Nobody but the
/// person ever knows a password: creating an account or resetting its password answers a one-time link to give them.
/// </summary>
public static class AccountsApi
{
    public const string AdministratorPolicy = "identity-administrator";

    public sealed record CreateAccountRequest(string Email, string? Name, string Role, string[]? Units, string? Institution, string? PersonId);
    public sealed record ScopeRequest(string[]? Units, string? Institution);
    public sealed record ResetRequest(bool ResetSecondFactor);
    public sealed record AccountResponse(string Id, string Email, string Name, string Role, string[] Units, string? Institution,
        string? PersonId, bool SecondFactorEnabled, bool LockedOut);
    public sealed record SetPasswordLink(string AccountId, string Link);

    public static IServiceCollection AddAccountsApiAuthorization(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(AdministratorPolicy, policy => policy
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireClaim(SuiteClaims.Role, SuiteRoles.Administrator))
            .Services;

    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/v1/accounts").RequireAuthorization(AdministratorPolicy).DisableAntiforgery();
        accounts.MapPost("/", CreateAsync);
        accounts.MapGet("/{id}", async Task<Results<Ok<AccountResponse>, NotFound>> (string id, UserManager<Account> users) =>
            await users.FindByIdAsync(id) is { } account ? TypedResults.Ok(await ToResponseAsync(account, users)) : TypedResults.NotFound());
        accounts.MapPut("/{id}/scope", async Task<Results<Ok<AccountResponse>, NotFound>> (string id, ScopeRequest request, UserManager<Account> users) =>
        {
            if (await users.FindByIdAsync(id) is not { } account) return TypedResults.NotFound();
            account.SetUnits(request.Units);
            account.StoredInstitution = string.IsNullOrWhiteSpace(request.Institution) ? null : request.Institution.Trim();
            await users.UpdateAsync(account);
            return TypedResults.Ok(await ToResponseAsync(account, users));
        });
        accounts.MapPost("/{id}/password-reset", ResetPasswordAsync);
        accounts.MapPost("/{id}/sign-out-everywhere", async Task<Results<NoContent, NotFound>> (string id, UserManager<Account> users,
            AccountSessions sessions, CancellationToken ct) =>
        {
            if (await users.FindByIdAsync(id) is not { } account) return TypedResults.NotFound();
            await sessions.RevokeAllAsync(account, ct);
            return TypedResults.NoContent();
        });
        return app;
    }

    private static async Task<Results<Created<SetPasswordLink>, ValidationProblem, Conflict<string>>> CreateAsync(
        CreateAccountRequest request, UserManager<Account> users, TimeProvider time, LinkGenerator links, HttpContext http)
    {
        if (!SuiteRoles.All.Contains(request.Role))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = [$"must be one of {string.Join(", ", SuiteRoles.All)}"] });
        }
        if (string.IsNullOrWhiteSpace(request.Email) || !request.Email.Contains('@'))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["email"] = ["must be an e-mail address"] });
        }
        if (await users.FindByEmailAsync(request.Email.Trim()) is not null) return TypedResults.Conflict("An account with this e-mail address exists.");
        var account = Account.Create(request.Email, request.Name ?? "", request.Role, time);
        account.SetUnits(request.Units);
        account.StoredInstitution = string.IsNullOrWhiteSpace(request.Institution) ? null : request.Institution.Trim();
        account.PersonId = string.IsNullOrWhiteSpace(request.PersonId) ? null : request.PersonId.Trim();
        var created = await users.CreateAsync(account);
        if (!created.Succeeded)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["email"] = created.Errors.Select(e => e.Description).ToArray() });
        }
        var link = await SetPasswordLinkAsync(account, users, http);
        return TypedResults.Created($"/api/v1/accounts/{account.Id}", link);
    }

    private static async Task<Results<Ok<SetPasswordLink>, NotFound>> ResetPasswordAsync(string id, ResetRequest? request,
        UserManager<Account> users, AccountSessions sessions, HttpContext http)
    {
        if (await users.FindByIdAsync(id) is not { } account) return TypedResults.NotFound();
        // The old password stops working at once: a reset is often asked for because it may be known to someone else.
        if (await users.HasPasswordAsync(account)) await users.RemovePasswordAsync(account);
        if (request?.ResetSecondFactor == true)
        {
            await users.SetTwoFactorEnabledAsync(account, false);
            await users.ResetAuthenticatorKeyAsync(account);
        }
        await users.SetLockoutEndDateAsync(account, null);
        await users.ResetAccessFailedCountAsync(account);
        await sessions.RevokeAllAsync(account, http.RequestAborted);
        return TypedResults.Ok(await SetPasswordLinkAsync(account, users, http));
    }

    private static async Task<SetPasswordLink> SetPasswordLinkAsync(Account account, UserManager<Account> users, HttpContext http)
    {
        var token = await users.GeneratePasswordResetTokenAsync(account);
        var link = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/account/reset?user={Uri.EscapeDataString(account.Id)}&token={Uri.EscapeDataString(token)}";
        return new SetPasswordLink(account.Id, link);
    }

    private static async Task<AccountResponse> ToResponseAsync(Account account, UserManager<Account> users) =>
        new(account.Id, account.Email ?? "", account.DisplayName, account.Role, [.. account.Units], account.StoredInstitution,
            account.PersonId, account.TwoFactorEnabled, await users.IsLockedOutAsync(account));
}
