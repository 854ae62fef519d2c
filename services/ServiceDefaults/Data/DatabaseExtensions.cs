using GenderArchitecture.ServiceDefaults.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GenderArchitecture.ServiceDefaults.Data;

public enum DatabaseProvider { Sqlite, Postgres }

public static class DatabaseExtensions
{
    /// <summary>
    /// Registers a service's DbContext on the provider named by <c>Database:Provider</c> (Sqlite | Postgres) with
    /// the connection string <c>ConnectionStrings:{name}</c>, and prepares the database before the host serves:
    /// migrations of <typeparamref name="TContext"/> on PostgreSQL, of <typeparamref name="TSqliteContext"/> on SQLite.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext, TSqliteContext, TSeeder>(this IHostApplicationBuilder builder, string name)
        where TContext : DbContext
        where TSqliteContext : TContext
        where TSeeder : class, IDatabaseSeeder<TContext>
    {
        var provider = builder.Configuration.GetDatabaseProvider();
        var connectionString = builder.Configuration.GetConnectionString(name)
            ?? throw new InvalidOperationException($"ConnectionStrings:{name} is not configured.");
        if (provider == DatabaseProvider.Sqlite)
        {
            connectionString = SqliteFiles.Resolve(connectionString, builder.Environment.ContentRootPath);
        }

        builder.Services.AddAudit<TContext>();
        builder.Services.AddDbContext<TContext>((services, options) => options.UseSuiteProvider(provider, connectionString)
            .AddInterceptors(services.GetRequiredService<AuditChangesInterceptor>()));
        builder.Services.AddScoped<IDatabaseSeeder<TContext>, TSeeder>();
        builder.Services.AddHostedService<DatabaseInitializer<TContext, TSqliteContext>>();
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>($"{name.ToLowerInvariant()}-database");
        return builder;
    }

    public static DatabaseProvider GetDatabaseProvider(this IConfiguration configuration)
    {
        var value = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        return Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider)
            ? provider
            : throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{value}'.");
    }

    public static DbContextOptionsBuilder UseSuiteProvider(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) =>
        provider switch
        {
            DatabaseProvider.Postgres => options.UseNpgsql(connectionString),
            _ => options.UseSqlite(connectionString),
        };
}

public static class SqliteFiles
{
    /// <summary>Relative SQLite paths are taken from the content root; the folder is created if missing.</summary>
    public static string Resolve(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is ":memory:" || builder.Mode == SqliteOpenMode.Memory || builder.DataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            return connectionString;
        }
        if (!Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }
        Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        if (builder.DefaultTimeout < 30) builder.DefaultTimeout = 30;
        return builder.ToString();
    }
}
