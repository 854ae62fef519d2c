using System.Globalization;

namespace GenderArchitecture.Gateway.Endpoints;

/// <summary>
/// Optimistic concurrency and idempotency over HTTP, the same for every area: a versioned resource is read with an
/// <c>ETag</c> (its version), edited with <c>If-Match</c> (the version the edit started from), and a write carries an
/// <c>Idempotency-Key</c> that the service keeps, so a retried write happens once.
/// </summary>
public static class VersionHeaders
{
    public static string ETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static void SetETag(HttpResponse response, long version) => response.Headers.ETag = ETag(version);

    /// <summary>The version in an If-Match header ("5", W/"5" or 5); null when absent and not required.</summary>
    public static long? IfMatch(HttpRequest request, bool required)
    {
        var value = request.Headers.IfMatch.ToString().Trim();
        if (value.Length == 0)
        {
            if (required) throw new BadHttpRequestException("The If-Match header with the version read (its ETag) is required.", StatusCodes.Status428PreconditionRequired);
            return null;
        }
        if (value.StartsWith("W/", StringComparison.Ordinal)) value = value[2..];
        if (long.TryParse(value.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version)) return version;
        throw new BadHttpRequestException("The If-Match header must carry the version as the ETag gave it.");
    }

    /// <summary>
    /// The version a write is based on, one rule for every area: the <c>If-Match</c> header (an ETag as the GET answers
    /// gave it) or else the body's expected version; 0 when neither is given, which the services refuse naming the field.
    /// </summary>
    public static long Expected(HttpRequest request, long? fromBody) => IfMatch(request, required: false) ?? fromBody ?? 0;

    /// <summary>The client's idempotency key, required on every write (checked for all of them by <c>IdempotencyKeys</c>).</summary>
    public static string IdempotencyKey(HttpRequest request) =>
        IdempotencyKeyProblem(request) is { } problem ? throw new BadHttpRequestException(problem) : request.Headers[IdempotencyKeyHeader].ToString();

    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>What is wrong with the request's idempotency key (1 to 100 characters), or null when it is usable.</summary>
    public static string? IdempotencyKeyProblem(HttpRequest request)
    {
        var key = request.Headers[IdempotencyKeyHeader].ToString();
        if (string.IsNullOrWhiteSpace(key)) return "The Idempotency-Key header is required on writes: a new value per request, the same value for its retries.";
        if (key.Length > 100) return "The Idempotency-Key header may be at most 100 characters.";
        return null;
    }
}
