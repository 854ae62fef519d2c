using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GenderArchitecture.TestSupport;

namespace GenderArchitecture.EndToEnd.Tests;

/// <summary>Training's edits take the version they start from as the other areas' do: the ETag of the read, sent back as If-Match.</summary>
[Collection(SuiteCollection.Name)]
public sealed class TrainingVersionHeaderTests(SuiteFixture fixture)
{
    private readonly HttpClient _admin = fixture.Client(TestTokens.Administrator());

    [Fact]
    public async Task A_curriculum_is_edited_with_the_ETag_it_was_read_with_as_If_Match_and_a_stale_one_conflicts()
    {
        var seeded = (await _admin.GetFromJsonAsync<JsonElement>("/api/v1/training/curricula?institutionId=kp")).GetProperty("items")[0];
        var content = new[] { "title", "modules", "audiences", "prerequisiteCodes", "passMark", "minimumAttendancePercent", "validityMonths", "recertificationWindowMonths", "mandates" }
            .Where(n => seeded.TryGetProperty(n, out _)).ToDictionary(n => n, n => seeded.GetProperty(n));
        var created = await SendAsync(HttpMethod.Post, "/api/v1/training/curricula", new { code = $"etag-{Guid.NewGuid():N}"[..20], institutionId = "kp", content });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var read = await _admin.GetAsync($"/api/v1/training/curricula/{id}");
        var etag = read.Headers.ETag!.Tag;
        var edited = await SendAsync(HttpMethod.Put, $"/api/v1/training/curricula/{id}", new { content }, etag);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.NotEqual(etag, edited.Headers.ETag!.Tag);

        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(HttpMethod.Put, $"/api/v1/training/curricula/{id}", new { content }, etag)).StatusCode);
        // Neither If-Match nor expectedRevision: the version rule names what is missing.
        var unversioned = await SendAsync(HttpMethod.Put, $"/api/v1/training/curricula/{id}", new { content });
        Assert.Equal(HttpStatusCode.BadRequest, unversioned.StatusCode);
        Assert.Contains("expected_revision", await unversioned.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_certificate_is_revoked_with_the_ETag_it_was_read_with_as_If_Match_and_a_stale_one_conflicts()
    {
        var officer = $"ETAG-{Guid.NewGuid():N}"[..14];
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, "/api/v1/personnel", new
        {
            institutionId = "kp", serviceNumber = officer, givenName = "Etag", familyName = "Test", sex = "female", rankCode = "officer",
            unitId = "kp-station-prishtina", serviceStart = "2015-01-01",
        })).StatusCode);
        using var import = new HttpRequestMessage(HttpMethod.Post, "/api/v1/training/certificates/import?institutionId=kp")
        {
            Content = new StringContent($"service_number,curriculum,completion_date,result\n{officer},kp-gender-5day,2024-03-15,pass", Encoding.UTF8, "text/csv"),
        };
        import.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.OK, (await _admin.SendAsync(import)).StatusCode);
        var certificate = (await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/training/certificates?institutionId=kp&serviceNumber={officer}")).GetProperty("items")[0];
        var id = certificate.GetProperty("id").GetString();

        var etag = (await _admin.GetAsync($"/api/v1/training/certificates/{id}")).Headers.ETag!.Tag;
        var revoked = await SendAsync(HttpMethod.Post, $"/api/v1/training/certificates/{id}/revocation", new { reason = "Issued in error" }, etag);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Contains("revoked", (await revoked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Conflict,
            (await SendAsync(HttpMethod.Post, $"/api/v1/training/certificates/{id}/revocation", new { reason = "Again" }, etag)).StatusCode);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return _admin.SendAsync(request);
    }
}
