namespace GenderArchitecture.ServiceDefaults.Audit;

/// <summary>
/// One line of a service's append-only audit: who (subject, role), what (action, resource, description), when (UTC),
/// from where (the client address the gateway saw, or "direct"), and which service recorded it. The database refuses
/// to update or delete a row (see <see cref="AuditSchema"/>); the entity has no setters for the same reason.
/// </summary>
public sealed class AuditEvent
{
    private AuditEvent() { }

    public AuditEvent(DateTime occurredAt, string service, string actor, string role, string action, string resource,
        string description, string clientAddress)
    {
        OccurredAt = DateTime.SpecifyKind(occurredAt, DateTimeKind.Utc);
        Service = Clip(service, AuditSchema.ServiceLength);
        Actor = Clip(actor, AuditSchema.ActorLength);
        Role = Clip(role, AuditSchema.RoleLength);
        Action = Clip(action, AuditSchema.ActionLength);
        Resource = Clip(resource, AuditSchema.ResourceLength);
        Description = Clip(description, AuditSchema.DescriptionLength);
        ClientAddress = Clip(clientAddress, AuditSchema.ClientAddressLength);
    }

    public long Id { get; private set; }
    public DateTime OccurredAt { get; private set; }
    public string Service { get; private set; } = "";
    public string Actor { get; private set; } = "";
    public string Role { get; private set; } = "";
    public string Action { get; private set; } = "";
    public string Resource { get; private set; } = "";
    public string Description { get; private set; } = "";
    public string ClientAddress { get; private set; } = "";

    private static string Clip(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";
}

/// <summary>The audit's vocabulary of actions.</summary>
public static class AuditActions
{
    /// <summary>Exact (unsuppressed) statistics read by an analyst, administrator or training officer.</summary>
    public const string ExactRead = "exact_read";
    /// <summary>A station report itself (not an aggregate) read by an administrator.</summary>
    public const string RawReportRead = "raw_report_read";
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    /// <summary>Start-up seeding: one summary line per save, not one per row (see <see cref="AuditChangesInterceptor"/>).</summary>
    public const string Seed = "seed";
    public const string PermissionDenied = "permission_denied";
    /// <summary>
    /// A person asked for a record that does not exist. Recorded as a record hidden out of scope is (permission_denied),
    /// so that the two answers, alike to the caller, also cost the service the same work; and probing for ids shows.
    /// </summary>
    public const string NotFound = "not_found";
    /// <summary>A caller went over the gateway's statistics read limit.</summary>
    public const string UnusualQueryVolume = "unusual_query_volume";
}
