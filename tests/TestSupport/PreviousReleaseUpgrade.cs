using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace GenderArchitecture.TestSupport;

/// <summary>The SQLite upgrade check every service runs on its frozen database of the previous release.</summary>
public static class PreviousReleaseUpgrade
{
    /// <summary>
    /// Starts the service on the previous release's file, then checks that every SQLite migration is recorded as
    /// applied, that every row the file held is still there with the same values, and that the service reads the
    /// users' rows through today's model (<paramref name="readsUsersRows"/>). A table a migration retires on purpose,
    /// moving its rows elsewhere, is named in <paramref name="movedTables"/>; <paramref name="readsUsersRows"/> then
    /// checks where its rows went.
    /// </summary>
    public static async Task UpgradesWithDataIntactAsync<TProgram, TSqliteContext>(string service, string script,
        Func<IServiceProvider, Task> readsUsersRows, IReadOnlyCollection<string>? movedTables = null)
        where TProgram : class
        where TSqliteContext : DbContext
    {
        using var previous = PreviousReleaseDatabase.Create(script);
        Assert.Empty(previous.AppliedMigrations());
        var before = previous.Rows();
        Assert.NotEmpty(before.Values.SelectMany(rows => rows));

        await using (var app = await GrpcServiceApp<TProgram>.StartAsync(service, DatabaseKind.Sqlite, new Dictionary<string, string?>
                     {
                         [$"ConnectionStrings:{service}"] = previous.ConnectionString,
                         ["Seeds:Demo"] = "false",
                         ["Services:Structure:Address"] = "http://127.0.0.1:9",
                     }))
        {
            await using var scope = app.CreateScope();
            await readsUsersRows(scope.ServiceProvider);
        }

        Assert.Equal(AllMigrations<TSqliteContext>(previous.ConnectionString), previous.AppliedMigrations());
        var after = previous.Rows(onlyColumnsOf: before);
        foreach (var (table, rows) in before.Where(t => movedTables?.Contains(t.Key) != true))
        {
            Assert.True(after.ContainsKey(table), $"table {table} is gone");
            Assert.Subset(after[table], rows);
        }
    }

    private static List<string> AllMigrations<TSqliteContext>(string connectionString) where TSqliteContext : DbContext
    {
        var options = new DbContextOptionsBuilder<TSqliteContext>().UseSqlite(connectionString).Options;
        using var db = (TSqliteContext)Activator.CreateInstance(typeof(TSqliteContext), options)!;
        var all = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(all);
        return all;
    }
}
