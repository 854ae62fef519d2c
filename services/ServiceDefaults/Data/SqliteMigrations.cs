using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace GenderArchitecture.ServiceDefaults.Data;

/// <summary>
/// Applies a service's SQLite migration set (a context type derived from the service's own, see README "Databases")
/// on the service's connection. A database created by a release before SQLite had migrations (EnsureCreated: tables,
/// no __EFMigrationsHistory) is first baselined: its schema is the first migration's, so that one is recorded as
/// applied and only the later ones run - the office's data stays.
/// </summary>
public static class SqliteMigrations
{
    public static async Task MigrateAsync<TSqliteContext>(DbConnection connection, ILogger logger, CancellationToken cancellationToken)
        where TSqliteContext : DbContext
    {
        var options = new DbContextOptionsBuilder<TSqliteContext>().UseSqlite(connection).Options;
        await using var db = (TSqliteContext)Activator.CreateInstance(typeof(TSqliteContext), options)!;

        var history = db.GetService<IHistoryRepository>();
        if (!await history.ExistsAsync(cancellationToken) && await HasTablesAsync(db, cancellationToken))
        {
            var baseline = db.Database.GetMigrations().FirstOrDefault()
                ?? throw new InvalidOperationException($"{typeof(TSqliteContext).Name} has no migrations to baseline an existing database on.");
            await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), cancellationToken);
            await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(baseline, EfCoreVersion)), cancellationToken);
            logger.LogWarning("SQLite database created before migrations (EnsureCreated): baselined at {Migration}", baseline);
        }

        await db.Database.MigrateAsync(cancellationToken);
    }

    private static async Task<bool> HasTablesAsync(DbContext db, CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<int>(
                "SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%'")
            .SingleAsync(cancellationToken) > 0;

    private static readonly string EfCoreVersion =
        typeof(DbContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "10.0.0";
}
