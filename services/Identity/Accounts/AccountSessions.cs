using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;

namespace GenderArchitecture.Identity.Accounts;

/// <summary>
/// Ends every sign-in of an account: a new security stamp (its cookies stop working at the next check and its
/// refresh tokens are refused), and its authorisations and tokens marked revoked. Access tokens already issued live
/// out their short lifetime (10 minutes), which is why that lifetime is short.
/// </summary>
public sealed class AccountSessions(UserManager<Account> users, IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations)
{
    public async Task RevokeAllAsync(Account account, CancellationToken cancellationToken)
    {
        await users.UpdateSecurityStampAsync(account);
        await tokens.RevokeBySubjectAsync(account.Id, cancellationToken);
        await authorizations.RevokeBySubjectAsync(account.Id, cancellationToken);
    }
}
