using System.Collections.Concurrent;
using HajDesk.Core.Captcha;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HajDesk.Web.Infrastructure;

/// <summary>
/// Counters behind the limits that must hold however many nodes serve: in-process with SQLite (one process owns the
/// file), in the <c>RateCounters</c> table with PostgreSQL (every node counts in the same row).
/// </summary>
/// <remarks>
/// Both count in fixed windows and estimate a sliding one from the previous window, weighted by how much of it the
/// sliding window still covers (rounded up, so the estimate never lets more through than the limit). A refused
/// attempt is not counted.
/// </remarks>
public interface IRateCounterStore
{
    /// <summary>Counts one event for <paramref name="key"/> if the estimate stays within <paramref name="limit"/> per <paramref name="window"/>.</summary>
    Task<bool> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken = default);

    /// <summary>The estimated number of events counted for <paramref name="key"/> in the last <paramref name="window"/>.</summary>
    Task<int> CountAsync(string key, TimeSpan window, CancellationToken cancellationToken = default);

    /// <summary>Forgets the windows no longer read; returns how many went.</summary>
    Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default);
}

/// <summary>The fixed window an instant falls in, and how much of the previous one a sliding window still covers.</summary>
public readonly record struct RateWindow(DateTime Start, DateTime PreviousStart, DateTime ExpiresAt, double PreviousWeight)
{
    public static RateWindow At(DateTimeOffset now, TimeSpan window)
    {
        var ticks = now.UtcTicks - DateTime.UnixEpoch.Ticks;
        var startTicks = ticks - (ticks % window.Ticks);
        var start = DateTime.UnixEpoch.AddTicks(startTicks);
        var elapsed = (double)(ticks - startTicks) / window.Ticks;
        return new RateWindow(start, start - window, start + window + window, 1 - elapsed);
    }

    /// <summary>The previous window's share of the sliding estimate, rounded up.</summary>
    public int Carried(int previousCount) => (int)Math.Ceiling(previousCount * PreviousWeight);
}

/// <summary>The counters of one process (SQLite: one process owns the database).</summary>
public sealed class MemoryRateCounterStore(TimeProvider time) : IRateCounterStore
{
    private readonly ConcurrentDictionary<(string Key, DateTime Start), Counter> counters = new();

    public Task<bool> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken = default)
    {
        var at = RateWindow.At(time.GetUtcNow(), window);
        var room = limit - at.Carried(Read(key, at.PreviousStart));
        var counter = counters.GetOrAdd((key, at.Start), _ => new Counter(at.ExpiresAt));
        lock (counter)
        {
            if (counter.Count >= room)
            {
                return Task.FromResult(false);
            }

            counter.Count++;
            return Task.FromResult(true);
        }
    }

    public Task<int> CountAsync(string key, TimeSpan window, CancellationToken cancellationToken = default)
    {
        var at = RateWindow.At(time.GetUtcNow(), window);
        return Task.FromResult(Read(key, at.Start) + at.Carried(Read(key, at.PreviousStart)));
    }

    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var purged = 0;
        foreach (var (key, counter) in counters)
        {
            if (counter.ExpiresAt <= now && counters.TryRemove(key, out _))
            {
                purged++;
            }
        }

        return Task.FromResult(purged);
    }

    private int Read(string key, DateTime start)
    {
        if (!counters.TryGetValue((key, start), out var counter))
        {
            return 0;
        }

        lock (counter)
        {
            return counter.Count;
        }
    }

    private sealed class Counter(DateTime expiresAt)
    {
        public int Count { get; set; }

        public DateTime ExpiresAt { get; } = expiresAt;
    }
}

/// <summary>
/// The counters of every node, in PostgreSQL's <c>RateCounters</c>: one statement reads the previous window and
/// adds one to the current one only when the estimate leaves room (<c>INSERT … ON CONFLICT DO UPDATE … WHERE …
/// RETURNING</c>), so two nodes can never both take the last permit. Keys are stored as keyed hashes.
/// </summary>
public sealed class PostgresRateCounterStore(IOptions<DatabaseOptions> database, CaptchaAnswerKey hashKey, TimeProvider time)
    : IRateCounterStore
{
    private const string Previous =
        """coalesce((SELECT p."Count" FROM "RateCounters" p WHERE p."Key" = @key AND p."WindowStart" = @previous), 0)""";

    private static readonly string AcquireSql = $"""
        INSERT INTO "RateCounters" ("Key", "WindowStart", "Count", "ExpiresAt")
        SELECT @key, @start, 1, @expires WHERE ceil({Previous} * @weight) < @limit
        ON CONFLICT ("Key", "WindowStart") DO UPDATE SET "Count" = "RateCounters"."Count" + 1
        WHERE "RateCounters"."Count" + ceil({Previous} * @weight) < @limit
        RETURNING "Count"
        """;

    private static readonly string CountSql = $"""
        SELECT coalesce((SELECT c."Count" FROM "RateCounters" c WHERE c."Key" = @key AND c."WindowStart" = @start), 0)
             + ceil({Previous} * @weight)::integer
        """;

    private readonly string connectionString = database.Value.ConnectionString!;

    public async Task<bool> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = Command(connection, AcquireSql, key, window);
        command.Parameters.AddWithValue("limit", limit);
        // A row back means this attempt was counted; none means the estimate was full.
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async Task<int> CountAsync(string key, TimeSpan window, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = Command(connection, CountSql, key, window);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""DELETE FROM "RateCounters" WHERE "ExpiresAt" <= @now""", connection);
        command.Parameters.AddWithValue("now", time.GetUtcNow().UtcDateTime);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private NpgsqlCommand Command(NpgsqlConnection connection, string sql, string key, TimeSpan window)
    {
        var at = RateWindow.At(time.GetUtcNow(), window);
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", hashKey.CounterKeyOf(key));
        command.Parameters.AddWithValue("start", at.Start);
        command.Parameters.AddWithValue("previous", at.PreviousStart);
        command.Parameters.AddWithValue("expires", at.ExpiresAt);
        command.Parameters.AddWithValue("weight", at.PreviousWeight);
        return command;
    }
}

/// <summary>Deletes the counters no limit reads any more, every five minutes (the first round after five minutes).</summary>
public sealed class RateCounterCleaner(IRateCounterStore store, IServiceScopeFactory scopes, TimeProvider time, ILogger<RateCounterCleaner> logger)
    : Background.PeriodicWorker<int>(scopes, time, logger)
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(5);

    protected override TimeSpan? Interval => Every;

    protected override TimeSpan FirstDelay => Every;

    protected override Task<int> RoundAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        store.PurgeExpiredAsync(cancellationToken);
}
