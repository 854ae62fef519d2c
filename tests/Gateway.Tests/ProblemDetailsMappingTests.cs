using GenderArchitecture.Gateway.Errors;
using GenderArchitecture.ServiceDefaults.Errors;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace GenderArchitecture.Gateway.Tests;

public sealed class ProblemDetailsMappingTests
{
    [Fact]
    public void Invalid_argument_becomes_400_with_each_field_violation()
    {
        var error = RpcErrors.InvalidArgument([new("opened_on", "must be a date"), new("name", "must not be empty"), new("name", "too long")]);

        var problem = Assert.IsType<HttpValidationProblemDetails>(ProblemDetailsExceptionHandler.FromRpc(error));

        Assert.Equal(400, problem.Status);
        Assert.Equal(["must be a date"], problem.Errors["opened_on"]);
        Assert.Equal(["must not be empty", "too long"], problem.Errors["name"]);
    }

    [Fact]
    public void Aborted_becomes_409_carrying_the_current_version()
    {
        var problem = ProblemDetailsExceptionHandler.FromRpc(RpcErrors.Aborted("report", "r-1", 7));

        Assert.Equal(409, problem.Status);
        Assert.Equal(7L, problem.Extensions["currentVersion"]);
    }

    [Fact]
    public void Failed_precondition_becomes_422_naming_the_rule()
    {
        var problem = ProblemDetailsExceptionHandler.FromRpc(
            RpcErrors.FailedPrecondition("FOCAL_POINT_OVERLAP", "kp-station-peja", "Station already has a focal point: A. Krasniqi"));

        Assert.Equal(422, problem.Status);
        Assert.Contains("Krasniqi", problem.Detail);
        Assert.NotNull(problem.Extensions["violations"]);
    }

    [Theory]
    [InlineData(StatusCode.NotFound, 404)]
    [InlineData(StatusCode.AlreadyExists, 409)]
    [InlineData(StatusCode.PermissionDenied, 403)]
    [InlineData(StatusCode.Unauthenticated, 401)]
    [InlineData(StatusCode.Unavailable, 503)]
    [InlineData(StatusCode.DeadlineExceeded, 504)]
    [InlineData(StatusCode.ResourceExhausted, 429)]
    [InlineData(StatusCode.Internal, 502)]
    [InlineData(StatusCode.Unknown, 502)]
    public void Each_status_code_has_its_http_answer(StatusCode code, int expected)
    {
        var problem = ProblemDetailsExceptionHandler.FromRpc(new RpcException(new Status(code, "detail")));

        Assert.Equal(expected, problem.Status);
    }

    [Fact]
    public void An_internal_error_does_not_pass_the_services_message_on()
    {
        var problem = ProblemDetailsExceptionHandler.FromRpc(new RpcException(new Status(StatusCode.Internal, "Npgsql connection string Password=secret")));

        Assert.DoesNotContain("secret", problem.Detail);
    }
}
