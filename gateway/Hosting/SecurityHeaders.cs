using GenderArchitecture.Gateway.Auth;
using GenderArchitecture.ServiceDefaults.Auth;

namespace GenderArchitecture.Gateway.Hosting;

/// <summary>
/// The headers every answer carries, pages and API alike, set once when the answer starts (so error pages and
/// answers of the exception handler get them too). The pages load only their own scripts and styles from files
/// (no inline script or handler), so the policy needs no 'unsafe-inline'. API answers carry personal data and exact
/// figures: no browser or proxy may keep them. The one other origin the pages may call is the identity provider's,
/// whose token endpoint the sign-in page calls to exchange its code (PKCE).
/// </summary>
public static class SecurityHeaders
{
    public static string ContentSecurityPolicy(string? signInAuthority) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        $"connect-src 'self'{(signInAuthority is null ? "" : " " + new Uri(signInAuthority).GetLeftPart(UriPartial.Authority))}; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var policy = ContentSecurityPolicy(SignInOptionsApi.BrowserAuthority(
            app.ApplicationServices.GetRequiredService<IConfiguration>(), app.ApplicationServices.GetRequiredService<SuiteAuthOptions>()));
        return app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                // The development API explorer (/docs) is a third-party page with inline scripts; it exists only in Development.
                if (!http.Request.Path.StartsWithSegments("/docs"))
                {
                    headers.ContentSecurityPolicy = policy;
                }
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Cross-Origin-Resource-Policy"] = "same-origin";
                if (http.Request.Path.StartsWithSegments("/api"))
                {
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                }
                return Task.CompletedTask;
            });
            return next(http);
        });
    }
}
