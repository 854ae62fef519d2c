using Microsoft.Data.Sqlite;

namespace GenderArchitecture.TestSupport;

/// <summary>
/// An embedded SQLite database as a previous release left it: created with EnsureCreated (no migration history) from
/// a committed script (schema plus rows a user entered), in a temporary file deleted when disposed. The script is
/// frozen: it is what offices have on disk, whatever the model is today.
/// </summary>
public sealed class PreviousReleaseDatabase : IDisposable
{
    private PreviousReleaseDatabase(string file) => File = file;

    public string File { get; }
    public string ConnectionString => $"Data Source={File};Pooling=False";

    /// <param name="script">A file of tests/TestSupport/PreviousReleases, e.g. <c>structure-2026-11.sql</c>.</param>
    public static PreviousReleaseDatabase Create(string script)
    {
        var database = new PreviousReleaseDatabase(Path.Combine(Path.GetTempPath(), $"ga-release-{Guid.NewGuid():N}.db"));
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "PreviousReleases", script));
        command.ExecuteNonQuery();
        return database;
    }

    /// <summary>Every row of every table, each as its columns' values in text ("column=value" joined), by table.</summary>
    public Dictionary<string, HashSet<string>> Rows(IReadOnlyDictionary<string, HashSet<string>>? onlyColumnsOf = null)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%'";
            using var reader = list.ExecuteReader();
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        var rows = new Dictionary<string, HashSet<string>>();
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            var set = new HashSet<string>();
            while (reader.Read())
            {
                // Columns a later release added are left out: the rows are compared on what the old schema had.
                var columns = Enumerable.Range(0, reader.FieldCount)
                    .Where(i => onlyColumnsOf is null || ColumnsOf(onlyColumnsOf, table).Contains(reader.GetName(i)))
                    .OrderBy(reader.GetName, StringComparer.Ordinal)
                    .Select(i => $"{reader.GetName(i)}={(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))}");
                set.Add(string.Join(" | ", columns));
            }
            rows[table] = set;
        }
        return rows;
    }

    private static HashSet<string> ColumnsOf(IReadOnlyDictionary<string, HashSet<string>> rows, string table) =>
        rows.TryGetValue(table, out var set)
            ? set.SelectMany(r => r.Split(" | ").Select(c => c[..c.IndexOf('=')])).ToHashSet()
            : [];

    /// <summary>The migrations recorded as applied, in order (empty when the table does not exist).</summary>
    public IReadOnlyList<string> AppliedMigrations()
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'";
        if (command.ExecuteScalar() is null) return [];
        command.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId";
        using var reader = command.ExecuteReader();
        var applied = new List<string>();
        while (reader.Read()) applied.Add(reader.GetString(0));
        return applied;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { File, File + "-wal", File + "-shm" }) System.IO.File.Delete(f);
    }
}
