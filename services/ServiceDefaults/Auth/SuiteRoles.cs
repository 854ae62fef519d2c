namespace GenderArchitecture.ServiceDefaults.Auth;

/// <summary>The roles of the suite's users, as they appear in the token's <c>role</c> claim.</summary>
public static class SuiteRoles
{
    /// <summary>Gender focal point of one station: writes and reads that station's reports.</summary>
    public const string FocalPoint = "focal_point";
    /// <summary>Review unit: approves or returns the reports of the units in scope.</summary>
    public const string Reviewer = "reviewer";
    /// <summary>Training department of one institution: sessions, enrolment, certification.</summary>
    public const string TrainingOfficer = "training_officer";
    /// <summary>Oversight board: read-only aggregates with small counts suppressed.</summary>
    public const string Oversight = "oversight";
    /// <summary>Analyst: exact figures; every such read is recorded.</summary>
    public const string Analyst = "analyst";
    /// <summary>Administrator: structures and report forms.</summary>
    public const string Administrator = "administrator";
    /// <summary>Another service of the suite calling on its own behalf (lookups, seeding).</summary>
    public const string Service = "service";

    public static readonly IReadOnlyList<string> All =
        [FocalPoint, Reviewer, TrainingOfficer, Oversight, Analyst, Administrator];

    public static bool IsKnown(string role) => All.Contains(role) || role == Service;
}

/// <summary>Claim types of the suite's tokens.</summary>
public static class SuiteClaims
{
    public const string Role = "role";
    /// <summary>An organisation unit id the caller is scoped to (a focal point's station, a reviewer's units). Repeated.</summary>
    public const string Unit = "unit";
    /// <summary>The institution id a training officer (or other institution-scoped role) acts for.</summary>
    public const string Institution = "institution";
    public const string Name = "name";
    /// <summary>OAuth scopes, space separated (service tokens: the services they may call).</summary>
    public const string Scope = "scope";
}

/// <summary>Scopes of service tokens: <c>suite.structure</c> lets a service call Structure, and nothing else.</summary>
public static class SuiteScopes
{
    public const string Prefix = "suite.";
    /// <summary>Recording events in a service's audit trail (the gateway's refusals and unusual read volumes).</summary>
    public static readonly string Audit = ForService("audit");
    /// <summary>Asking Structure which scopes the register grants a person (the identity service, at each token).</summary>
    public static readonly string PersonScopes = ForService("person-scopes");
    /// <summary>Every service scope: what the identity service registers, and what the development shared-key token names.</summary>
    public static readonly IReadOnlyList<string> AllServices = [ForService("structure"), ForService("training"), ForService("reporting"), Audit, PersonScopes];
    public static string ForService(string service) => Prefix + service.ToLowerInvariant();
}
