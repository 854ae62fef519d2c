using System.Net;
using Microsoft.AspNetCore.Antiforgery;

namespace GenderArchitecture.Identity.Pages;

/// <summary>The identity service's few pages: plain HTML forms, no script, nothing loaded from elsewhere.</summary>
public static class Html
{
    public static string Encode(string? value) => WebUtility.HtmlEncode(value ?? "");

    public static IResult Page(string title, string body, int status = 200) => Results.Content($$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
        <title>{{Encode(title)}} - GenderArchitecture</title>
        <style>
          body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 3rem auto; padding: 0 1rem; color: #1d232a; }
          label { display: block; margin: 1rem 0 .25rem; font-weight: 600; }
          input { width: 100%; box-sizing: border-box; padding: .5rem; font-size: 1rem; }
          button { margin-top: 1.25rem; padding: .55rem 1.2rem; font-size: 1rem; }
          .problem { color: #9b1c1c; background: #fdecec; padding: .6rem; border-radius: 4px; }
          code { font-size: 1.05rem; word-break: break-all; }
          .hint { color: #555; font-size: .9rem; }
        </style></head>
        <body><h1>{{Encode(title)}}</h1>
        {{body}}
        </body></html>
        """, "text/html; charset=utf-8", statusCode: status);

    public static string Problems(IEnumerable<string> problems) =>
        string.Concat(problems.Select(p => $"<p class=\"problem\" role=\"alert\">{Encode(p)}</p>"));

    public static string Form(HttpContext http, IAntiforgery antiforgery, string action, string returnUrl, string fields, string button)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return $"""
            <form method="post" action="{Encode(action)}">
            <input type="hidden" name="{Encode(tokens.FormFieldName)}" value="{Encode(tokens.RequestToken)}">
            <input type="hidden" name="returnUrl" value="{Encode(returnUrl)}">
            {fields}
            <button type="submit">{Encode(button)}</button>
            </form>
            """;
    }

    /// <summary>Only this site's own paths: an open redirect would let a phishing link borrow our sign-in page.</summary>
    public static string LocalOrRoot(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) &&
        !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/account/signed-in";
}
