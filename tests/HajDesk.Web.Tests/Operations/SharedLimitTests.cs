using HajDesk.Core.Captcha;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Open311;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HajDesk.Web.Tests.Operations;

public class SharedLimitTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Fact]
    public async Task TryAcquire_OnTwoNodesOfOnePostgres_AllowExactlyTheConfiguredNumberTogether()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        // Like every deployment, the nodes share Captcha:AnswerKey, which also keys the counters' names.
        var settings = new Dictionary<string, string?>
        {
            ["RateLimits:TrackByNationalCode"] = "7",
            ["RateLimits:TrackByClient"] = "5",
            ["RateLimits:ApiCallsPerMinute"] = "6",
            ["Captcha:AnswerKey"] = CaptchaAnswerKey.NewBase64(),
        };
        await using var first = new HajDeskFactory(database, settings);
        _ = first.Server;
        await using var second = new HajDeskFactory(database, settings, ownsDatabase: false);
        var nodes = new[] { first, second }.Select(n => n.Services.GetRequiredService<Throttle>()).ToArray();

        // Forty attempts at once, spread over both nodes: the database decides, so exactly the limit gets through.
        var guesses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            nodes[i % 2].TryAcquireAsync(SharedLimit.TrackByNationalCode, "0499370899")));
        var lookups = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            nodes[i % 2].TryAcquireAsync(SharedLimit.TrackByClient, "192.0.2.7")));

        var keyLimiters = new[] { first, second }.Select(n => n.Services.GetRequiredService<Open311KeyLimiter>()).ToArray();
        var apiCalls = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => keyLimiters[i % 2].TryAcquireAsync(42)));

        Assert.Equal(7, guesses.Count(allowed => allowed));
        Assert.Equal(5, lookups.Count(allowed => allowed));
        Assert.Equal(6, apiCalls.Count(allowed => allowed));
        Assert.True(await keyLimiters[1].TryAcquireAsync(43));
        // Another national code has its own budget.
        Assert.True(await nodes[1].TryAcquireAsync(SharedLimit.TrackByNationalCode, "0010350829"));
    }

    [Fact]
    public async Task Counters_OnPostgres_HoldNoNationalCodeInClear()
    {
        await using var app = await HajDeskFactory.CreateAsync(DatabaseProvider.Postgres);
        var throttle = app.Services.GetRequiredService<Throttle>();

        await throttle.TryAcquireAsync(SharedLimit.RegistryByNationalCode, "0499370899");

        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT string_agg("Key", ',') FROM "RateCounters" """, connection);
        var keys = (string)(await command.ExecuteScalarAsync())!;
        Assert.DoesNotContain("0499370899", keys, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(SharedLimit.RegistryByNationalCode), keys, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TryAcquire_InTheNextWindow_CarriesThePreviousWindowOverAsASlidingEstimate(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        _ = app.Server;
        // The start of a ten-minute window, so the test says exactly where in the window each attempt falls.
        var clock = new TestClock(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        var store = Store(app, provider, clock);
        var window = TimeSpan.FromMinutes(10);

        Assert.Equal(new[] { true, true, true, false }, await AttemptsAsync(store, 4, window));

        // One minute into the next window nine tenths of the last one still count: ceil(3 × 0.9) = 3, no room.
        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.False(await store.TryAcquireAsync("k", 3, window));
        Assert.Equal(3, await store.CountAsync("k", window));

        // Seven minutes in: ceil(3 × 0.3) = 1 carried, room for two.
        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(new[] { true, true, false }, await AttemptsAsync(store, 3, window));

        // Two windows on, everything older is forgotten, and purged.
        clock.Advance(TimeSpan.FromMinutes(20));
        Assert.True(await store.PurgeExpiredAsync() > 0);
        Assert.Equal(0, await store.CountAsync("k", window));
        Assert.Equal(new[] { true, true, true, false }, await AttemptsAsync(store, 4, window));
    }

    private static async Task<bool[]> AttemptsAsync(IRateCounterStore store, int count, TimeSpan window)
    {
        var results = new bool[count];
        for (var i = 0; i < count; i++)
        {
            results[i] = await store.TryAcquireAsync("k", 3, window);
        }

        return results;
    }

    private static IRateCounterStore Store(HajDeskFactory app, DatabaseProvider provider, TimeProvider clock) =>
        provider == DatabaseProvider.Postgres
            ? new PostgresRateCounterStore(app.Services.GetRequiredService<IOptions<DatabaseOptions>>(),
                app.Services.GetRequiredService<CaptchaAnswerKey>(), clock)
            : new MemoryRateCounterStore(clock);
}
