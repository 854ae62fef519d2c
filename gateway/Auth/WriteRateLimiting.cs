using System.Globalization;
using System.Threading.RateLimiting;
using GenderArchitecture.ServiceDefaults.Auth;
using Microsoft.AspNetCore.RateLimiting;

namespace GenderArchitecture.Gateway.Auth;

/// <summary>Limits of <c>RateLimiting</c> in configuration.</summary>
public sealed class WriteRateLimitOptions
{
    /// <summary>Writes one caller may make per window.</summary>
    public int WritesPerWindow { get; set; } = 120;
    /// <summary>Reads of statistics and dashboards one caller may make per window (see <see cref="ReadRateLimiting"/>).</summary>
    public int ReadsPerWindow { get; set; } = 300;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

public static class WriteRateLimiting
{
    /// <summary>
    /// Every write (POST, PUT, PATCH, DELETE) counts against its caller - the token's subject, or the client address
    /// for anonymous calls - in a fixed window; so does every read of statistics or dashboards, against a limit of its
    /// own. Past either limit the answer is 429 with Retry-After; a throttled read also goes to the audit.
    /// </summary>
    public static IServiceCollection AddWriteRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("RateLimiting").Get<WriteRateLimitOptions>() ?? new WriteRateLimitOptions();
        services.AddSingleton(options);
        services.AddSingleton<ReadRateLimiting>();
        return services.AddRateLimiter(limiter =>
        {
            var writes = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("reads");
                }
                return RateLimitPartition.GetFixedWindowLimiter(CallerKey(http), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.WritesPerWindow,
                    Window = options.Window,
                    QueueLimit = 0,
                });
            });
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(writes, ReadRateLimiting.Limiter(options));
            limiter.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : options.Window;
                var isRead = ReadRateLimiting.IsStatisticsRead(http.Request);
                if (isRead) await http.RequestServices.GetRequiredService<ReadRateLimiting>().RecordAsync(http, ct);
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var limit = isRead ? $"{options.ReadsPerWindow} reads of statistics and dashboards" : $"{options.WritesPerWindow} writes";
                var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = 429, Title = "Too many requests.", Detail = $"At most {limit} per {options.Window.TotalSeconds:0} s; retry after {Math.Ceiling(retryAfter.TotalSeconds):0} s." },
                });
            };
        });
    }

    internal static string CallerKey(HttpContext http) => Caller.FromPrincipal(http.User)?.Subject ?? $"ip:{http.Connection.RemoteIpAddress}";
}
