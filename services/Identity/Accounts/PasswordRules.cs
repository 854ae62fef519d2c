using Microsoft.AspNetCore.Identity;

namespace GenderArchitecture.Identity.Accounts;

/// <summary>
/// NIST SP 800-63B (rev. 4, 3.1.1.2) for passwords: a minimum length, a generous maximum, every printable character
/// and space allowed, no composition rules (they push people to predictable patterns), and a check against
/// passwords known to be common or tied to the context. 15 characters because a password may be the only factor
/// (focal points, reviewers); the 8-character minimum that NIST allows with a second factor would not hold for
/// them, and one rule for everyone is simpler to explain.
/// </summary>
public sealed class PasswordRules(IReadOnlySet<string> commonPasswords)
{
    public const int MinimumLength = 15;
    public const int MaximumLength = 128;

    private static readonly string[] ContextWords = ["genderarchitecture", "gender architecture", "password", "kosovo"];

    public static PasswordRules FromFile(string path) =>
        new(File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToHashSet(StringComparer.OrdinalIgnoreCase));

    /// <summary>What is wrong with <paramref name="password"/> for this account; empty when it is acceptable.</summary>
    public IReadOnlyList<string> Problems(string password, string? email, string? displayName)
    {
        var problems = new List<string>();
        // Length counts characters as people see them (a Unicode code point is one character, as NIST asks).
        var length = password.EnumerateRunes().Count();
        if (length < MinimumLength) problems.Add($"Use at least {MinimumLength} characters; a few ordinary words make a good password.");
        if (length > MaximumLength) problems.Add($"Use at most {MaximumLength} characters.");
        var normalised = password.Trim().ToLowerInvariant();
        if (commonPasswords.Contains(normalised) || IsRepetitive(normalised))
        {
            problems.Add("This password is too common or too easy to guess.");
        }
        var local = email?.Split('@')[0].ToLowerInvariant();
        if (ContextWords.Any(w => normalised.Replace(" ", "") == w.Replace(" ", "")) ||
            (!string.IsNullOrEmpty(local) && local.Length >= 4 && normalised.Contains(local)) ||
            (!string.IsNullOrWhiteSpace(displayName) && normalised.Contains(displayName.Trim().ToLowerInvariant())))
        {
            problems.Add("Do not use your name, your e-mail address or the name of the service in your password.");
        }
        return problems;
    }

    /// <summary>One character or a short block repeated ("aaaaaaaaaaaaaaa", "abcabcabcabcabc").</summary>
    private static bool IsRepetitive(string password)
    {
        for (var block = 1; block <= 4 && block < password.Length; block++)
        {
            var unit = password[..block];
            if (Enumerable.Range(0, password.Length).All(i => password[i] == unit[i % block])) return true;
        }
        return false;
    }
}

/// <summary><see cref="PasswordRules"/> as ASP.NET Core Identity's password validator.</summary>
public sealed class NistPasswordValidator(PasswordRules rules) : IPasswordValidator<Account>
{
    public Task<IdentityResult> ValidateAsync(UserManager<Account> manager, Account user, string? password)
    {
        var problems = rules.Problems(password ?? "", user.Email, user.DisplayName);
        return Task.FromResult(problems.Count == 0
            ? IdentityResult.Success
            : IdentityResult.Failed(problems.Select(p => new IdentityError { Code = "password", Description = p }).ToArray()));
    }
}
