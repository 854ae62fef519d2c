using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace GenderArchitecture.Gateway.Tests.Fuzz;

/// <summary>One malformed request: what it is, to which endpoint, as whom.</summary>
public sealed record FuzzCase(string Method, string Url, string? Body, string Role, string Description)
{
    public bool IsWrite => Method != "GET";
}

/// <summary>An /api endpoint of the gateway as its EndpointDataSource describes it: route, query and body inputs.</summary>
public sealed record ApiEndpoint(string Method, string Pattern, string[] RouteParameters, Dictionary<string, Type> Query, Type? Body)
{
    private static readonly HashSet<Type> Special = [typeof(HttpContext), typeof(HttpRequest), typeof(HttpResponse), typeof(CancellationToken), typeof(System.Security.Claims.ClaimsPrincipal)];

    public static IEnumerable<ApiEndpoint> From(EndpointDataSource source, IServiceProvider services)
    {
        var isService = (Microsoft.Extensions.DependencyInjection.IServiceProviderIsService)services.GetService(typeof(Microsoft.Extensions.DependencyInjection.IServiceProviderIsService))!;
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>().OrderBy(e => e.RoutePattern.RawText, StringComparer.Ordinal))
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            if (!pattern.StartsWith("/api/", StringComparison.Ordinal)) continue;
            var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToArray();
            var query = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
            Type? body = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
            if (endpoint.Metadata.GetMetadata<MethodInfo>() is { } method)
            {
                foreach (var p in method.GetParameters().SelectMany(Expand))
                {
                    var type = Nullable.GetUnderlyingType(p.Type) ?? p.Type;
                    if (p.FromHeaderOrServices || Special.Contains(type) || routeNames.Contains(p.Name, StringComparer.OrdinalIgnoreCase)) continue;
                    if (type == typeof(string) || type.IsPrimitive || type.IsEnum || type == typeof(DateOnly) || type == typeof(Guid)) query[p.Name] = type;
                    else if (!isService.IsService(p.Type) && body is null) body = p.Type;
                }
            }
            foreach (var verb in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                yield return new ApiEndpoint(verb, pattern, routeNames, query, body);
            }
        }
    }

    private static IEnumerable<(string Name, Type Type, bool FromHeaderOrServices)> Expand(ParameterInfo p)
    {
        if (p.GetCustomAttribute<AsParametersAttribute>() is not null)
        {
            return p.ParameterType.GetConstructors().Single().GetParameters().SelectMany(Expand);
        }
        var elsewhere = p.GetCustomAttribute<FromHeaderAttribute>() is not null || p.GetCustomAttribute<FromServicesAttribute>() is not null
            || p.GetCustomAttribute<Microsoft.Extensions.DependencyInjection.FromKeyedServicesAttribute>() is not null;
        return [(p.Name!, p.ParameterType, elsewhere)];
    }
}

/// <summary>
/// Generates malformed requests for every endpoint: wrong types, nulls, extremes, unknown and duplicate fields,
/// huge bodies, odd dates and unknown ids, in route, query and body. Deterministic for a seed.
/// </summary>
public static class FuzzCases
{
    public static readonly string[] Roles = ["administrator", "focal_point", "reviewer", "training_officer", "analyst", "oversight"];
    private static readonly string[] OddDates = ["9999-12-31", "0001-01-01", "10000-01-01", "2024-02-30", "2024-1-1", "-2024-01-01", "1899-12-31", "2200-01-01", "2024-12-31T25:00:00Z", "99999999"];
    private static readonly string[] OddStrings = ["", " ", "null", "no-such-id-00000", "../../etc/passwd", "%00", "' OR 1=1 --", "\u202e\u0000", "😀", new string('x', 5000)];
    private static readonly string[] OddNumbers = ["-1", "0", "2147483648", "-2147483649", "99999999999999999999", "1e308", "NaN", "1.5", "abc", "true"];
    private static readonly JsonNode?[] OddValues =
        [null, JsonValue.Create(-1), JsonValue.Create(long.MaxValue), JsonValue.Create(1e308), JsonValue.Create(0.5), JsonValue.Create(true), JsonValue.Create(""),
         JsonValue.Create(new string('y', 100_000)), JsonValue.Create("9999-12-31"), JsonValue.Create("0001-01-01"), JsonValue.Create("not-a-date"),
         new JsonArray(), new JsonArray((JsonNode?)null), new JsonObject(), new JsonObject { ["unexpected"] = 1 }];

    public static IEnumerable<FuzzCase> For(ApiEndpoint e, Random random)
    {
        string Role() => Roles[random.Next(Roles.Length)];
        string Url(Func<string, string>? route = null, string? query = null)
        {
            var path = e.Pattern;
            foreach (var name in e.RouteParameters)
            {
                var value = route?.Invoke(name) ?? Sample(name, typeof(string));
                path = path.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
            }
            return query is null ? path : path + "?" + query;
        }
        var baseQuery = string.Join("&", e.Query.Select(q => $"{q.Key}={Uri.EscapeDataString(Sample(q.Key, q.Value))}"));
        var baseBody = e.Body is null ? null : BaseObject(e.Body);

        // The route: unknown ids, odd text and odd dates in every segment.
        foreach (var name in e.RouteParameters)
        {
            // A NUL in a path never reaches the gateway (Kestrel refuses the request line); it stays in query and body cases.
            foreach (var odd in IsDate(name) ? OddDates : OddStrings.Where(s => s.Length > 0 && !s.Contains('\0')))
            {
                yield return new(e.Method, Url(n => n == name ? odd : Sample(n, typeof(string)), baseQuery), baseBody?.ToJsonString(), Role(), $"route {name}={Short(odd)}");
            }
        }
        // The query: wrong types, extremes, odd dates, repeated parameters, an unknown one.
        foreach (var (name, type) in e.Query)
        {
            var odd = IsDate(name) ? OddDates : (Nullable.GetUnderlyingType(type) ?? type) == typeof(string) ? OddStrings : OddNumbers.Concat(["maybe", ""]).ToArray();
            foreach (var value in odd)
            {
                var others = string.Join("&", e.Query.Where(q => q.Key != name).Select(q => $"{q.Key}={Uri.EscapeDataString(Sample(q.Key, q.Value))}"));
                yield return new(e.Method, Url(query: $"{others}&{name}={Uri.EscapeDataString(value)}"), baseBody?.ToJsonString(), Role(), $"query {name}={Short(value)}");
            }
            yield return new(e.Method, Url(query: $"{baseQuery}&{name}=a&{name}=b"), baseBody?.ToJsonString(), Role(), $"query {name} twice");
        }
        yield return new(e.Method, Url(query: $"{baseQuery}&unknownParameter=1"), baseBody?.ToJsonString(), Role(), "unknown query parameter");
        if (e.Method == "GET") yield break;

        // The body: not JSON, the wrong shape, and each member null, mistyped, extreme, odd or repeated.
        var url = Url(query: baseQuery);
        foreach (var (raw, what) in new[] { ("", "empty body"), ("null", "null body"), ("[]", "array body"), ("{", "truncated JSON"), ("\"text\"", "string body"),
                     ("{}", "empty object"), ("{\"a\":" + new string('[', 5000) + new string(']', 5000) + "}", "deep nesting"),
                     ("{\"x\":\"" + new string('z', 2_000_000) + "\"}", "body over the size limit") })
        {
            yield return new(e.Method, url, raw, Role(), what);
        }
        if (baseBody is null) yield break;
        foreach (var member in baseBody.Select(m => m.Key).ToArray())
        {
            foreach (var odd in OddValues)
            {
                var body = (JsonObject)baseBody.DeepClone();
                body[member] = odd?.DeepClone();
                yield return new(e.Method, url, body.ToJsonString(), Role(), $"body {member}={Short(odd?.ToJsonString() ?? "null")}");
            }
            var json = baseBody.ToJsonString();
            var repeated = json.Insert(json.Length - 1, $",\"{member}\":{baseBody[member]?.ToJsonString() ?? "null"}");
            yield return new(e.Method, url, repeated, Role(), $"body {member} twice");
            if (baseBody[member] is JsonArray { Count: > 0 } items)
            {
                var huge = (JsonObject)baseBody.DeepClone();
                huge[member] = new JsonArray(Enumerable.Range(0, 5000).Select(i => items[0]!.DeepClone()).ToArray());
                yield return new(e.Method, url, huge.ToJsonString(), Role(), $"body {member} with 5000 items");
                var nulls = (JsonObject)baseBody.DeepClone();
                nulls[member] = new JsonArray(null, items[0]!.DeepClone());
                yield return new(e.Method, url, nulls.ToJsonString(), Role(), $"body {member} with a null item");
            }
        }
        var unknown = (JsonObject)baseBody.DeepClone();
        unknown["unknownField"] = "x";
        yield return new(e.Method, url, unknown.ToJsonString(), Role(), "unknown body field");
    }

    private static bool IsDate(string name) => Hosting.DateParameters.IsDateName(name);

    private static string Short(string text) => text.Length <= 24 ? text : text[..24] + $"…({text.Length})";

    /// <summary>A plausible value: the fuzzing starts from a request that could pass, so each case differs in one place.</summary>
    private static string Sample(string name, Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (IsDate(name)) return "2025-01-01";
        if (type == typeof(int) || type == typeof(long)) return "10";
        if (type == typeof(bool)) return "false";
        return name.ToLowerInvariant() switch
        {
            "formid" => "station-monthly",
            "stationid" or "unitid" => "kp-station-prishtina-1",
            "institution" or "institutionid" or "rootunitid" => "kp",
            "elementid" => "dv-cases-reported",
            _ => "sample",
        };
    }

    private static JsonObject BaseObject(Type type, int depth = 0)
    {
        var body = new JsonObject();
        var parameters = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()?.GetParameters() ?? [];
        foreach (var p in parameters)
        {
            body[JsonName(p.Name!)] = BaseValue(p.Name!, p.ParameterType, depth);
        }
        return body;
    }

    private static JsonNode? BaseValue(string name, Type type, int depth)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) return JsonValue.Create(Sample(name, type));
        if (type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(decimal)) return JsonValue.Create(1);
        if (type == typeof(bool)) return JsonValue.Create(false);
        if (type.IsEnum) return JsonValue.Create(ToSnake(Enum.GetNames(type).Last()));
        if (type.IsArray || (type.IsGenericType && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))))
        {
            var item = type.IsArray ? type.GetElementType()! : type.GetGenericArguments()[0];
            return depth > 2 ? new JsonArray() : new JsonArray(BaseValue(name, item, depth + 1));
        }
        return depth > 2 ? new JsonObject() : BaseObject(type, depth + 1);
    }

    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static string ToSnake(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    public static StringContent? Content(string? body) => body is null ? null : new StringContent(body, Encoding.UTF8, "application/json");
}
