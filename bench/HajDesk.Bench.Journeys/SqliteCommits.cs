using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace HajDesk.Bench.Journeys;

/// <summary>
/// The ceiling of a single SQLite writer: one connection committing one-row INSERT transactions in WAL mode with
/// synchronous=FULL (as the app's connections are), each transaction durable before the next begins.
/// </summary>
public static class SqliteCommits
{
    /// <summary>Runs <c>--sql</c> on <c>--file</c>: the benchmark's set-up of the app's database (no sqlite3 needed).</summary>
    public static async Task<int> ExecAsync(Arguments args)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = args.Get("file"), Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = args.Get("sql");
        await command.ExecuteNonQueryAsync();
        return 0;
    }

    public static async Task<int> RunAsync(Arguments args)
    {
        var file = args.Get("file");
        var seconds = args.GetDouble("seconds", 20);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; " +
                "CREATE TABLE IF NOT EXISTS bench_commits (id INTEGER PRIMARY KEY, at TEXT NOT NULL, note TEXT NOT NULL);";
            await setup.ExecuteNonQueryAsync();
        }

        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO bench_commits (at, note) VALUES ($at, 'bench')";
        var at = insert.Parameters.Add("$at", SqliteType.Text);

        // A second of warm-up, then the measured window.
        await CommitForAsync(connection, insert, at, TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();
        var commits = await CommitForAsync(connection, insert, at, TimeSpan.FromSeconds(seconds));
        var rate = commits / clock.Elapsed.TotalSeconds;
        Console.WriteLine(rate.ToString("F0", CultureInfo.InvariantCulture));
        return 0;
    }

    private static async Task<long> CommitForAsync(SqliteConnection connection, SqliteCommand insert, SqliteParameter at, TimeSpan duration)
    {
        long commits = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            // BEGIN IMMEDIATE, one row, COMMIT: the shape of the app's shortest write.
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            insert.Transaction = transaction;
            at.Value = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
            commits++;
        }

        return commits;
    }
}
