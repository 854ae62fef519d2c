using System.Security.Claims;
using GenderArchitecture.Identity.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using static GenderArchitecture.Identity.Pages.Html;

namespace GenderArchitecture.Identity.Pages;

/// <summary>Sign-in with a password, the second step (TOTP), enrolment of an authenticator, setting a password.</summary>
public static class AccountPages
{
    public const string SignInRateLimit = "sign-in";
    private const string WrongCredentials = "The e-mail address or the password is wrong.";
    private const string LockedOut = "Too many failed attempts: the account is locked for a while. Try again later or ask an administrator.";

    public sealed record SignInForm(string? Email, string? Password, string? ReturnUrl);
    public sealed record CodeForm(string? Code, string? ReturnUrl);
    public sealed record PasswordForm(string? User, string? Token, string? Password, string? ReturnUrl);

    public static IEndpointRouteBuilder MapAccountPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/account").AllowAnonymous();
        pages.MapGet("/login", (HttpContext http, IAntiforgery af, string? returnUrl) => SignInPage(http, af, returnUrl, []));
        pages.MapPost("/login", SignInAsync).RequireRateLimiting(SignInRateLimit);
        pages.MapGet("/2fa", (HttpContext http, IAntiforgery af, string? returnUrl) => CodePage(http, af, returnUrl, []));
        pages.MapPost("/2fa", SecondStepAsync).RequireRateLimiting(SignInRateLimit);
        pages.MapGet("/enrol", EnrolPageAsync);
        pages.MapPost("/enrol", EnrolAsync).RequireRateLimiting(SignInRateLimit);
        pages.MapGet("/reset", (HttpContext http, IAntiforgery af, string? user, string? token) => PasswordPage(http, af, user, token, []));
        pages.MapPost("/reset", SetPasswordAsync).RequireRateLimiting(SignInRateLimit);
        pages.MapPost("/logout", async (SignInManager<Account> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.Redirect("/account/signed-out");
        });
        pages.MapGet("/signed-out", () => Page("Signed out", "<p>You are signed out.</p>"));
        pages.MapGet("/signed-in", () => Page("Signed in", "<p>You are signed in. Go back to the page you came from.</p>"));
        return app;
    }

    private static IResult SignInPage(HttpContext http, IAntiforgery af, string? returnUrl, IEnumerable<string> problems, string email = "", int status = 200) =>
        Page("Sign in", Problems(problems) + Form(http, af, "/account/login", LocalOrRoot(returnUrl), $"""
            <label for="email">E-mail address</label><input id="email" name="email" type="email" autocomplete="username" required value="{Encode(email)}">
            <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
            """, "Sign in"), status);

    private static async Task<IResult> SignInAsync(HttpContext http, IAntiforgery af, [FromForm] SignInForm form,
        UserManager<Account> users, SignInManager<Account> signIn)
    {
        var account = string.IsNullOrWhiteSpace(form.Email) ? null : await users.FindByEmailAsync(form.Email.Trim());
        if (account is null || string.IsNullOrEmpty(form.Password))
        {
            return SignInPage(http, af, form.ReturnUrl, [WrongCredentials], form.Email ?? "", 400);
        }
        var check = await signIn.CheckPasswordSignInAsync(account, form.Password, lockoutOnFailure: true);
        if (check.IsLockedOut) return SignInPage(http, af, form.ReturnUrl, [LockedOut], form.Email ?? "", 423);
        if (!check.Succeeded) return SignInPage(http, af, form.ReturnUrl, [WrongCredentials], form.Email ?? "", 400);

        var returnUrl = Uri.EscapeDataString(LocalOrRoot(form.ReturnUrl));
        if (account.TwoFactorEnabled || account.RequiresSecondFactor)
        {
            // Half signed in: this cookie only lets the second step (or the enrolment) find the account.
            var pending = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
            pending.AddClaim(new Claim(ClaimTypes.Name, account.Id));
            await http.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(pending));
            return Results.Redirect(account.TwoFactorEnabled ? $"/account/2fa?returnUrl={returnUrl}" : $"/account/enrol?returnUrl={returnUrl}");
        }
        await signIn.SignInWithClaimsAsync(account, isPersistent: false, [new Claim("amr", "pwd")]);
        return Results.Redirect(LocalOrRoot(form.ReturnUrl));
    }

    private static IResult CodePage(HttpContext http, IAntiforgery af, string? returnUrl, IEnumerable<string> problems, int status = 200) =>
        Page("Second step", Problems(problems) + "<p>Enter the 6-digit code your authenticator app shows now.</p>" +
            Form(http, af, "/account/2fa", LocalOrRoot(returnUrl), """
                <label for="code">Code</label><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" required>
                """, "Continue"), status);

    private static async Task<IResult> SecondStepAsync(HttpContext http, IAntiforgery af, [FromForm] CodeForm form, SignInManager<Account> signIn)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null) return Results.Redirect($"/account/login?returnUrl={Uri.EscapeDataString(LocalOrRoot(form.ReturnUrl))}");
        var code = (form.Code ?? "").Replace(" ", "");
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded) return Results.Redirect(LocalOrRoot(form.ReturnUrl));
        return result.IsLockedOut
            ? CodePage(http, af, form.ReturnUrl, [LockedOut], 423)
            : CodePage(http, af, form.ReturnUrl, ["The code is wrong or has expired."], 400);
    }

    private static async Task<IResult> EnrolPageAsync(HttpContext http, IAntiforgery af, string? returnUrl,
        SignInManager<Account> signIn, UserManager<Account> users)
    {
        var account = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (account is null || account.TwoFactorEnabled) return Results.Redirect($"/account/login?returnUrl={Uri.EscapeDataString(LocalOrRoot(returnUrl))}");
        return await EnrolPage(http, af, returnUrl, account, users, []);
    }

    private static async Task<IResult> EnrolPage(HttpContext http, IAntiforgery af, string? returnUrl, Account account,
        UserManager<Account> users, IEnumerable<string> problems, int status = 200)
    {
        var key = await users.GetAuthenticatorKeyAsync(account);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(account);
            key = await users.GetAuthenticatorKeyAsync(account);
        }
        var uri = $"otpauth://totp/GenderArchitecture:{Uri.EscapeDataString(account.Email ?? account.Id)}?secret={key}&issuer=GenderArchitecture&digits=6";
        return Page("Set up your authenticator", Problems(problems) + $"""
            <p>Your role needs a second factor. Add this key to an authenticator app (time-based, 6 digits), then enter the code it shows.</p>
            <p>Key: <code id="authenticator-key">{Encode(key)}</code></p>
            <p class="hint">Or as a link for apps that read it: <code id="authenticator-uri">{Encode(uri)}</code></p>
            """ + Form(http, af, "/account/enrol", LocalOrRoot(returnUrl), """
                <label for="code">Code</label><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required>
                """, "Confirm"), status);
    }

    private static async Task<IResult> EnrolAsync(HttpContext http, IAntiforgery af, [FromForm] CodeForm form,
        SignInManager<Account> signIn, UserManager<Account> users)
    {
        var account = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (account is null || account.TwoFactorEnabled) return Results.Redirect($"/account/login?returnUrl={Uri.EscapeDataString(LocalOrRoot(form.ReturnUrl))}");
        if (await users.IsLockedOutAsync(account)) return Page("Set up your authenticator", Problems([LockedOut]), 423);
        var code = (form.Code ?? "").Replace(" ", "");
        if (!await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            await users.AccessFailedAsync(account);
            return await EnrolPage(http, af, form.ReturnUrl, account, users, ["The code is wrong or has expired."], 400);
        }
        await users.SetTwoFactorEnabledAsync(account, true);
        await users.ResetAccessFailedCountAsync(account);
        await http.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await signIn.SignInWithClaimsAsync(account, isPersistent: false, [new Claim("amr", "mfa")]);
        return Results.Redirect(LocalOrRoot(form.ReturnUrl));
    }

    private static IResult PasswordPage(HttpContext http, IAntiforgery af, string? user, string? token, IEnumerable<string> problems, int status = 200) =>
        Page("Choose a password", Problems(problems) + $"""
            <p>At least {PasswordRules.MinimumLength} characters. A few unrelated words make a strong password that is easy to remember.</p>
            """ + Form(http, af, "/account/reset", "/account/login", $"""
                <input type="hidden" name="user" value="{Encode(user)}"><input type="hidden" name="token" value="{Encode(token)}">
                <label for="password">New password</label><input id="password" name="password" type="password" autocomplete="new-password" required minlength="{PasswordRules.MinimumLength}">
                """, "Set password"), status);

    private static async Task<IResult> SetPasswordAsync(HttpContext http, IAntiforgery af, [FromForm] PasswordForm form,
        UserManager<Account> users, AccountSessions sessions)
    {
        var account = string.IsNullOrEmpty(form.User) ? null : await users.FindByIdAsync(form.User);
        if (account is null || string.IsNullOrEmpty(form.Token))
        {
            return PasswordPage(http, af, form.User, form.Token, ["This link is not valid. Ask an administrator for a new one."], 400);
        }
        var result = await users.ResetPasswordAsync(account, form.Token, form.Password ?? "");
        if (!result.Succeeded) return PasswordPage(http, af, form.User, form.Token, result.Errors.Select(e => e.Description), 400);
        await sessions.RevokeAllAsync(account, http.RequestAborted);
        return Page("Password set", "<p>Your password is set. <a href=\"/account/login\">Sign in</a>.</p>");
    }
}
