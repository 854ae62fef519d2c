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

    public static Caller? FromPrincipal(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true) return null;
        var subject = principal.FindFirstValue("sub") ?? principal.FindFirstValue(ClaimTypes.NameIdentifier);
        // Exactly one role: a token naming several is refused everywhere (see SingleRole), never read as "any" or "first".
        if (!SingleRole.TryRead(principal, out var role)) return null;
        if (string.IsNullOrEmpty(subject)) return null;
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
}

/// <summary>
/// The suite's rule for the <c>role</c> claim: a token carries exactly one. A token with none or several is not a valid
/// suite token: the JWT bearer handler of the gateway and of every service fails its authentication (401 at the
/// gateway, UNAUTHENTICATED at a service), and <see cref="Caller.FromPrincipal"/> yields no caller for it.
/// </summary>
public static class SingleRole
{
    public const string Refusal = "A token must carry exactly one role claim.";

    public static bool TryRead(ClaimsPrincipal principal, out string role)
    {
        var roles = principal.FindAll(SuiteClaims.Role).Concat(principal.FindAll(ClaimTypes.Role)).Select(c => c.Value).ToArray();
        role = roles.Length == 1 ? roles[0] : "";
        return roles.Length == 1 && !string.IsNullOrEmpty(role);
    }
}
