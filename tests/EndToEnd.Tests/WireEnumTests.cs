using System.Text.Json;
using System.Text.RegularExpressions;

namespace GenderArchitecture.EndToEnd.Tests;

/// <summary>
/// One enum spelling on the wire. The gateway's document lists the values of the enums its DTOs type as enums (checked in
/// Gateway.Tests); many DTOs carry a service's enum as a string, which the document cannot list. So every string the
/// answers of every published read carry (each read's matrix sample, as a caller it allows) that spells a value of a
/// protos/ enum must spell it snake_case lower without the enum's prefix: "senior_officer", never "SeniorOfficer",
/// "SENIOR_OFFICER", "seniorofficer" or "rank_band_senior_officer".
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed partial class WireEnumTests(SuiteFixture fixture)
{
    [GeneratedRegex(@"enum\s+(\w+)\s*\{([^}]*)\}")]
    private static partial Regex EnumBlock();

    [GeneratedRegex(@"^\s*([A-Z][A-Z0-9_]*)\s*=\s*\d+\s*;", RegexOptions.Multiline)]
    private static partial Regex EnumValue();

    [GeneratedRegex("(?<=[a-z0-9])(?=[A-Z])")]
    private static partial Regex WordStart();

    /// <summary>Every value of every enum in protos/: its wire spelling, keyed by its spelling without case and underscores.</summary>
    private static Dictionary<string, (string Wire, string Proto)> ProtoEnumValues()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !Directory.Exists(Path.Combine(root.FullName, "protos"))) root = root.Parent;
        Assert.NotNull(root);
        var values = new Dictionary<string, (string, string)>();
        foreach (var file in Directory.GetFiles(Path.Combine(root.FullName, "protos"), "*.proto", SearchOption.AllDirectories))
        {
            foreach (Match block in EnumBlock().Matches(File.ReadAllText(file)))
            {
                var prefix = WordStart().Replace(block.Groups[1].Value, "_").ToUpperInvariant() + "_";
                foreach (Match value in EnumValue().Matches(block.Groups[2].Value))
                {
                    var proto = value.Groups[1].Value;
                    if (!proto.StartsWith(prefix, StringComparison.Ordinal) || proto.EndsWith("_UNSPECIFIED", StringComparison.Ordinal)) continue;
                    var wire = proto[prefix.Length..].ToLowerInvariant();
                    values.TryAdd(Squash(wire), (wire, proto));
                }
            }
        }
        return values;
    }

    private static string Squash(string value) => value.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();

    [Fact]
    public async Task Every_enum_value_in_the_answers_of_every_read_is_snake_case_lower()
    {
        var enums = ProtoEnumValues();
        var routes = (await GeneratedAuthorizationMatrixTests.PublishedRoutesAsync(fixture)).Where(r => r.Method == "GET").ToList();
        var arrange = new MatrixArrange(fixture);
        var failures = new List<string>();
        var seen = 0;

        foreach (var route in routes)
        {
            using var request = await MatrixSamples.All[$"{route.Method} {route.Path}"].Create(arrange);
            var client = SuitePoliciesAllowAnonymous(route.Operation) ? fixture.Client() : fixture.Client(WriteContractTests.Token(route.Operation));
            using var response = await client.SendAsync(request);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType?.Contains("json") != true) continue;
            var strings = new List<(string Where, string Value)>();
            Collect(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement, "$", strings);
            foreach (var (where, value) in strings)
            {
                var proto = enums.Values.FirstOrDefault(e => string.Equals(value, e.Proto, StringComparison.OrdinalIgnoreCase)).Proto;
                if (!enums.TryGetValue(Squash(value), out var known) && proto is null) continue;
                seen++;
                var expected = proto is not null ? enums.Values.First(e => e.Proto == proto).Wire : known.Wire;
                if (value != expected) failures.Add($"GET {route.Path} {where}: '{value}', the wire spelling is '{expected}'");
            }
        }

        Assert.True(seen >= 50, $"only {seen} enum values seen");
        Assert.True(failures.Count == 0, $"{failures.Count} values spelled otherwise:\n" + string.Join("\n", failures.Distinct().Take(60)));
    }

    private static bool SuitePoliciesAllowAnonymous(string operation) => GenderArchitecture.ServiceDefaults.Auth.SuitePolicies.For(operation).Anonymous;

    private static bool DisplayText(string property) =>
        property.EndsWith("name", StringComparison.OrdinalIgnoreCase) || property is "title" or "label" or "description" or "agenda" or "comment" or "reason" or "text";

    private static void Collect(JsonElement element, string where, List<(string, string)> strings)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject()) Collect(property.Value, $"{where}.{property.Name}", strings);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) Collect(item, $"{where}[]", strings);
                break;
            // Display text (a name, title or label such as "Female") is for people, not an enum value on the wire.
            case JsonValueKind.String when !DisplayText(where[(where.LastIndexOf('.') + 1)..]):
                strings.Add((where, element.GetString()!));
                break;
        }
    }
}
