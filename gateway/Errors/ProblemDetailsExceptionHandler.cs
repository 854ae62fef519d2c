using System.Text.Json;
using GenderArchitecture.Gateway.Auth;
using Google.Rpc;
using Grpc.Core;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace GenderArchitecture.Gateway.Errors;

/// <summary>
/// The one place where errors become HTTP answers: a service's gRPC status (with its rich details) or a malformed
/// request becomes a ProblemDetails with the matching status code. Nothing else reaches the client as a 500 with
/// details; stack traces never do.
/// </summary>
public sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger, TimeProvider time) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            RpcException rpc => FromRpc(rpc),
            BadHttpRequestException bad => FromBadRequest(bad),
            JsonException json => Malformed(json),
            _ => null,
        };
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error for {Method} {Path}", http.Request.Method, http.Request.Path);
            problem = new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "An unexpected error occurred." };
        }
        else if (problem.Status is 401 or 403)
        {
            // Refused by a service (scope checks live there too): audited like the gateway's own refusals.
            AuthorizationAudit.Refused(logger, time, http, problem.Status == 403 ? "forbidden by service" : "unauthenticated by service");
        }
        else if (problem.Status >= 500)
        {
            logger.LogWarning("{Method} {Path} answered {Status}: {Detail}", http.Request.Method, http.Request.Path, problem.Status, problem.Detail);
        }

        http.Response.StatusCode = problem.Status ?? 500;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    public static ProblemDetails FromRpc(RpcException rpc)
    {
        var status = rpc.GetRpcStatus();
        var detail = status?.Message ?? rpc.Status.Detail;
        switch (rpc.StatusCode)
        {
            case StatusCode.InvalidArgument:
                var violations = status?.GetDetail<BadRequest>()?.FieldViolations;
                var errors = violations is { Count: > 0 }
                    ? violations.GroupBy(v => v.Field).ToDictionary(g => g.Key, g => g.Select(v => v.Description).ToArray())
                    : new Dictionary<string, string[]>();
                var invalid = new HttpValidationProblemDetails(errors) { Status = 400, Title = "The request is invalid.", Detail = detail };
                // Services name at most the first violations (RpcErrors.MaxViolations); the count says how many there were.
                invalid.Extensions["violationCount"] = status?.GetDetail<ErrorInfo>()?.Metadata is { } counted
                    && counted.TryGetValue("violation_count", out var count) ? int.Parse(count, System.Globalization.CultureInfo.InvariantCulture)
                    : violations?.Count ?? 0;
                return invalid;
            case StatusCode.FailedPrecondition:
                var failure = status?.GetDetail<PreconditionFailure>();
                var precondition = new ProblemDetails { Status = 422, Title = "The request breaks a rule.", Detail = detail };
                if (failure is { Violations.Count: > 0 })
                {
                    precondition.Extensions["violations"] = failure.Violations.Select(v => new { v.Type, v.Subject, v.Description }).ToArray();
                }
                return precondition;
            case StatusCode.Aborted:
                var conflict = new ProblemDetails { Status = 409, Title = "The resource was changed by someone else.", Detail = detail };
                if (status?.GetDetail<ErrorInfo>()?.Metadata is { } meta && meta.TryGetValue("current_version", out var version))
                {
                    conflict.Extensions["currentVersion"] = long.Parse(version, System.Globalization.CultureInfo.InvariantCulture);
                }
                return conflict;
            case StatusCode.AlreadyExists:
                return new ProblemDetails { Status = 409, Title = "The resource already exists.", Detail = detail };
            case StatusCode.NotFound:
                return new ProblemDetails { Status = 404, Title = "Not found.", Detail = detail };
            case StatusCode.PermissionDenied:
                return new ProblemDetails { Status = 403, Title = "Forbidden.", Detail = detail };
            case StatusCode.Unauthenticated:
                return new ProblemDetails { Status = 401, Title = "Authentication is required.", Detail = detail };
            case StatusCode.ResourceExhausted:
                return new ProblemDetails { Status = 429, Title = "Too many requests.", Detail = detail };
            case StatusCode.Unavailable:
                return new ProblemDetails { Status = 503, Title = "A service is unavailable.", Detail = detail };
            case StatusCode.DeadlineExceeded:
                return new ProblemDetails { Status = 504, Title = "A service did not answer in time.", Detail = detail };
            case StatusCode.Cancelled:
                return new ProblemDetails { Status = 499, Title = "The request was cancelled.", Detail = detail };
            default:
                // A fault inside a service: the gateway itself is fine, the upstream answer was bad.
                return new ProblemDetails { Status = 502, Title = "A service failed to answer the request.", Detail = $"{rpc.StatusCode}" };
        }
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json) return Malformed(json);
        return new ProblemDetails { Status = bad.StatusCode, Title = "The request is malformed.", Detail = bad.Message };
    }

    private static HttpValidationProblemDetails Malformed(JsonException json)
    {
        var field = string.IsNullOrEmpty(json.Path) ? "body" : json.Path.TrimStart('$', '.');
        if (field.Length == 0) field = "body";
        // JsonException messages name the path and the expected type but never echo the input or internals.
        var message = json.Message.Split(" Path:", 2)[0];
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = 400,
            Title = "The request body is not valid JSON for this endpoint.",
        };
    }
}
