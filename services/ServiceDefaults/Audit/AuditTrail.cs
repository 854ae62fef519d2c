using System.Net;
using GenderArchitecture.ServiceDefaults.Auth;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GenderArchitecture.ServiceDefaults.Audit;

/// <summary>
/// Builds audit events for the current call: the actor from the validated token, the client address from the
/// header the gateway sets, the time from the injected clock, the service from the host's name.
/// </summary>
public sealed class AuditTrail(IHttpContextAccessor http, TimeProvider time, IHostEnvironment environment)
{
    /// <summary>Set by the gateway on calls it makes for a user: the address of that user's HTTP connection.</summary>
    public const string ClientAddressHeader = "x-ga-client-address";
    public const string Direct = "direct";
    public const string SeedActor = "system:seed";

    public string Service { get; } = ShortName(environment.ApplicationName);

    /// <summary>No call is being served: the start-up seeder is at work.</summary>
    public bool OutsideRequest => http.HttpContext is null;

    public AuditEvent Create(string action, string resource, string description)
    {
        var context = http.HttpContext;
        var caller = Caller.FromPrincipal(context?.User);
        var (actor, role) = context is null ? (SeedActor, "system") : caller is null ? ("anonymous", "") : (caller.Subject, caller.Role);
        return new AuditEvent(time.GetUtcNow().UtcDateTime, Service, actor, role, action, resource, description, ClientAddressOf(context));
    }

    /// <summary>
    /// The gateway's word for where the call came from; services listen on the internal network only, so a caller
    /// that reaches a service directly is recorded as "direct" (unless it forges the header - see the README).
    /// </summary>
    public static string ClientAddressOf(HttpContext? context) =>
        context?.Request.Headers[ClientAddressHeader].ToString() is { Length: > 0 } forwarded ? forwarded : Direct;

    public static string AddressOf(IPAddress? address) =>
        address is null ? "unknown" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    internal static string ShortName(string applicationName) =>
        applicationName[(applicationName.LastIndexOf('.') + 1)..].ToLowerInvariant();
}

public static class AuditRecording
{
    /// <summary>
    /// Records a read in the service's audit before the answer leaves: if the audit cannot be written, the read fails.
    /// One line in a gRPC method: <c>await db.AuditAsync(context, AuditActions.ExactRead, "aggregates", what);</c>
    /// </summary>
    public static async Task AuditAsync(this DbContext db, ServerCallContext context, string action, string resource, string description)
    {
        var trail = context.GetHttpContext().RequestServices.GetRequiredService<AuditTrail>();
        db.Set<AuditEvent>().Add(trail.Create(action, resource, description));
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
