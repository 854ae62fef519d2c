using Xunit;

namespace GenderArchitecture.TestSupport;

/// <summary>The providers every persistence test runs on: <c>[Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]</c>.</summary>
public enum DatabaseKind { Sqlite, Postgres }

public static class DatabaseKinds
{
    public static TheoryData<DatabaseKind> All => new() { DatabaseKind.Sqlite, DatabaseKind.Postgres };
}
