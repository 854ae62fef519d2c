using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.Structure.V1;
using Grpc.Net.ClientFactory;

namespace GenderArchitecture.Identity.Accounts;

/// <summary>
/// Scopes that follow the register: for an account linked to a person, Structure's dated appointments and
/// assignments on the day the token is issued or refreshed. A focal point gets the stations of their active
/// appointments, a reviewer the units they review, a training officer the institution they are officer of; an
/// ended appointment grants nothing from its end date on. Roles the register does not date (oversight, analysts,
/// administrators) and accounts linked to no person keep the scope an administrator stored on the account.
/// </summary>
public sealed class RegisterScopeClaims(GrpcClientFactory clients, TimeProvider time) : IScopeClaimsSource
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public static bool FollowsRegister(Account account) =>
        account.PersonId is { Length: > 0 } && account.Role is SuiteRoles.FocalPoint or SuiteRoles.Reviewer or SuiteRoles.TrainingOfficer;

    public async Task<AccountScope> GetScopeAsync(Account account, CancellationToken cancellationToken)
    {
        if (!FollowsRegister(account)) return new AccountScope(account.Units, account.StoredInstitution);

        // No fallback to the stored scope when the register cannot answer: the token request fails rather than
        // granting a scope that may have ended.
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var structure = clients.CreateClient<StructureService.StructureServiceClient>("Structure");
        var answer = await structure.GetPersonScopesAsync(
            new GetPersonScopesRequest { PersonId = account.PersonId, OnDate = today.ToString("yyyy-MM-dd") },
            deadline: DateTime.UtcNow + Deadline, cancellationToken: cancellationToken);
        return ScopeFor(account.Role, answer);
    }

    /// <summary>The part of the register's answer the account's role acts on.</summary>
    public static AccountScope ScopeFor(string role, GetPersonScopesResponse answer)
    {
        var changesOn = DateOnly.TryParseExact(answer.NextChangeOn, "yyyy-MM-dd", out var day) ? day : (DateOnly?)null;
        return role switch
        {
            SuiteRoles.FocalPoint => new AccountScope([.. answer.FocalPointUnitIds], null, changesOn),
            SuiteRoles.Reviewer => new AccountScope([.. answer.ReviewerUnitIds], null, changesOn),
            // A token names one institution: an officer of several acts for the first (the register keeps them sorted).
            SuiteRoles.TrainingOfficer => new AccountScope([], answer.TrainingOfficerInstitutionIds.FirstOrDefault(), changesOn),
            _ => new AccountScope([], null, changesOn),
        };
    }
}
