using GenderArchitecture.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Identity;

namespace GenderArchitecture.Identity.Accounts;

/// <summary>
/// A person who signs in. The role is exactly one of the suite's roles; the scope (units, institution) is stored
/// here until the register (Structure) answers it - see <see cref="IScopeClaimsSource"/>.
/// </summary>
public sealed class Account : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = "";
    /// <summary>The person in the register (Structure) this account belongs to, when known.</summary>
    public string? PersonId { get; set; }
    /// <summary>Organisation unit ids, space separated (stored scope; used until the register provides it).</summary>
    public string StoredUnits { get; set; } = "";
    public string? StoredInstitution { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public IReadOnlyList<string> Units => StoredUnits.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public void SetUnits(IEnumerable<string>? units) =>
        StoredUnits = string.Join(' ', (units ?? []).Select(u => u.Trim()).Where(u => u.Length > 0).Distinct());

    /// <summary>Roles that read exact figures or keep the register: a stolen password alone must not be enough.</summary>
    public bool RequiresSecondFactor => SecondFactor.IsRequiredFor(Role);

    public static Account Create(string email, string displayName, string role, TimeProvider time)
    {
        if (!SuiteRoles.All.Contains(role))
        {
            throw new ArgumentException($"role must be one of {string.Join(", ", SuiteRoles.All)}.", nameof(role));
        }
        return new Account
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? email.Trim() : displayName.Trim(),
            Role = role,
            LockoutEnabled = true,
            CreatedAt = time.GetUtcNow(),
        };
    }
}

public static class SecondFactor
{
    public static bool IsRequiredFor(string role) => role is SuiteRoles.Administrator or SuiteRoles.Analyst;
}
