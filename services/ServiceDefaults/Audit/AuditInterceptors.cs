using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GenderArchitecture.ServiceDefaults.Audit;

/// <summary>
/// Records each PERMISSION_DENIED a service answers (who tried which method, from where), and each NOT_FOUND it answers a
/// person: one that hides a record outside the caller's scope (<see cref="Errors.RpcErrors.OutOfScope"/>) as a refusal,
/// one for a record that does not exist as not_found. The caller cannot tell the two apart, the audit can; and since
/// both answers write one event, the time they take does not tell them apart either. Written through a scope of its
/// own, so nothing the refused call had half-tracked can ride along; a failure to record is logged, and the caller still
/// gets its answer. The services' own look-ups of each other (a service identity) are not recorded.
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
            || (e.StatusCode == StatusCode.NotFound && (IsHiddenRefusal(context) || IsPerson(context))))
        {
            await RecordAsync(context, e);
            throw;
        }
    }

    private static bool IsHiddenRefusal(ServerCallContext context) => context.UserState.ContainsKey(Errors.RpcErrors.HiddenRefusal);

    private static bool IsPerson(ServerCallContext context) =>
        Auth.Caller.FromPrincipal(context.GetHttpContext().User) is { IsService: false };

    private async Task RecordAsync(ServerCallContext context, RpcException answer)
    {
        var (action, description) = answer.StatusCode switch
        {
            StatusCode.NotFound when IsHiddenRefusal(context) => (AuditActions.PermissionDenied, $"out of scope, answered as not found: {answer.Status.Detail}"),
            StatusCode.NotFound => (AuditActions.NotFound, answer.Status.Detail),
            _ => (AuditActions.PermissionDenied, answer.Status.Detail),
        };
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (scope.ServiceProvider.GetService<AuditDatabase>() is not { } database) return;
            var trail = scope.ServiceProvider.GetRequiredService<AuditTrail>();
            database.Db.Set<AuditEvent>().Add(trail.Create(action, context.Method, description));
            await database.Db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not record the answer {Status} of {Method} in the audit", answer.StatusCode, context.Method);
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
