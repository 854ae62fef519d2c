using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using GenderArchitecture.Gateway.Endpoints;
using GenderArchitecture.ServiceDefaults.Audit;
using GenderArchitecture.ServiceDefaults.Auth;

namespace GenderArchitecture.Gateway.Auth;

/// <summary>
/// Per-caller limit on reads of statistics and dashboards (issue 10: an intruder combined thousands of answers in
/// minutes). The first throttled read of a caller in a window becomes one "unusual_query_volume" event in the audit -
/// who, role, how many reads, from where - recorded by the gateway through AuditService.RecordEvent with its service
/// identity, since only the gateway sees the volume across the three services. One event per window, not one per
/// refused read, so a caller hammering the API cannot flood the audit.
/// </summary>
public sealed class ReadRateLimiting(WriteRateLimitOptions options, GatewayAudit audit, TimeProvider time)
{
    // Paths whose answers are statistics: aggregates (JSON and CSV), completeness, compliance, composition, coverage,
    // body activity, dashboards - and anything added under /api/v1/statistics.
    private static readonly string[] Prefixes =
        ["/api/v1/dashboards/", "/api/v1/reporting/aggregates", "/api/v1/reporting/completeness", "/api/v1/training/compliance", "/api/v1/statistics"];
    private static readonly string[] Suffixes = ["/composition", "/focal-point-coverage", "/activity"];

    private readonly ConcurrentDictionary<string, long> _lastRecordedWindow = new();

    public static bool IsStatisticsRead(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)) return false;
        var path = request.Path.Value ?? "";
        return Prefixes.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase))
            || (path.StartsWith("/api/v1/", StringComparison.OrdinalIgnoreCase) && Suffixes.Any(s => path.EndsWith(s, StringComparison.OrdinalIgnoreCase)));
    }

    internal static PartitionedRateLimiter<HttpContext> Limiter(WriteRateLimitOptions options) =>
        PartitionedRateLimiter.Create<HttpContext, string>(http => IsStatisticsRead(http.Request)
            ? RateLimitPartition.GetFixedWindowLimiter("read:" + WriteRateLimiting.CallerKey(http), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.ReadsPerWindow,
                Window = options.Window,
                QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter("other"));

    public async Task RecordAsync(HttpContext http, CancellationToken ct)
    {
        var key = WriteRateLimiting.CallerKey(http);
        var window = time.GetUtcNow().Ticks / Math.Max(1, options.Window.Ticks);
        if (_lastRecordedWindow.TryGetValue(key, out var last) && last >= window) return;
        _lastRecordedWindow[key] = window;

        var caller = Caller.FromPrincipal(http.User);
        var description = string.Create(CultureInfo.InvariantCulture,
            $"more than {options.ReadsPerWindow} reads of statistics and dashboards within {options.Window.TotalSeconds:0} s: {options.ReadsPerWindow} served, read {options.ReadsPerWindow + 1} refused ({http.Request.Path}{http.Request.QueryString})");
        await audit.RecordAsync(caller?.Subject ?? key, caller?.Role ?? "", AuditActions.UnusualQueryVolume, "statistics reads", description,
            AuditTrail.AddressOf(http.Connection.RemoteIpAddress), ct);
    }
}
