using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.TestSupport;

namespace GenderArchitecture.EndToEnd.Tests;

/// <summary>
/// The write contract on the running suite, generated from the gateway's OpenAPI document like the authorisation
/// matrix: each write's matrix sample (a request that succeeds for an allowed caller), sent without its
/// <c>Idempotency-Key</c>, is a 400 naming the header, and the record it would have changed reads the same afterwards.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class WriteContractTests(SuiteFixture fixture)
{
    /// <summary>The gateway's exemptions (gateway/Hosting/IdempotencyKeys.cs), which Gateway.Tests checks against the map.</summary>
    private static readonly HashSet<string> Exempt = ["POST /api/v1/dev/tokens"];

    private static bool IsWrite(string method) => method is "POST" or "PUT" or "PATCH" or "DELETE";

    /// <summary>A token of the first role the operation allows, in the samples' scope (Prishtina station and region, KP).</summary>
    internal static string Token(string operation)
    {
        var role = SuitePolicies.For(operation).Roles.First();
        return TestTokens.For(role, units: role == SuiteRoles.FocalPoint ? ["kp-station-prishtina"] : role == SuiteRoles.Reviewer ? ["kp-region-prishtina"] : null,
            institution: role == SuiteRoles.TrainingOfficer ? "kp" : null, subject: MatrixArrange.Unique("contract"));
    }

    [Fact]
    public async Task Every_write_without_an_idempotency_key_is_400_naming_the_header_and_changes_nothing()
    {
        var routes = await GeneratedAuthorizationMatrixTests.PublishedRoutesAsync(fixture);
        var writes = routes.Where(r => IsWrite(r.Method) && !Exempt.Contains($"{r.Method} {r.Path}")).ToList();
        var arrange = new MatrixArrange(fixture);
        var failures = new List<string>();
        var compared = 0;

        foreach (var write in writes)
        {
            using var sample = await MatrixSamples.All[$"{write.Method} {write.Path}"].Create(arrange);
            sample.Headers.Remove("Idempotency-Key");
            var client = fixture.PlainClient(Token(write.Operation));
            // The record a by-id write would change, read before and after (the by-id read, where the route has one).
            var read = write.Path.Contains("{id}", StringComparison.Ordinal) ? ReadPath(write.Path, sample.RequestUri!) : null;
            var before = read is null ? null : await ReadAsync(client, read);

            using var response = await client.SendAsync(sample);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.BadRequest || !body.Contains("\"Idempotency-Key\"", StringComparison.Ordinal))
            {
                failures.Add($"{write.Method} {write.Path}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
            }
            if (read is not null && before is not null)
            {
                compared++;
                if (await ReadAsync(client, read) != before) failures.Add($"{write.Method} {write.Path}: {read} changed");
            }
        }

        Assert.True(writes.Count >= 40, $"only {writes.Count} writes published");
        Assert.True(compared >= 10, $"only {compared} records compared");
        Assert.True(failures.Count == 0, $"{failures.Count} of {writes.Count} writes:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_published_write_is_in_the_generated_set_and_declares_the_key()
    {
        var document = await fixture.Client().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var writes = (await GeneratedAuthorizationMatrixTests.PublishedRoutesAsync(fixture)).Where(r => IsWrite(r.Method)).Select(r => $"{r.Method} {r.Path}").ToHashSet();
        var declaring = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Value.TryGetProperty("parameters", out var ps)
                    && ps.EnumerateArray().Any(x => x.GetProperty("name").GetString() == "Idempotency-Key" && x.TryGetProperty("required", out var r) && r.GetBoolean()))
                .Select(o => $"{o.Name.ToUpperInvariant()} {p.Name}"))
            .ToHashSet();

        Assert.Empty(writes.Except(Exempt).Except(declaring).Order());
        Assert.Empty(declaring.Except(writes).Order());
        Assert.Empty(writes.Except(MatrixSamples.All.Keys).Order());
    }

    /// <summary>The by-id read of the record a write names: the path up to and with its id (…/reports/{id}/submit → …/reports/{id}).</summary>
    private static string? ReadPath(string template, Uri uri)
    {
        var parts = template.Split('/');
        var position = Array.IndexOf(parts, "{id}");
        var actual = uri.OriginalString.Split('?')[0].Split('/');
        return string.Join('/', actual.Take(position + 1));
    }

    /// <summary>The record as read (null when there is no by-id read of it), without what changes between reads of the same state.</summary>
    private static async Task<string?> ReadAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : null;
    }
}
