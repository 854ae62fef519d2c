using GenderArchitecture.Identity.Accounts;

namespace GenderArchitecture.Identity.Tests;

public sealed class PasswordRulesTests
{
    private static readonly PasswordRules Rules = PasswordRules.FromFile(Path.Combine(AppContext.BaseDirectory, "Accounts", "common-passwords.txt"));

    [Theory]
    [InlineData("river lamp orchard")]
    [InlineData("alllowercaseletters")]
    [InlineData("ëndërr mëngjesi i qetë")]
    public void A_long_password_needs_no_digits_capitals_or_symbols(string password) =>
        Assert.Empty(Rules.Problems(password, "someone@example.org", "Some One"));

    [Fact]
    public void Fourteen_characters_are_too_few() =>
        Assert.Contains(Rules.Problems("fourteen chars", null, null), p => p.Contains("at least 15"));

    [Fact]
    public void Length_counts_characters_not_bytes_or_code_units()
    {
        // 15 emoji are 30 UTF-16 code units and 60 bytes, but 15 characters.
        Assert.Empty(Rules.Problems(string.Concat(Enumerable.Repeat("🌳", 14)) + "a", null, null));
        Assert.NotEmpty(Rules.Problems(string.Concat(Enumerable.Repeat("🌳", 14)), null, null));
    }

    [Theory]
    [InlineData("passwordpassword")]
    [InlineData("PasswordPassword")]
    [InlineData("123456789012345")]
    [InlineData("abcabcabcabcabcabc")]
    [InlineData("zzzzzzzzzzzzzzzzzzzz")]
    public void Common_and_repetitive_passwords_are_refused(string password) =>
        Assert.Contains(Rules.Problems(password, null, null), p => p.Contains("too common"));

    [Fact]
    public void A_password_containing_the_email_name_is_refused() =>
        Assert.Contains(Rules.Problems("drita.krasniqi summer", "drita.krasniqi@kp.example", null), p => p.Contains("e-mail"));

    [Fact]
    public void More_than_128_characters_are_refused() =>
        Assert.Contains(Rules.Problems(new string('x', 64) + new string('y', 65), null, null), p => p.Contains("at most"));
}
