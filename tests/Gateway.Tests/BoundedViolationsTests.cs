using GenderArchitecture.Gateway.Errors;
using GenderArchitecture.ServiceDefaults.Errors;
using Microsoft.AspNetCore.Http;

namespace GenderArchitecture.Gateway.Tests;

/// <summary>
/// A request with thousands of invalid cells is still a 400: the error names the first violations and counts them
/// all, so it fits in the gRPC trailers (a few kilobytes) instead of failing the call as 503.
/// </summary>
public sealed class BoundedViolationsTests
{
    [Fact]
    public void Thousands_of_violations_keep_the_first_ones_and_the_total_within_a_few_kilobytes()
    {
        var violations = Enumerable.Range(0, 5000).Select(i => new FieldViolation($"values[{i}].number", "must be a whole number of at least 0")).ToArray();

        var error = RpcErrors.InvalidArgument(violations);

        var size = error.Trailers.Sum(t => t.Key.Length + (t.IsBinary ? t.ValueBytes.Length * 4 / 3 : t.Value.Length)) + error.Status.Detail.Length;
        Assert.True(size < 16 * 1024, $"the error takes {size} bytes of trailers");
        var problem = Assert.IsType<HttpValidationProblemDetails>(ProblemDetailsExceptionHandler.FromRpc(error));
        Assert.Equal(400, problem.Status);
        Assert.Equal(RpcErrors.MaxViolations, problem.Errors.Count);
        Assert.True(problem.Errors.ContainsKey("values[0].number"));
        Assert.Equal(5000, problem.Extensions["violationCount"]);
        Assert.Contains("5000", problem.Detail);
    }

    [Fact]
    public void A_few_violations_are_all_named_and_counted()
    {
        var problem = Assert.IsType<HttpValidationProblemDetails>(ProblemDetailsExceptionHandler.FromRpc(
            RpcErrors.InvalidArgument([new("a", "is required"), new("b", "is required")])));

        Assert.Equal(2, problem.Errors.Count);
        Assert.Equal(2, problem.Extensions["violationCount"]);
    }
}
