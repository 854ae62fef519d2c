namespace GenderArchitecture.Identity.Accounts;

/// <summary>
/// The units and institution a token grants, at the moment it is issued or refreshed. <see cref="ChangesOn"/>: the first
/// day (UTC) on which the register's answer may differ - a dated appointment or assignment ends or starts -, null when
/// nothing is scheduled; a token carrying this scope must not outlive it.
/// </summary>
public sealed record AccountScope(IReadOnlyList<string> Units, string? Institution, DateOnly? ChangesOn = null);

/// <summary>
/// Where a token's scope claims come from. Today: what an administrator stored on the account. The register
/// (Structure) will answer from dated appointments (focal point, reviewer, training officer) through an
/// implementation of this interface, so that an ended appointment drops out at the next token refresh.
/// </summary>
public interface IScopeClaimsSource
{
    Task<AccountScope> GetScopeAsync(Account account, CancellationToken cancellationToken);
}

public sealed class StoredScopeClaims : IScopeClaimsSource
{
    public Task<AccountScope> GetScopeAsync(Account account, CancellationToken cancellationToken) =>
        Task.FromResult(new AccountScope(account.Units, account.StoredInstitution));
}
