using GenderArchitecture.Gateway.Endpoints;
using GenderArchitecture.ServiceDefaults.Audit;
using GenderArchitecture.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace GenderArchitecture.Gateway.Auth;

/// <summary>
/// Records every refused authorisation at the gateway - who, what, when - then answers as usual (401/403). A signed-in
/// caller's refusal also goes to the suite's audit (anonymous challenges are only logged: there is no one to name).
/// </summary>
public sealed class AuditingAuthorizationHandler(ILogger<AuditingAuthorizationHandler> logger, TimeProvider time, GatewayAudit audit) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Forbidden || result.Challenged)
        {
            AuthorizationAudit.Refused(logger, time, context, result.Forbidden ? "forbidden" : "unauthenticated");
        }
        if (result.Forbidden && Caller.FromPrincipal(context.User) is { } caller)
        {
            await audit.RecordAsync(caller.Subject, caller.Role, AuditActions.PermissionDenied, $"{context.Request.Method} {context.Request.Path}",
                "refused by the gateway's role check", AuditTrail.AddressOf(context.Connection.RemoteIpAddress), context.RequestAborted);
        }
        await _default.HandleAsync(next, context, policy, result);
    }
}

public static class AuthorizationAudit
{
    public const string Category = "GenderArchitecture.Audit";

    public static void Refused(ILogger logger, TimeProvider time, HttpContext context, string reason) =>
        logger.LogWarning("AUDIT refused {Reason}: {Caller} {Method} {Path} at {At:O}", reason,
            Caller.FromPrincipal(context.User)?.ToString() ?? "anonymous", context.Request.Method, context.Request.Path, time.GetUtcNow());
}
