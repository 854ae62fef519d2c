using System.Security.Claims;
using Grpc.Core;
using GenderArchitecture.ServiceDefaults.Errors;

namespace GenderArchitecture.ServiceDefaults.Auth;

/// <summary>Who is calling and what they may touch, read from the validated token.</summary>
public sealed record Caller(string Subject, string Name, string Role, IReadOnlyList<string> Units, string? Institution)
{
    public bool IsService => Role == SuiteRoles.Service;
    public bool IsAdministrator => Role == SuiteRoles.Administrator;
    public bool Is(params string[] roles) => roles.Contains(Role);

    /// <summary>OAuth scopes of the token (<c>scope</c>, space separated): for services, which services they may call.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>
    /// A service may call another only with the scope <c>suite.{service}</c> (e.g. <c>suite.structure</c>), so a
    /// compromised service cannot use its identity everywhere. <paramref name="grpcMethod"/> is
    /// <c>/genderarchitecture.{service}.v1.{Service}/{Method}</c>.
    /// </summary>
    public bool MayCallAsService(string grpcMethod)
    {
        var parts = grpcMethod.TrimStart('/').Split('.');
        return IsService && parts.Length > 2 && Scopes.Contains(SuiteScopes.ForService(parts[1]));
    }

    public static Caller? FromPrincipal(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true) return null;
        var subject = principal.FindFirstValue("sub") ?? principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var role = principal.FindFirstValue(SuiteClaims.Role) ?? principal.FindFirstValue(ClaimTypes.Role);
        if (string.IsNullOrEmpty(subject) || string.IsNullOrEmpty(role)) return null;
        var units = principal.FindAll(SuiteClaims.Unit).Select(c => c.Value).Distinct().ToArray();
        var scopes = principal.FindAll(SuiteClaims.Scope).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct().ToArray();
        return new Caller(subject, principal.FindFirstValue(SuiteClaims.Name) ?? subject, role, units,
            principal.FindFirstValue(SuiteClaims.Institution)) { Scopes = scopes };
    }

    /// <summary>A short description for audit logs: who, in which role and scope.</summary>
    public override string ToString() =>
        $"{Subject} ({Role}{(Units.Count > 0 ? $", units {string.Join(",", Units)}" : "")}{(Institution is null ? "" : $", institution {Institution}")})";
}

public static class ServerCallContextCallerExtensions
{
    /// <summary>The authenticated caller of a gRPC call; Unauthenticated when the token is missing or lacks a role.</summary>
    public static Caller GetCaller(this ServerCallContext context) =>
        Caller.FromPrincipal(context.GetHttpContext().User)
        ?? throw RpcErrors.Unauthenticated("A valid bearer token with a role is required.");

    /// <summary>
    /// Refuses the call unless the caller has one of <paramref name="roles"/>, or is a service holding the scope of
    /// the service called (<see cref="Caller.MayCallAsService"/>).
    /// </summary>
    public static Caller RequireRole(this ServerCallContext context, params string[] roles)
    {
        var caller = context.GetCaller();
        if (caller.IsService)
        {
            if (caller.MayCallAsService(context.Method)) return caller;
            throw RpcErrors.PermissionDenied($"The service '{caller.Subject}' holds no scope for {context.Method}.");
        }
        if (roles.Contains(caller.Role)) return caller;
        throw RpcErrors.PermissionDenied($"The role '{caller.Role}' may not call {context.Method}.");
    }
}
