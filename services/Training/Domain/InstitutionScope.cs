using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Errors;

namespace GenderArchitecture.Training.Domain;

/// <summary>A training officer acts only for the institution of its token; administrators and services for any.</summary>
public static class InstitutionScope
{
    public static void Require(Caller caller, string institutionId)
    {
        if (!Allows(caller, institutionId)) throw Denied(caller, institutionId);
    }

    public static bool Allows(Caller caller, string institutionId) =>
        caller.IsAdministrator || caller.IsService
        || (caller.Role == SuiteRoles.TrainingOfficer && caller.Institution is { Length: > 0 } own && own == institutionId);

    /// <summary>
    /// A session (and what is certified in it) belongs to the institution whose officers it trains and to the institution
    /// that delivers the curriculum - the Kosovo Judicial Institute runs sessions for judges and prosecutors of the judiciary.
    /// </summary>
    public static void RequireForDelivery(Caller caller, string traineeInstitutionId, string deliveringInstitutionId)
    {
        if (!AllowsDelivery(caller, traineeInstitutionId, deliveringInstitutionId)) throw Denied(caller, traineeInstitutionId);
    }

    public static bool AllowsDelivery(Caller caller, string traineeInstitutionId, string deliveringInstitutionId) =>
        Allows(caller, traineeInstitutionId) || Allows(caller, deliveringInstitutionId);

    /// <summary>For an institution the caller named itself; a record named by id answers not found instead (RpcErrors.OutOfScope).</summary>
    private static Exception Denied(Caller caller, string institutionId) =>
        RpcErrors.PermissionDenied($"A {caller.Role} acts only for the institution of their token, not for '{institutionId}'.");

    /// <summary>The institution a list is restricted to: a training officer's own, whatever it asked for.</summary>
    public static string? ForList(Caller caller, string requested)
    {
        if (caller.Role == SuiteRoles.TrainingOfficer)
        {
            if (requested.Length > 0) Require(caller, requested);
            return caller.Institution ?? throw RpcErrors.PermissionDenied("The token names no institution.");
        }
        return requested.Length > 0 ? requested : null;
    }
}
