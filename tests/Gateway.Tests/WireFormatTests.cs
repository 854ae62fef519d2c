using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GenderArchitecture.Gateway.Tests;

/// <summary>
/// One paging format and one enum spelling on the wire, read from the gateway's OpenAPI document so a new endpoint is
/// checked without a line here: a list answers <c>items</c> and <c>nextPageToken</c> and takes exactly <c>pageSize</c>
/// and <c>pageToken</c>; no operation pages any other way; every enum value is snake_case lower.
/// </summary>
public sealed partial class WireFormatTests
{
    /// <summary>Spellings of paging that are not the suite's (compared without case, so PageSize is caught as well).</summary>
    private static readonly HashSet<string> OtherPagingNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "offset", "skip", "page", "limit", "take", "top", "cursor", "after", "pageNumber", "pageIndex", "perPage", "continuationToken",
        "nextToken", "nextCursor", "nextPage", "nextOffset", "totalPages",
    };

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCaseLower();

    private static async Task<JsonElement> DocumentAsync()
    {
        await using var gateway = new GatewayApp();
        return await gateway.PlainClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
    }

    [Fact]
    public async Task Every_list_takes_pageSize_and_pageToken_and_answers_items_and_nextPageToken()
    {
        var document = await DocumentAsync();
        var failures = new List<string>();
        var lists = 0;
        foreach (var (method, path, operation) in Operations(document))
        {
            var answer = Responses(document, operation).Select(s => Properties(document, s)).FirstOrDefault(p => p.ContainsKey("nextPageToken"));
            var parameters = Parameters(operation).ToList();
            var paging = parameters.Where(p => p.Name.Equals("pageSize", StringComparison.OrdinalIgnoreCase) || p.Name.Equals("pageToken", StringComparison.OrdinalIgnoreCase)).ToList();
            if (answer is null)
            {
                if (paging.Count > 0) failures.Add($"{method} {path} takes {string.Join(", ", paging.Select(p => p.Name))} but answers no nextPageToken");
                continue;
            }
            lists++;
            foreach (var name in new[] { "pageSize", "pageToken" })
            {
                if (!parameters.Contains((name, "query"))) failures.Add($"{method} {path} answers nextPageToken but takes no query parameter '{name}'");
            }
            if (!answer.TryGetValue("items", out var items)
                // The generic page's items may be documented without a type; when one is given it is an array.
                || (Resolve(document, items).TryGetProperty("type", out var type) && !type.ToString().Contains("array", StringComparison.Ordinal)))
            {
                failures.Add($"{method} {path} answers nextPageToken without an 'items' array");
            }
        }

        Assert.True(lists >= 15, $"only {lists} lists found");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task No_operation_or_answer_uses_another_paging_spelling()
    {
        var document = await DocumentAsync();
        var failures = new List<string>();
        foreach (var (method, path, operation) in Operations(document))
        {
            foreach (var (name, _) in Parameters(operation))
            {
                if (OtherPagingNames.Contains(name) || (name is not ("pageSize" or "pageToken") && name.StartsWith("page", StringComparison.OrdinalIgnoreCase)))
                {
                    failures.Add($"{method} {path} takes '{name}'");
                }
            }
        }
        foreach (var schema in document.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            foreach (var name in Properties(document, schema.Value).Keys)
            {
                if (OtherPagingNames.Contains(name) || (name != "nextPageToken" && name.Contains("cursor", StringComparison.OrdinalIgnoreCase)))
                {
                    failures.Add($"schema {schema.Name} has '{name}'");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_enum_value_in_the_document_is_snake_case_lower()
    {
        var document = await DocumentAsync();
        var values = new List<(string Where, string Value)>();
        Collect(document, "$", values);

        Assert.True(values.Count >= 10, $"only {values.Count} enum values found");
        Assert.Empty(values.Where(v => !SnakeCaseLower().IsMatch(v.Value)).Select(v => $"{v.Where}: '{v.Value}'"));
    }

    [Fact]
    public async Task Every_query_and_path_parameter_and_every_answer_property_is_camelCase()
    {
        var document = await DocumentAsync();
        var failures = new List<string>();
        foreach (var (method, path, operation) in Operations(document))
        {
            failures.AddRange(Parameters(operation).Where(p => p.In is "query" or "path" && !CamelCase().IsMatch(p.Name))
                .Select(p => $"{method} {path} takes {p.In} parameter '{p.Name}'"));
        }
        foreach (var schema in document.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            failures.AddRange(Properties(document, schema.Value).Keys.Where(name => !CamelCase().IsMatch(name)).Select(name => $"schema {schema.Name} has '{name}'"));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [GeneratedRegex("^[a-z][a-zA-Z0-9]*$")]
    private static partial Regex CamelCase();

    private static void Collect(JsonElement element, string where, List<(string, string)> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "enum" && property.Value.ValueKind == JsonValueKind.Array)
                    {
                        values.AddRange(property.Value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => (where, v.GetString()!)));
                    }
                    else Collect(property.Value, $"{where}.{property.Name}", values);
                }
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray()) Collect(item, $"{where}[{i++}]", values);
                break;
        }
    }

    private static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Name != "parameters")
                .Select(o => (o.Name.ToUpperInvariant(), p.Name, o.Value)));

    private static IEnumerable<(string Name, string In)> Parameters(JsonElement operation) =>
        operation.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!))
            : [];

    private static IEnumerable<JsonElement> Responses(JsonElement document, JsonElement operation) =>
        operation.TryGetProperty("responses", out var responses)
            ? responses.EnumerateObject().Where(r => r.Name.StartsWith('2') && r.Value.TryGetProperty("content", out _))
                .SelectMany(r => r.Value.GetProperty("content").EnumerateObject().Where(c => c.Value.TryGetProperty("schema", out _))
                    .Select(c => Resolve(document, c.Value.GetProperty("schema"))))
            : [];

    private static Dictionary<string, JsonElement> Properties(JsonElement document, JsonElement schema) =>
        Resolve(document, schema).TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().ToDictionary(p => p.Name, p => p.Value)
            : [];

    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var reference))
        {
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
        }
        return schema;
    }
}
