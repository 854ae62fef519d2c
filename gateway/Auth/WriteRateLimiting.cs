using System.Globalization;
using System.Threading.RateLimiting;
using GenderArchitecture.ServiceDefaults.Auth;
using Microsoft.AspNetCore.RateLimiting;

namespace GenderArchitecture.Gateway.Auth;

/// <summary>Limits of <c>RateLimiting</c> in configuration.</summary>
public sealed class WriteRateLimitOptions
{
    /// <summary>Writes one caller may make per window; reads are never limited here.</summary>
    public int WritesPerWindow { get; set; } = 120;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

public static class WriteRateLimiting
{
    /// <summary>
    /// Every write (POST, PUT, PATCH, DELETE) counts against its caller - the token's subject, or the client address
    /// for anonymous calls - in a fixed window; past the limit the answer is 429 with Retry-After.
    /// </summary>
    public static IServiceCollection AddWriteRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("RateLimiting").Get<WriteRateLimitOptions>() ?? new WriteRateLimitOptions();
        return services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("reads");
                }
                var key = Caller.FromPrincipal(http.User)?.Subject ?? $"ip:{http.Connection.RemoteIpAddress}";
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.WritesPerWindow,
                    Window = options.Window,
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : options.Window;
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = 429, Title = "Too many requests.", Detail = $"At most {options.WritesPerWindow} writes per {options.Window.TotalSeconds:0} s; retry after {retryAfter.TotalSeconds:0} s." },
                });
            };
        });
    }
}
