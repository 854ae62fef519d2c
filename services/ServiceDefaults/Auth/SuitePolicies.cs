using Grpc.Core;
using GenderArchitecture.ServiceDefaults.Errors;

namespace GenderArchitecture.ServiceDefaults.Auth;

/// <summary>
/// How far an allowed role reaches, checked where the data lives (the service) against the token's <c>unit</c> and
/// <c>institution</c> claims: the table names the rule, the service applies it to the ids of the request.
/// </summary>
public enum ScopeRule
{
    /// <summary>No narrowing: the role reaches everything the operation returns.</summary>
    None,
    /// <summary>Focal points: the stations of their appointments; reviewers: the units under the units they review.</summary>
    Units,
    /// <summary>Training officers: the institution they act for (others: everything).</summary>
    Institution,
}

/// <summary>
/// One row of the policy table: which roles may perform an operation, how far their scope reaches, and which service
/// scope (client credentials) lets another service of the suite call it. <see cref="Anonymous"/> operations need no token.
/// </summary>
public sealed record OperationPolicy(string Operation, IReadOnlyList<string> Roles, ScopeRule Scope, string? ServiceScope = null, bool Anonymous = false)
{
    public bool Allows(Caller caller) => caller.IsService
        ? ServiceScope is not null && caller.Scopes.Contains(ServiceScope)
        : Roles.Contains(caller.Role);
}

/// <summary>
/// The suite's one policy table (role x operation x scope rule). The gateway guards each endpoint with an operation
/// (<c>RequireOperation</c>) and each service's gRPC handler checks the same operation
/// (<see cref="ServerCallContextPolicyExtensions.RequireOperation"/>), so the two checks cannot drift apart; the
/// end-to-end authorisation matrix is generated from this table.
/// </summary>
public static class SuitePolicies
{
    private static readonly string[] Everyone = [.. SuiteRoles.All];
    private static readonly string[] Administrators = [SuiteRoles.Administrator];
    private static readonly string[] TrainingDepartment = [SuiteRoles.TrainingOfficer, SuiteRoles.Administrator];
    private static readonly string[] TrainingReaders = [SuiteRoles.TrainingOfficer, SuiteRoles.Administrator, SuiteRoles.Oversight, SuiteRoles.Analyst];
    private static readonly string[] FigureReaders = [SuiteRoles.Oversight, SuiteRoles.Analyst, SuiteRoles.Administrator];

    private static readonly string Structure = SuiteScopes.ForService("structure");
    private static readonly string Training = SuiteScopes.ForService("training");
    private static readonly string Reporting = SuiteScopes.ForService("reporting");

    public static readonly IReadOnlyDictionary<string, OperationPolicy> All = new OperationPolicy[]
    {
        // Public: no token (the list of institutions, a certificate's check, how to sign in).
        new(Operations.PublicRead, [], ScopeRule.None, Anonymous: true),
        new(Operations.SignInDevelopment, [], ScopeRule.None, Anonymous: true),

        // Structure: the tree and figures for every signed-in role; people and who holds which post for few.
        new(Operations.StructureRead, Everyone, ScopeRule.None, Structure),
        new(Operations.StructureAdminister, Administrators, ScopeRule.None),
        new(Operations.PersonnelRead, [SuiteRoles.Administrator, SuiteRoles.TrainingOfficer], ScopeRule.Institution, Structure),
        new(Operations.RegisterDetailRead, Administrators, ScopeRule.None, Structure),
        new(Operations.PersonScopesRead, Administrators, ScopeRule.None, SuiteScopes.PersonScopes),

        // Training.
        new(Operations.CurriculaRead, Everyone, ScopeRule.None, Training),
        new(Operations.TrainingRead, TrainingReaders, ScopeRule.Institution, Training),
        new(Operations.TrainingManage, TrainingDepartment, ScopeRule.Institution),

        // Reporting.
        new(Operations.FormsRead, Everyone, ScopeRule.None, Reporting),
        new(Operations.FormsAdminister, Administrators, ScopeRule.None),
        new(Operations.ReportsRead, [SuiteRoles.FocalPoint, SuiteRoles.Reviewer, SuiteRoles.Administrator], ScopeRule.Units),
        new(Operations.ReportsWrite, [SuiteRoles.FocalPoint], ScopeRule.Units),
        new(Operations.ReportsReview, [SuiteRoles.Reviewer], ScopeRule.Units),
        new(Operations.ReportingAdminister, Administrators, ScopeRule.None),
        new(Operations.CompletenessRead, [SuiteRoles.Reviewer, .. FigureReaders], ScopeRule.Units, Reporting),
        new(Operations.AggregatesRead, FigureReaders, ScopeRule.None, Reporting),
        new(Operations.DashboardsRead, FigureReaders, ScopeRule.None),

        // The audit trail each service keeps: read by oversight and administrators, written by the suite's services only.
        new(Operations.AuditRead, [SuiteRoles.Oversight, SuiteRoles.Administrator], ScopeRule.None),
        new(Operations.AuditRecord, [], ScopeRule.None, SuiteScopes.Audit),
    }.ToDictionary(p => p.Operation);

    public static OperationPolicy For(string operation) =>
        All.TryGetValue(operation, out var policy) ? policy : throw new ArgumentException($"No policy for the operation '{operation}'.", nameof(operation));
}

/// <summary>Names of the operations of <see cref="SuitePolicies"/>.</summary>
public static class Operations
{
    public const string PublicRead = "public.read";
    public const string SignInDevelopment = "sign-in.development";
    public const string StructureRead = "structure.read";
    public const string StructureAdminister = "structure.administer";
    public const string PersonnelRead = "structure.personnel.read";
    public const string RegisterDetailRead = "structure.register-detail.read";
    public const string PersonScopesRead = "structure.person-scopes.read";
    public const string CurriculaRead = "training.curricula.read";
    public const string TrainingRead = "training.read";
    public const string TrainingManage = "training.manage";
    public const string FormsRead = "reporting.forms.read";
    /// <summary>Publishing a new version of a form and its rules.</summary>
    public const string FormsAdminister = "reporting.forms.administer";
    public const string ReportsRead = "reporting.reports.read";
    public const string ReportsWrite = "reporting.reports.write";
    public const string ReportsReview = "reporting.reports.review";
    public const string ReportingAdminister = "reporting.administer";
    public const string CompletenessRead = "reporting.completeness.read";
    public const string AggregatesRead = "reporting.aggregates.read";
    public const string DashboardsRead = "dashboards.read";
    public const string AuditRead = "audit.read";
    public const string AuditRecord = "audit.record";
}

public static class ServerCallContextPolicyExtensions
{
    /// <summary>
    /// The caller, if the policy table lets them perform <paramref name="operation"/> (a role it names, or a service
    /// holding its service scope); PERMISSION_DENIED otherwise. The scope rule is applied by the handler to the ids.
    /// </summary>
    public static Caller RequireOperation(this ServerCallContext context, string operation)
    {
        var policy = SuitePolicies.For(operation);
        var caller = context.GetCaller();
        if (policy.Allows(caller)) return caller;
        throw caller.IsService
            ? RpcErrors.PermissionDenied($"The service '{caller.Subject}' holds no scope for {context.Method}.")
            : RpcErrors.PermissionDenied($"The role '{caller.Role}' may not call {context.Method}.");
    }
}
