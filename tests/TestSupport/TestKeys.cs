namespace GenderArchitecture.TestSupport;

/// <summary>Key material for in-process tests only (test processes never run in Production).</summary>
public static class TestKeys
{
    /// <summary>Disclosure:Key for tests: 48 bytes, base64.</summary>
    public const string Disclosure = "dGVzdHMtb25seS1kaXNjbG9zdXJlLWtleS1mb3ItaW4tcHJvY2Vzcy10ZXN0cy0wMTIz";
}
