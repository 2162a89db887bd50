using HajDesk.Core.Data;
using HajDesk.Core.Notifications;
using HajDesk.Core.Requests;
using HajDesk.Web.Notifications;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HajDesk.Web.Tests.Notifications;

/// <summary>A clock that moves only when told, for retry schedules without waiting.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private DateTimeOffset now = start;

    public TestClock()
        : this(DateTimeOffset.UtcNow)
    {
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (gate)
        {
            now += by;
        }
    }
}

/// <summary>
/// The real app for notification tests: the dispatcher is off unless the test turns it on (tests run it by hand with
/// <see cref="DispatchAsync"/>), the public address is a realistic one, and an optional <see cref="TestClock"/>
/// replaces the system clock.
/// </summary>
public sealed class NotificationTestApp(TestDatabase database, IDictionary<string, string?> settings, bool ownsDatabase, TestClock? clock)
    : HajDeskFactory(database, settings, ownsDatabase)
{
    /// <summary>Extra service registrations (interceptors, fakes), applied after the app's own.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    public const string PublicBaseUrl = "https://hajdesk.haj.ir";

    public const string FollowUpUrl = PublicBaseUrl + "/requests/track";

    public TestClock? Clock { get; } = clock;

    public static async Task<NotificationTestApp> CreateAsync(
        DatabaseProvider provider = DatabaseProvider.Sqlite, IDictionary<string, string?>? settings = null, TestClock? clock = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        return new NotificationTestApp(database, WithDefaults(settings), ownsDatabase: true, clock) { ConfigureServices = configureServices };
    }

    /// <summary>Another app process on the same database (which the first app owns and drops).</summary>
    public static NotificationTestApp OnSameDatabase(NotificationTestApp other, IDictionary<string, string?>? settings = null, TestClock? clock = null) =>
        ForDatabase(other.Database, settings, clock);

    /// <summary>An app process on a database the test owns: disposing the app (a crash) leaves the data behind.</summary>
    public static NotificationTestApp ForDatabase(TestDatabase database, IDictionary<string, string?>? settings = null, TestClock? clock = null) =>
        new(database, WithDefaults(settings), ownsDatabase: false, clock);

    private static Dictionary<string, string?> WithDefaults(IDictionary<string, string?>? settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["Notifications:PublicBaseUrl"] = PublicBaseUrl,
            ["Notifications:DispatcherEnabled"] = "false",
            ["Notifications:PollSeconds"] = "0.05",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return all;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            if (Clock is not null)
            {
                services.AddSingleton<TimeProvider>(Clock);
            }

            ConfigureServices?.Invoke(services);
        });
    }

    public OutboxDispatcher Dispatcher => Services.GetRequiredService<OutboxDispatcher>();

    /// <summary>One dispatcher pass, as the hosted loop makes it; returns how many messages it claimed.</summary>
    public Task<int> DispatchAsync() => Dispatcher.DispatchDueAsync(CancellationToken.None);

    public Task<List<OutboxMessage>> OutboxAsync() =>
        WithDbAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    public Task<OutboxMessage> OutboxMessageAsync(long id) =>
        WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));

    /// <summary>
    /// Stores a request (Tehran, «سایر») and, in the same SaveChanges, whatever <paramref name="notify"/> adds
    /// (by default <see cref="RequestNotifications.RequestReceived"/>).
    /// </summary>
    public async Task<ServiceRequest> CreateRequestAsync(string? email = null, string mobile = "09121234567",
        Action<RequestNotifications, ServiceRequest>? notify = null, Action<ServiceRequest>? change = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HajDeskDbContext>();
        var request = TestRequests.Build(db);
        request.Email = email;
        request.Mobile = mobile;
        change?.Invoke(request);
        db.Requests.Add(request);
        (notify ?? ((n, r) => n.RequestReceived(r)))(scope.ServiceProvider.GetRequiredService<RequestNotifications>(), request);
        await db.SaveChangesAsync();
        return request;
    }

    /// <summary>Adds messages for an existing request in a scope of its own and commits them.</summary>
    public async Task NotifyAsync(long requestId, Action<RequestNotifications, ServiceRequest> notify)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HajDeskDbContext>();
        var request = await db.Requests.SingleAsync(r => r.Id == requestId);
        notify(scope.ServiceProvider.GetRequiredService<RequestNotifications>(), request);
        await db.SaveChangesAsync();
    }

    public async Task<T> WithAdminAsync<T>(Func<OutboxAdmin, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<OutboxAdmin>());
    }
}

/// <summary>Polling with a deadline instead of fixed sleeps.</summary>
public static class Eventually
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting{(because is null ? string.Empty : " for " + because)}.");
            }

            await Task.Delay(25);
        }
    }
}
