using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GenderArchitecture.ServiceDefaults.Audit;

/// <summary>
/// Records each PERMISSION_DENIED a service answers (who tried which method, from where), and each NOT_FOUND that hides
/// a record outside the caller's scope (<see cref="Errors.RpcErrors.OutOfScope"/>): the caller cannot tell, the audit can. Written through a scope of
/// its own, so nothing the refused call had half-tracked can ride along; a failure to record is logged, and the
/// caller still gets the refusal.
/// </summary>
public sealed class AuditRefusalsInterceptor(IServiceScopeFactory scopes, ILogger<AuditRefusalsInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.PermissionDenied
            || (e.StatusCode == StatusCode.NotFound && context.UserState.ContainsKey(Errors.RpcErrors.HiddenRefusal)))
        {
            await RecordAsync(context, e);
            throw;
        }
    }

    private async Task RecordAsync(ServerCallContext context, RpcException refusal)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (scope.ServiceProvider.GetService<AuditDatabase>() is not { } database) return;
            var trail = scope.ServiceProvider.GetRequiredService<AuditTrail>();
            database.Db.Set<AuditEvent>().Add(trail.Create(AuditActions.PermissionDenied, context.Method,
                refusal.StatusCode == StatusCode.NotFound ? $"out of scope, answered as not found: {refusal.Status.Detail}" : refusal.Status.Detail));
            await database.Db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not record a refusal of {Method} in the audit", context.Method);
        }
    }
}

/// <summary>On the gateway's calls for a user: tells the service the address of that user's connection.</summary>
public sealed class ClientAddressInterceptor(IHttpContextAccessor http) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        if (http.HttpContext is not { } current) return continuation(request, context);
        var headers = context.Options.Headers ?? [];
        if (headers.Get(AuditTrail.ClientAddressHeader) is null)
        {
            headers.Add(AuditTrail.ClientAddressHeader, AuditTrail.AddressOf(current.Connection.RemoteIpAddress));
        }
        return continuation(request, new(context.Method, context.Host, context.Options.WithHeaders(headers)));
    }
}
