using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GenderArchitecture.TestSupport;

namespace GenderArchitecture.EndToEnd.Tests;

/// <summary>
/// A record outside the caller's scope answers exactly as an unknown one does (status and body), and community is
/// shown to administrators only. Who may call what is proved cell by cell by <see cref="GeneratedAuthorizationMatrixTests"/>.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class ExistenceOracleTests(SuiteFixture fixture)
{
    [Fact]
    public async Task Another_institutions_officer_and_an_unknown_id_answer_the_same_404_and_only_administrators_see_community()
    {
        var page = await fixture.Client(TestTokens.For("administrator")).GetFromJsonAsync<JsonElement>("/api/v1/units/kp-station-peja/personnel?pageSize=1");
        var kpPerson = page.GetProperty("items")[0].GetProperty("id").GetString()!;
        var unknown = Guid.NewGuid().ToString();
        var kpc = fixture.Client(TestTokens.For("training_officer", institution: "kpc"));

        var outOfScope = await kpc.GetAsync($"/api/v1/personnel/{kpPerson}");
        var missing = await kpc.GetAsync($"/api/v1/personnel/{unknown}");
        var byTrainingOfficer = await fixture.Client(TestTokens.For("training_officer", institution: "kp")).GetFromJsonAsync<JsonElement>($"/api/v1/personnel/{kpPerson}");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (outOfScope.StatusCode, missing.StatusCode));
        var (a, b) = (await outOfScope.Content.ReadFromJsonAsync<JsonElement>(), await missing.Content.ReadFromJsonAsync<JsonElement>());
        Assert.Equal((b.GetProperty("title").GetString(), b.GetProperty("detail").GetString()!.Replace(unknown, kpPerson)),
            (a.GetProperty("title").GetString(), a.GetProperty("detail").GetString()));
        Assert.Equal(JsonValueKind.Null, byTrainingOfficer.GetProperty("community").ValueKind);
    }
}
