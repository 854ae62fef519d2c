using GenderArchitecture.Gateway.Endpoints;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GenderArchitecture.Gateway.Hosting;

/// <summary>
/// The write contract, once for every endpoint: a write (POST, PUT, PATCH or DELETE) under /api/ carries an
/// <c>Idempotency-Key</c>, which the gateway forwards to the service that keeps it, so a retried write happens once
/// whichever service it reaches. Without a usable key the answer is a 400 naming the header, given after authorisation
/// (who may call comes first) and before the body is read or any service is called, so nothing is written. A new
/// endpoint is covered by being mapped; the only writes that go without a key are listed in <see cref="Exempt"/>.
/// </summary>
public static class IdempotencyKeys
{
    /// <summary>Writes that change no service's state ("METHOD route"), each with its reason.</summary>
    public static readonly IReadOnlyDictionary<string, string> Exempt = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["POST /api/v1/dev/tokens"] = "development sign-in (Development only): mints a token from the request alone, reaches no service and stores nothing",
    };

    public static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    /// <summary>Whether a request with <paramref name="method"/> to the route <paramref name="route"/> (its template) needs a key.</summary>
    public static bool Requires(string method, string route)
    {
        var path = "/" + route.TrimStart('/');
        return IsWrite(method) && path.StartsWith("/api/", StringComparison.Ordinal) && !Exempt.ContainsKey($"{method.ToUpperInvariant()} {path}");
    }

    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route } && Requires(http.Request.Method, route)
            && VersionHeaders.IdempotencyKeyProblem(http.Request) is { } problem)
        {
            await Results.ValidationProblem(new Dictionary<string, string[]> { [VersionHeaders.IdempotencyKeyHeader] = [problem] },
                detail: problem, title: "The Idempotency-Key header is missing or invalid.").ExecuteAsync(http);
            return;
        }
        await next(http);
    });

    /// <summary>Declares the header, required, on every write the contract covers, so clients generated from the document send it.</summary>
    public static OpenApiOptions AddIdempotencyKeyHeader(this OpenApiOptions options) =>
        options.AddOperationTransformer((operation, context, _) =>
        {
            var description = context.Description;
            if (description.HttpMethod is not { } method || !Requires(method, description.RelativePath ?? "")) return Task.CompletedTask;
            operation.Parameters ??= [];
            // An endpoint that binds the header itself (certificate issuance) declares it optional: the contract makes it required.
            if (operation.Parameters.FirstOrDefault(p => p.In == ParameterLocation.Header && p.Name == VersionHeaders.IdempotencyKeyHeader) is { } declared)
            {
                if (declared is OpenApiParameter parameter) parameter.Required = true;
                return Task.CompletedTask;
            }
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = VersionHeaders.IdempotencyKeyHeader,
                In = ParameterLocation.Header,
                Required = true,
                Description = "A new value per user action (1 to 100 characters), the same value on that action's retries.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 100 },
            });
            return Task.CompletedTask;
        });
}
