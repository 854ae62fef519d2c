using GenderArchitecture.ServiceDefaults.Auth;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.ServiceDefaults.Idempotency;

/// <summary>The gRPC methods that write: every method the proto does not mark NO_SIDE_EFFECTS.</summary>
public sealed class WriteMethods(IEnumerable<ServiceDescriptor> services)
{
    private readonly HashSet<string> _writes = services
        .SelectMany(s => s.Methods.Select(m => (Path: $"/{s.FullName}/{m.Name}", m)))
        .Where(x => x.m.GetOptions()?.IdempotencyLevel is not MethodOptions.Types.IdempotencyLevel.NoSideEffects)
        .Select(x => x.Path).ToHashSet(StringComparer.Ordinal);

    public bool IsWrite(string method) => _writes.Contains(method);
}

/// <summary>
/// Honours the <c>idempotency-key</c> request header (the gateway forwards the HTTP <c>Idempotency-Key</c>) on every
/// write of the service, through <see cref="IdempotentWrites{TContext}"/>: the handler runs inside the write's
/// transaction, which opens at its first SaveChanges, so look-ups before that (remote ones too) hold no transaction.
/// </summary>
public sealed class IdempotencyInterceptor<TContext>(IdempotentWrites<TContext> writes, WriteMethods methods) : Interceptor where TContext : DbContext
{
    public const string Header = "idempotency-key";

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var key = context.RequestHeaders.GetValue(Header);
        if (key is null || !methods.IsWrite(context.Method) || request is not IMessage message
            || Caller.FromPrincipal(context.GetHttpContext().User) is not { } caller)
        {
            return continuation(request, context);
        }
        return writes.RunAsync(caller, key, context.Method, message, () => continuation(request, context), context.CancellationToken);
    }
}

/// <summary>Forwards the incoming HTTP request's <c>Idempotency-Key</c> on the gRPC calls made for it (the gateway's).</summary>
public sealed class IdempotencyKeyForwarding(IHttpContextAccessor http) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var key = http.HttpContext?.Request.Headers["Idempotency-Key"].ToString();
        if (string.IsNullOrEmpty(key) || context.Method.Type != MethodType.Unary) return continuation(request, context);
        var headers = context.Options.Headers ?? [];
        if (headers.Get(IdempotencyInterceptor<DbContext>.Header) is null) headers.Add(IdempotencyInterceptor<DbContext>.Header, key);
        return continuation(request, new(context.Method, context.Host, context.Options.WithHeaders(headers)));
    }
}
