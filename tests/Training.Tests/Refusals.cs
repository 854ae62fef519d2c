using Google.Rpc;
using Grpc.Core;

namespace GenderArchitecture.Training.Tests;

/// <summary>Reads the rich error details the services attach to a refusal.</summary>
internal static class Refusals
{
    public static async Task<RpcException> Expect(StatusCode code, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(error.StatusCode == code, $"expected {code}, got {error.StatusCode}: {error.Status.Detail}");
        return error;
    }

    public static IReadOnlyList<string> Fields(this RpcException error) =>
        error.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field).ToList() ?? [];

    public static string Rule(this RpcException error) =>
        error.GetRpcStatus()?.GetDetail<PreconditionFailure>()?.Violations.Single().Type ?? "";
}
