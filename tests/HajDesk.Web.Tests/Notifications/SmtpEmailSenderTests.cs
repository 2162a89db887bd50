using System.Diagnostics;
using HajDesk.Core.Notifications;
using HajDesk.Web.Notifications;
using MimeKit;

namespace HajDesk.Web.Tests.Notifications;

/// <summary>The SMTP sender, through the dispatcher, against a real SMTP server on 127.0.0.1.</summary>
public class SmtpEmailSenderTests
{
    [Fact]
    public async Task Send_ServerAccepts_DeliversAnRtlHtmlMessageWithATextPart()
    {
        await using var smtp = await FakeSmtpServer.StartAsync();
        await using var app = await NotificationTestApp.CreateAsync(settings: smtp.Settings());
        var request = await app.CreateRequestAsync(email: "citizen@example.com");
        var queued = (await app.OutboxAsync()).Single(m => m.Channel == NotificationChannel.Email);

        Assert.Equal(2, await app.DispatchAsync());

        var mail = Assert.Single(smtp.Received);
        Assert.Equal("no-reply@hajdesk.example", mail.From);
        Assert.Equal(["citizen@example.com"], mail.To);
        var message = mail.Message;
        Assert.Equal($"{queued.IdempotencyKey:N}@hajdesk.example", message.MessageId);
        Assert.Equal(queued.Subject, message.Subject);
        var from = Assert.IsType<MailboxAddress>(Assert.Single(message.From));
        Assert.Equal("میز خدمت الکترونیک", from.Name);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType).ToArray());
        var code = MessageTemplates.FormatTrackingCode(request.TrackingCode);
        Assert.Contains(code, message.TextBody, StringComparison.Ordinal);
        Assert.Contains(NotificationTestApp.FollowUpUrl, message.TextBody, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>\n<html dir=\"rtl\" lang=\"fa\">", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("محمد گرامی", message.HtmlBody, StringComparison.Ordinal);
        var sent = await app.OutboxMessageAsync(queued.Id);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal($"<{queued.IdempotencyKey:N}@hajdesk.example>", sent.ProviderMessageId);
        Assert.DoesNotContain(app.Logs, line => line.Contains("citizen@example.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_ConnectionRefused_IsRetriedUntilFailed_VisibleToTheAdministrator_AndRetriedByHand()
    {
        var port = FakeSmtpServer.FreePort();
        var clock = new TestClock();
        var settings = FakeSmtpServer.Settings(port);
        settings["Notifications:MaxAttempts"] = "3";
        await using var app = await NotificationTestApp.CreateAsync(settings: settings, clock: clock);
        await app.CreateRequestAsync(email: "citizen@example.com");
        var id = (await app.OutboxAsync()).Single(m => m.Channel == NotificationChannel.Email).Id;

        await app.DispatchAsync();
        var first = await app.OutboxMessageAsync(id);
        Assert.Equal(OutboxStatus.Pending, first.Status);
        Assert.Equal(1, first.Attempts);
        Assert.Equal("SMTP connection failed (ConnectionRefused)", first.LastError);
        Assert.True(first.NextAttemptAt > clock.GetUtcNow().UtcDateTime);

        // Not due: nothing happens until the clock passes the back-off.
        Assert.Equal(0, await app.DispatchAsync());
        clock.Advance(TimeSpan.FromSeconds(37));
        Assert.Equal(1, await app.DispatchAsync());
        Assert.Equal(2, (await app.OutboxMessageAsync(id)).Attempts);
        clock.Advance(TimeSpan.FromSeconds(145));
        Assert.Equal(1, await app.DispatchAsync());

        var failed = await app.OutboxMessageAsync(id);
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Equal(3, failed.Attempts);
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await app.DispatchAsync());

        var listed = await app.WithAdminAsync(admin => admin.ListAsync(OutboxStatus.Failed));
        var entry = Assert.Single(listed.Items);
        Assert.Equal(id, entry.Id);
        Assert.Equal("c***@example.com", entry.Recipient);
        Assert.Equal("SMTP connection failed (ConnectionRefused)", entry.LastError);
        Assert.Equal(3, entry.Attempts);

        // The server comes up; the administrator retries: one more attempt, and it goes out.
        await using var smtp = await FakeSmtpServer.StartAsync(port: port);
        Assert.True(await app.WithAdminAsync(admin => admin.RetryAsync(id)));
        Assert.Equal(1, await app.DispatchAsync());
        var sent = await app.OutboxMessageAsync(id);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(4, sent.Attempts);
        Assert.Single(smtp.Received);
    }

    [Fact]
    public async Task Send_SlowServer_TimesOutAsAFailure()
    {
        await using var smtp = await FakeSmtpServer.StartAsync(delayBeforeReply: TimeSpan.FromSeconds(10));
        await using var app = await NotificationTestApp.CreateAsync(settings: smtp.Settings(timeoutSeconds: 1));
        await app.CreateRequestAsync(email: "citizen@example.com");
        var id = (await app.OutboxAsync()).Single(m => m.Channel == NotificationChannel.Email).Id;

        var watch = Stopwatch.StartNew();
        await app.DispatchAsync();
        watch.Stop();

        var message = await app.OutboxMessageAsync(id);
        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal(1, message.Attempts);
        Assert.Equal("SMTP timed out after 1 s (send)", message.LastError);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(6), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Send_InvalidRecipient_IsAFailureWithoutTheAddress()
    {
        await using var smtp = await FakeSmtpServer.StartAsync();
        await using var app = await NotificationTestApp.CreateAsync(settings: smtp.Settings());
        await app.CreateRequestAsync(email: "not an address");

        await app.DispatchAsync();

        var message = (await app.OutboxAsync()).Single(m => m.Channel == NotificationChannel.Email);
        Assert.Equal("the recipient is not a valid e-mail address", message.LastError);
        Assert.Empty(smtp.Received);
    }
}
