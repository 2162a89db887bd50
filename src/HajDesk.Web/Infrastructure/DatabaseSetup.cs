using HajDesk.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HajDesk.Web.Infrastructure;

/// <summary>Chooses the database provider from configuration and prepares the database at start-up.</summary>
public static class DatabaseSetup
{
    public const string DefaultSqliteConnectionString = "Data Source=data/hajdesk.db";

    public static IServiceCollection AddHajDeskDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();

        // Read eagerly: the provider decides how the DbContext is registered.
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.Provider is not ("Sqlite" or "Postgres"))
        {
            throw new OptionsValidationException(DatabaseOptions.Section, typeof(DatabaseOptions),
                [$"Database:Provider is '{options.Provider}'; it must be 'Sqlite' or 'Postgres'."]);
        }

        if (options.IsPostgres)
        {
            var connectionString = options.ConnectionString;
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new OptionsValidationException(DatabaseOptions.Section, typeof(DatabaseOptions),
                    ["Database:ConnectionString is required when Database:Provider is 'Postgres'."]);
            }

            // Pooled: a request takes a reset context instead of building options and services anew (measured in
            // docs/performance.md). The context keeps no state of its own between requests.
            services.AddDbContextPool<HajDeskDbContext>(db => db.UseNpgsql(connectionString,
                npgsql => npgsql.MigrationsAssembly("HajDesk.Migrations.Postgres")));
        }
        else
        {
            var connectionString = SqliteConnectionString(options.ConnectionString, contentRoot);
            // One write at a time, queued in-process (SqliteWriteGate), so writers never sleep in SQLite's busy handler.
            services.AddSingleton<SqliteWriteGate>();
            services.AddDbContextPool<HajDeskDbContext>((provider, db) => db
                .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly("HajDesk.Migrations.Sqlite"))
                .AddInterceptors(new SqlitePragmas(), provider.GetRequiredService<SqliteWriteGate>()));
        }

        // Provinces and subjects in memory, invalidated by HajDeskDbContext's saves (see ReferenceDataCache).
        services.AddSingleton<HajDesk.Core.Reference.ReferenceDataCache>();
        return services;
    }

    /// <summary>Resolves a relative SQLite file against the content root and creates its folder.</summary>
    internal static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(configured) ? DefaultSqliteConnectionString : configured);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }

        var folder = Path.GetDirectoryName(builder.DataSource);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        builder.Pooling = true;
        return builder.ToString();
    }

    /// <summary>
    /// EF Core guards migrations with a row in <c>__EFMigrationsLock</c>; on SQLite a process killed while migrating
    /// leaves that row behind and every later start waits for it forever. The SQLite file belongs to one app process
    /// (several nodes use PostgreSQL), so a lock found at start-up is always stale.
    /// </summary>
    private static async Task ReleaseStaleSqliteMigrationLockAsync(HajDeskDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'";
            if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                command.CommandText = "DELETE FROM \"__EFMigrationsLock\"";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Checks the database is reachable, applies migrations where allowed and seeds reference data.
    /// Fails with a message naming the setting to fix.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, bool forceMigrate = false,
        CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var db = scope.ServiceProvider.GetRequiredService<HajDeskDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup));

        if (options.IsPostgres)
        {
            try
            {
                await db.Database.OpenConnectionAsync(cancellationToken);
                await db.Database.CloseConnectionAsync();
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ArgumentException)
            {
                throw new InvalidOperationException(
                    $"Cannot connect to PostgreSQL with Database:ConnectionString ({e.Message}). " +
                    "Check Database:ConnectionString and that the server is running.", e);
            }

            if (forceMigrate || options.MigrateAtStartup)
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
            else
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                if (pending.Count > 0)
                {
                    throw new InvalidOperationException(
                        $"The PostgreSQL database lacks {pending.Count} migration(s) ({string.Join(", ", pending)}). " +
                        "Run 'dotnet HajDesk.Web.dll migrate' or set Database:MigrateAtStartup=true.");
                }
            }
        }
        else
        {
            await ReleaseStaleSqliteMigrationLockAsync(db, cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
            // WAL lets readers run beside the writer; it is a property of the file, set once.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        var seeded = await ReferenceDataSeeder.SeedAsync(db, cancellationToken);
        seeded += await Core.Calendar.FixedHolidays.SeedAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), cancellationToken);
        if (seeded > 0)
        {
            logger.LogInformation("Seeded {Count} reference rows", seeded);
        }
    }
}
