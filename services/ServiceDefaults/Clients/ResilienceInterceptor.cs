using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace GenderArchitecture.ServiceDefaults.Clients;

/// <summary>
/// The one resilience layer of a gRPC client. gRPC statuses travel in trailers of an HTTP 200, so HTTP-level
/// handlers cannot see them; this works on <see cref="RpcException.StatusCode"/> instead.
/// - every call gets a deadline (unless the caller set a shorter one);
/// - methods marked <c>idempotency_level = NO_SIDE_EFFECTS</c> or <c>IDEMPOTENT</c> in the proto are retried on
///   Unavailable, with exponential backoff and jitter, within that same deadline; other methods never are;
/// - a circuit breaker stops calling a service that keeps failing and lets it recover (a caller's mistakes never count);
/// - Unavailable and DeadlineExceeded name the service, so the gateway can say which one is down.
/// </summary>
public sealed class ResilienceInterceptor : Interceptor
{
    private readonly string _service;
    private readonly DownstreamOptions _options;
    private readonly HashSet<string> _idempotentMethods;
    private readonly ResiliencePipeline _retrying;
    private readonly ResiliencePipeline _once;

    public ResilienceInterceptor(string service, ServiceDescriptor descriptor, DownstreamOptions options, ILogger<ResilienceInterceptor> logger)
    {
        _service = service;
        _options = options;
        _idempotentMethods = descriptor.Methods
            .Where(m => m.GetOptions()?.IdempotencyLevel is MethodOptions.Types.IdempotencyLevel.NoSideEffects or MethodOptions.Types.IdempotencyLevel.Idempotent)
            .Select(m => $"/{descriptor.FullName}/{m.Name}")
            .ToHashSet();

        var breaker = new CircuitBreakerStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<RpcException>(IsServiceFailure),
            FailureRatio = 0.5,
            MinimumThroughput = 6,
            SamplingDuration = TimeSpan.FromSeconds(20),
            BreakDuration = options.BreakDuration,
            OnOpened = args =>
            {
                logger.LogWarning("Circuit to {Service} opened for {Duration}", service, args.BreakDuration);
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                logger.LogInformation("Circuit to {Service} closed", service);
                return ValueTask.CompletedTask;
            },
        };
        var retry = new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<RpcException>(e => e.StatusCode == StatusCode.Unavailable),
            MaxRetryAttempts = options.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(100),
        };
        // One breaker shared by both pipelines: it counts every call to the service.
        var sharedBreaker = new ResiliencePipelineBuilder().AddCircuitBreaker(breaker).Build();
        _retrying = new ResiliencePipelineBuilder().AddRetry(retry).AddPipeline(sharedBreaker).Build();
        _once = sharedBreaker;
    }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var deadline = DateTime.UtcNow + _options.Deadline;
        if (context.Options.Deadline is { } given && given < deadline) deadline = given;
        context = new(context.Method, context.Host, context.Options.WithDeadline(deadline));

        var pipeline = _idempotentMethods.Contains(context.Method.FullName) ? _retrying : _once;
        AsyncUnaryCall<TResponse>? current = null;

        async Task<TResponse> Run()
        {
            try
            {
                return await pipeline.ExecuteAsync(async ct =>
                {
                    current?.Dispose();
                    current = continuation(request, context);
                    return await current.ResponseAsync;
                }, context.Options.CancellationToken);
            }
            catch (BrokenCircuitException)
            {
                throw new RpcException(new Status(StatusCode.Unavailable,
                    $"The {_service} service is unavailable (it failed repeatedly; calls resume shortly)."));
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded && !e.Status.Detail.Contains(_service, StringComparison.Ordinal))
            {
                var what = e.StatusCode == StatusCode.Unavailable ? "is unavailable" : $"did not answer within {_options.Deadline.TotalSeconds:0.#} s";
                throw new RpcException(new Status(e.StatusCode, $"The {_service} service {what}."), e.Trailers);
            }
        }

        async Task<Metadata> Headers(Task<TResponse> response)
        {
            // The headers are those of the attempt that ended the call.
            try { await response; } catch (RpcException) { }
            return current is null ? [] : await current.ResponseHeadersAsync;
        }

        var response = Run();
        return new AsyncUnaryCall<TResponse>(response,
            Headers(response),
            () => current?.GetStatus() ?? Status.DefaultSuccess,
            () => current?.GetTrailers() ?? [],
            () => current?.Dispose());
    }

    /// <summary>
    /// Only failures of the service or the way to it count toward the breaker, which every caller of this gateway
    /// shares. Everything a caller can cause with its own input (InvalidArgument, NotFound, PermissionDenied,
    /// FailedPrecondition, AlreadyExists, Aborted, OutOfRange, Unauthenticated, and ResourceExhausted: a message too
    /// large or a per-caller quota) is that caller's answer alone: counting it would let one user's bad requests
    /// take the service away from everyone.
    /// </summary>
    internal static bool IsServiceFailure(RpcException e) =>
        e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown or StatusCode.DataLoss;
}
