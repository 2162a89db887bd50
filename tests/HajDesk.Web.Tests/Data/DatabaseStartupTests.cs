using System.Diagnostics;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HajDesk.Web.Tests.Data;

public class DatabaseStartupTests
{
    [Fact]
    public async Task Start_WithUnknownProvider_FailsNamingTheSetting()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["Database:Provider"] = "MySql",
        });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("Database:Provider", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithUnreachablePostgres_FailsNamingTheSetting()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            // Port 1 on loopback: nothing listens there, so the connection is refused at once.
            ["Database:ConnectionString"] = "Host=127.0.0.1;Port=1;Username=x;Password=y;Database=z;Timeout=3",
        });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("Database:ConnectionString", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_OnUnmigratedPostgresWithoutMigrateAtStartup_FailsNamingTheMigrateCommand()
    {
        await using var app = await HajDeskFactory.CreateAsync(DatabaseProvider.Postgres, new Dictionary<string, string?>
        {
            ["Database:MigrateAtStartup"] = "false",
        });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("migrate", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateCommand_OnEmptyPostgres_MigratesSeedsAndExits()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var webDll = Path.Combine(AppContext.BaseDirectory, "HajDesk.Web.dll");
        var start = new ProcessStartInfo("dotnet", [webDll, "migrate"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["Database__Provider"] = "Postgres";
        start.Environment["Database__ConnectionString"] = database.ConnectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{output}\n{errors}");
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("""SELECT count(*) FROM "Provinces" """, connection);
        Assert.Equal(31L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Sqlite_Connections_UseWalAndSynchronousFull()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        _ = app.Server;

        await app.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode;"));
            Assert.Equal("2", await ScalarAsync(connection, "PRAGMA synchronous;")); // 2 = FULL
            Assert.Equal("1", await ScalarAsync(connection, "PRAGMA foreign_keys;"));
        });
    }

    [Fact]
    public async Task Start_OnSqliteWithLockLeftByAKilledMigration_StartsAnyway()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var first = new HajDeskFactory(database, ownsDatabase: false))
        {
            _ = first.Server;
            await first.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
                "CREATE TABLE IF NOT EXISTS \"__EFMigrationsLock\" (\"Id\" INTEGER PRIMARY KEY, \"Timestamp\" TEXT NOT NULL); " +
                "INSERT INTO \"__EFMigrationsLock\" VALUES (1, '2026-01-01 00:00:00');"));
        }

        await using var second = new HajDeskFactory(database);
        var start = Task.Run(() => second.Server);

        Assert.Same(start, await Task.WhenAny(start, Task.Delay(TimeSpan.FromSeconds(30))));
        await start;
    }

    [Fact]
    public void SqliteConnectionString_Relative_IsResolvedUnderContentRootAndFolderCreated()
    {
        var root = Path.Combine(Path.GetTempPath(), "hajdesk-tests", Guid.NewGuid().ToString("N"));

        var connectionString = HajDesk.Web.Infrastructure.DatabaseSetup.SqliteConnectionString(null, root);

        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        Assert.Equal(Path.Combine(root, "data", "hajdesk.db"), dataSource);
        Assert.True(Directory.Exists(Path.Combine(root, "data")));
        Directory.Delete(root, recursive: true);
    }

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync())?.ToString();
    }
}
