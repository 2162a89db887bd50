using HajDesk.Core.Notifications;
using HajDesk.Web.Notifications;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.Notifications;

public class OutboxDispatcherTests
{
    [Fact]
    public async Task Dispatch_RecordingMode_StoresRecordedMessagesAndMarksThemSent()
    {
        await using var app = await NotificationTestApp.CreateAsync();
        await app.CreateRequestAsync(email: "citizen@example.com");
        var queued = await app.OutboxAsync();

        var claimed = await app.DispatchAsync();
        var again = await app.DispatchAsync();

        Assert.Equal(2, claimed);
        Assert.Equal(0, again);
        var sent = await app.OutboxAsync();
        Assert.All(sent, m =>
        {
            Assert.Equal(OutboxStatus.Sent, m.Status);
            Assert.Equal(1, m.Attempts);
            Assert.NotNull(m.SentAt);
            Assert.Null(m.LockedUntil);
            Assert.Null(m.LastError);
            Assert.StartsWith("recorded:", m.ProviderMessageId, StringComparison.Ordinal);
        });
        var recorded = await app.WithDbAsync(db => db.RecordedMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync());
        Assert.Equal(queued.Select(m => (m.IdempotencyKey, m.Channel, m.Recipient, m.Subject, m.Body, m.HtmlBody)),
            recorded.Select(m => (m.IdempotencyKey, m.Channel, m.Recipient, m.Subject, m.Body, m.HtmlBody)));
        var listed = await app.WithAdminAsync(admin => admin.ListRecordedAsync());
        Assert.Equal(2, listed.TotalCount);
        Assert.Equal(recorded[1].Id, listed.Items[0].Id);
    }

    [Fact]
    public async Task HostedDispatcher_IsWokenByALocalCommit()
    {
        // A poll interval far longer than the test: only the signal after the commit can explain a quick send.
        await using var app = await NotificationTestApp.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["Notifications:DispatcherEnabled"] = "true",
            ["Notifications:PollSeconds"] = "600",
        });
        _ = app.Services;
        await Task.Delay(200);

        await app.CreateRequestAsync();

        await Eventually.UntilAsync(async () => (await app.OutboxAsync()).All(m => m.Status == OutboxStatus.Sent),
            TimeSpan.FromSeconds(10), "the dispatcher to send after the commit");
        Assert.Equal(1, await app.WithDbAsync(db => db.RecordedMessages.CountAsync()));
    }

    [Fact]
    public async Task Crash_AfterCommitBeforeDispatch_NewProcessSendsExactlyOnce()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var gateway = await FakeSmsGateway.StartAsync();
        var first = NotificationTestApp.ForDatabase(database);
        await first.CreateRequestAsync();
        // The first process dies without dispatching anything.
        await first.DisposeAsync();

        var settings = gateway.Settings();
        settings["Notifications:DispatcherEnabled"] = "true";
        await using var second = NotificationTestApp.ForDatabase(database, settings);
        _ = second.Services;

        await Eventually.UntilAsync(async () => (await second.OutboxAsync()).Single().Status == OutboxStatus.Sent,
            because: "the new process to send the committed message");
        await Task.Delay(300);
        Assert.Equal(1, gateway.Calls);
        Assert.Equal(1, (await second.OutboxAsync()).Single().Attempts);
    }

    [Fact]
    public async Task Crash_AfterClaimBeforeSend_MessageIsSentOnceAfterTheLeaseRunsOut()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var gateway = await FakeSmsGateway.StartAsync();
        var first = NotificationTestApp.ForDatabase(database);
        await first.CreateRequestAsync();
        // The first process claimed the message (took the lease) and died before sending it.
        var leasedUntil = DateTime.UtcNow.AddSeconds(300);
        await first.WithDbAsync(db => db.OutboxMessages.ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, leasedUntil)));
        await first.DisposeAsync();

        var clock = new TestClock();
        await using var second = NotificationTestApp.ForDatabase(database, gateway.Settings(), clock);

        Assert.Equal(0, await second.DispatchAsync());
        clock.Advance(TimeSpan.FromSeconds(301));
        Assert.Equal(1, await second.DispatchAsync());
        Assert.Equal(0, await second.DispatchAsync());

        Assert.Equal(1, gateway.Calls);
        var message = (await second.OutboxAsync()).Single();
        Assert.Equal(OutboxStatus.Sent, message.Status);
        Assert.Equal(KavenegarSmsSender.LocalId(message.IdempotencyKey), gateway.Received.Single().LocalId);
    }

    [Fact]
    public async Task Dispatch_NotYetDue_IsLeftAlone()
    {
        var clock = new TestClock();
        await using var app = await NotificationTestApp.CreateAsync(clock: clock);
        await app.CreateRequestAsync();
        await app.WithDbAsync(db => db.OutboxMessages.ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, clock.GetUtcNow().UtcDateTime.AddMinutes(1))));

        Assert.Equal(0, await app.DispatchAsync());
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, await app.DispatchAsync());
    }

    [Fact]
    public void Backoff_GrowsFourfoldWithJitterUpToTheMaximum()
    {
        var options = new NotificationOptions { FirstRetrySeconds = 30, MaxRetrySeconds = 21600 };
        double[] expected = [30, 120, 480, 1920, 7680, 21600, 21600];

        for (var attempt = 1; attempt <= expected.Length; attempt++)
        {
            for (var sample = 0; sample < 20; sample++)
            {
                Assert.InRange(OutboxDispatcher.Backoff(attempt, options).TotalSeconds, expected[attempt - 1] * 0.8, expected[attempt - 1] * 1.2);
            }
        }
    }

    [Theory]
    [InlineData("550 5.1.1 <ali.rezaei@example.com>: mailbox unavailable")]
    [InlineData("receptor 09121234567 is invalid")]
    [InlineData("receptor ۰۹۱۲۱۲۳۴۵۶۷ نامعتبر است")]
    [InlineData("national code 0499370899 leaked")]
    public void Scrub_RemovesAddressesAndLongNumbers(string error)
    {
        var scrubbed = OutboxDispatcher.Scrub(error, "someone@example.org");

        Assert.DoesNotContain("ali.rezaei@example.com", scrubbed, StringComparison.Ordinal);
        Assert.DoesNotContain("09121234567", scrubbed, StringComparison.Ordinal);
        Assert.DoesNotContain("۰۹۱۲۱۲۳۴۵۶۷", scrubbed, StringComparison.Ordinal);
        Assert.DoesNotContain("0499370899", scrubbed, StringComparison.Ordinal);
        Assert.Contains("***", scrubbed, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrub_KeepsStatusCodes() =>
        Assert.Equal("SMS gateway refused the message, status 418: اعتبار کافی نیست",
            OutboxDispatcher.Scrub("SMS gateway refused the message, status 418: اعتبار کافی نیست", "09121234567"));
}
