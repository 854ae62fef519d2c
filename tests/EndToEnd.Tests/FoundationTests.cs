using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GenderArchitecture.TestSupport;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace GenderArchitecture.EndToEnd.Tests;

[Collection(SuiteCollection.Name)]
public sealed class FoundationTests(SuiteFixture fixture)
{
    [Fact]
    public async Task The_gateway_lists_the_seeded_institutions_from_the_structure_service()
    {
        var institutions = await fixture.Client().GetFromJsonAsync<JsonElement[]>("/api/v1/institutions");

        var ids = institutions!.Select(i => i.GetProperty("id").GetString()).ToArray();
        Assert.Contains("kp", ids);
        Assert.Contains("kpc", ids);
        Assert.Contains("judiciary", ids);
        Assert.Equal("police", institutions!.Single(i => i.GetProperty("id").GetString() == "kp").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Training_and_reporting_answer_through_the_gateway()
    {
        var client = fixture.Client(TestTokens.For("oversight"));

        var curricula = await client.GetFromJsonAsync<JsonElement>("/api/v1/training/curricula");
        var forms = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/reporting/forms");

        Assert.Contains(curricula.GetProperty("items").EnumerateArray(), c => c.GetProperty("code").GetString() == "kp-gender-5day");
        Assert.Contains(forms!, f => f.GetProperty("id").GetString() == "station-monthly");
    }

    [Theory]
    [InlineData("Structure")]
    [InlineData("Training")]
    [InlineData("Reporting")]
    public async Task Each_service_reports_serving_on_the_grpc_health_protocol(string service)
    {
        using var channel = GrpcChannel.ForAddress(fixture.Suite.GrpcAddress(service));
        var health = new Health.HealthClient(channel);

        var response = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        var response = await fixture.Client().GetAsync("/api/v1/nowhere");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_malformed_body_is_a_400_problem_naming_the_field_and_no_stack_trace()
    {
        var body = new StringContent("""{"role": 42}""", Encoding.UTF8, "application/json");

        var response = await fixture.Client().PostAsync("/api/v1/dev/tokens", body);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty("role", out _), text);
        Assert.DoesNotContain("   at ", text);
    }

    [Fact]
    public async Task An_unknown_json_field_is_refused_with_400()
    {
        var body = new StringContent("""{"role": "oversight", "isAdmin": true}""", Encoding.UTF8, "application/json");

        var response = await fixture.Client().PostAsync("/api/v1/dev/tokens", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("isAdmin", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_forged_or_expired_token_is_refused()
    {
        var genuine = TestTokens.For("oversight");
        var parts = genuine.Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{parts[2][..^4]}AAAA";
        var expired = TestTokens.For("oversight", time: new ShiftedTime(TimeSpan.FromHours(-10)), lifetime: TimeSpan.FromHours(1));

        var forgedResponse = await fixture.Client(forged).GetAsync("/api/v1/training/curricula");
        var expiredResponse = await fixture.Client(expired).GetAsync("/api/v1/training/curricula");
        var genuineResponse = await fixture.Client(genuine).GetAsync("/api/v1/training/curricula");

        Assert.Equal(HttpStatusCode.Unauthorized, forgedResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expiredResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, genuineResponse.StatusCode);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413_before_it_is_read()
    {
        // Expect: 100-continue, so the client sends the body only if asked: the refusal comes on the headers alone,
        // and the client never races the server's closing of the connection while it is still writing (a broken pipe).
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/dev/tokens")
        {
            Content = new StringContent(new string('x', 2 * 1024 * 1024), Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;

        var response = await fixture.Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_is_served_at_a_stable_url()
    {
        var document = await fixture.Client().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/institutions", out _));
    }

    private sealed class ShiftedTime(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }
}
