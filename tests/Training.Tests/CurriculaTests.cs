using GenderArchitecture.TestSupport;
using GenderArchitecture.Training.V1;
using Grpc.Core;

namespace GenderArchitecture.Training.Tests;

public sealed class CurriculaTests
{
    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Seeded_curricula_are_listed_newest_version_first(DatabaseKind kind)
    {
        await using var app = await GrpcServiceApp<Program>.StartAsync("Training", kind);
        var client = new TrainingService.TrainingServiceClient(app.CreateChannel(TestTokens.For("training_officer", institution: "kp")));

        var response = await client.ListCurriculaAsync(new ListCurriculaRequest());

        Assert.Contains(response.Curricula, c => c.Code == "kp-gender-5day" && c.TotalHours == 40);
        Assert.Contains(response.Curricula, c => c.Code == "kji-gender-justice");
    }

    [Fact]
    public async Task Curricula_need_a_token()
    {
        await using var app = await GrpcServiceApp<Program>.StartAsync("Training", DatabaseKind.Sqlite);
        var client = new TrainingService.TrainingServiceClient(app.CreateChannel(token: null));

        var error = await Assert.ThrowsAsync<RpcException>(() => client.ListCurriculaAsync(new ListCurriculaRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }
}
