using HajDesk.Core.Notifications;
using HajDesk.Web.Notifications;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.Notifications;

/// <summary>Two app processes' dispatchers on one database never send a message twice.</summary>
public class ConcurrentDispatcherTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Postgres, DatabaseProvider.Sqlite];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TwoHostedDispatchers_OneDatabase_SendEachMessageExactlyOnce(DatabaseProvider provider)
    {
        const int count = 50;
        await using var database = await TestDatabase.CreateAsync(provider);
        // A gateway slow enough that both dispatchers are busy at the same time.
        await using var gateway = await FakeSmsGateway.StartAsync(async (n, _, context) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5 + Random.Shared.Next(15)), context.RequestAborted);
            await FakeSmsGateway.AcceptAsync(context, n);
        });
        var settings = gateway.Settings();
        settings["Notifications:DispatcherEnabled"] = "true";
        settings["Notifications:PollSeconds"] = "0.02";
        settings["Notifications:BatchSize"] = "4";
        await using var first = NotificationTestApp.ForDatabase(database, settings);
        await using var second = NotificationTestApp.ForDatabase(database, settings);
        _ = first.Services;
        _ = second.Services;

        // One commit of 50 messages: both dispatchers race for them.
        var keys = await first.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var messages = Enumerable.Range(0, count).Select(i => new OutboxMessage
            {
                Channel = NotificationChannel.Sms,
                Template = MessageTemplates.RequestAnswered,
                Recipient = "0912" + (1000000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Body = $"پیام {i}",
                Status = OutboxStatus.Pending,
                CreatedAt = now,
                NextAttemptAt = now,
            }).ToList();
            db.OutboxMessages.AddRange(messages);
            await db.SaveChangesAsync();
            return messages.Select(m => KavenegarSmsSender.LocalId(m.IdempotencyKey)).ToHashSet();
        });

        await Eventually.UntilAsync(
            async () => await first.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Sent)) == count,
            TimeSpan.FromSeconds(60), "every message to be sent");
        await Task.Delay(300);

        var seen = gateway.Received.Select(c => c.LocalId).ToList();
        Assert.Equal(count, seen.Count);
        Assert.Equal(keys.Order(), seen.Order());
        var sent = await first.OutboxAsync();
        Assert.All(sent, m => Assert.Equal(1, m.Attempts));
        Assert.Equal(count, sent.Select(m => m.ProviderMessageId).Distinct().Count());
        // Both processes did part of the work.
        Assert.Contains(first.Logs, line => line.Contains(") sent on attempt 1", StringComparison.Ordinal));
        Assert.Contains(second.Logs, line => line.Contains(") sent on attempt 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoDispatchersByHand_OnPostgres_ClaimDisjointBatches()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var first = NotificationTestApp.ForDatabase(database, new Dictionary<string, string?> { ["Notifications:BatchSize"] = "10" });
        await using var second = NotificationTestApp.ForDatabase(database, new Dictionary<string, string?> { ["Notifications:BatchSize"] = "10" });
        for (var i = 0; i < 10; i++)
        {
            await first.CreateRequestAsync(email: $"citizen{i}@example.com");
        }

        var claimed = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => (i % 2 == 0 ? first : second).DispatchAsync()));

        Assert.Equal(20, claimed.Sum());
        Assert.Equal(20, await first.WithDbAsync(db => db.RecordedMessages.Select(m => m.IdempotencyKey).Distinct().CountAsync()));
        Assert.Equal(20, await first.WithDbAsync(db => db.RecordedMessages.CountAsync()));
    }
}
