using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Errors;
using Grpc.Core;

namespace GenderArchitecture.Structure.Grpc;

/// <summary>
/// Who may read personal data in the register, and how much of it - the one rule every RPC that returns people uses.
/// <list type="table">
/// <item>Personnel records (GetPerson, ListPersonnel, ResolveOfficers): administrators, everything; training officers,
/// the people of their own institution without community; the suite's services (Training's compliance and
/// certificates), without community. Everyone else is refused by role (PERMISSION_DENIED). A training officer asking
/// about another institution hears NOT_FOUND, exactly as for an id that does not exist.</item>
/// <item>Community (ethnicity) is special-category data: administrators only; elsewhere it is published only as
/// protected statistics (composition).</item>
/// <item>Who holds a focal-point appointment or a reviewer/training-officer assignment (names, sex): administrators and
/// services. Coverage figures carry counts for everyone; the holder's name there is for administrators too.</item>
/// <item>Gender bodies: every signed-in role reads the list, the body, its regulations and its activity figures;
/// members (names, sex), meetings (agendas, attendance) and decisions are for administrators (and services).</item>
/// </list>
/// </summary>
internal static class PersonalData
{
    /// <summary>The caller may read personnel records of <see cref="Institution"/> (null: any), with community or not.</summary>
    internal sealed record PersonnelReader(string? Institution, bool SeesCommunity)
    {
        public bool MayRead(string institutionId) => Institution is null || Institution == institutionId;

        public V1.Person Redact(V1.Person person)
        {
            if (!SeesCommunity) person.Community = "";
            return person;
        }
    }

    public static PersonnelReader RequirePersonnelReader(ServerCallContext context)
    {
        var caller = context.RequireOperation(Operations.PersonnelRead);
        if (caller.IsAdministrator) return new PersonnelReader(null, SeesCommunity: true);
        if (caller.IsService) return new PersonnelReader(null, SeesCommunity: false);
        if (caller.Role == SuiteRoles.TrainingOfficer)
        {
            return string.IsNullOrEmpty(caller.Institution)
                ? throw RpcErrors.PermissionDenied("A training officer's token must name the institution they act for.")
                : new PersonnelReader(caller.Institution, SeesCommunity: false);
        }
        throw new InvalidOperationException($"The policy table lets '{caller.Role}' read personnel, but PersonalData has no rule for it.");
    }

    /// <summary>Names of appointees and assignees, body members, meetings and decisions.</summary>
    public static Caller RequireRegisterDetailReader(ServerCallContext context) => context.RequireOperation(Operations.RegisterDetailRead);

    /// <summary>Whether the caller sees who holds a post (coverage holders, body members), rather than only that someone does.</summary>
    public static bool SeesHolders(Caller caller) => caller.IsAdministrator || caller.IsService;
}
