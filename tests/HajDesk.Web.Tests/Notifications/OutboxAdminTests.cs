using HajDesk.Core.Notifications;
using HajDesk.Web.Notifications;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.Notifications;

/// <summary>The operations the administrator pages will call.</summary>
public class OutboxAdminTests
{
    private static Task<List<long>> AddMessagesAsync(NotificationTestApp app, OutboxStatus status, int count, string recipient = "09121234567") =>
        app.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var messages = Enumerable.Range(0, count).Select(i => new OutboxMessage
            {
                Channel = recipient.Contains('@', StringComparison.Ordinal) ? NotificationChannel.Email : NotificationChannel.Sms,
                Template = MessageTemplates.RequestAnswered,
                Recipient = recipient,
                Body = "متن",
                Status = status,
                Attempts = status == OutboxStatus.Failed ? 8 : 0,
                LastError = status == OutboxStatus.Failed ? "SMS gateway answered HTTP 503" : null,
                CreatedAt = now,
                NextAttemptAt = now.AddSeconds(i),
            }).ToList();
            db.OutboxMessages.AddRange(messages);
            await db.SaveChangesAsync();
            return messages.Select(m => m.Id).ToList();
        });

    [Fact]
    public async Task List_PagesFailedNewestFirstAndPendingInSendingOrder_WithMaskedRecipients()
    {
        await using var app = await NotificationTestApp.CreateAsync();
        var failed = await AddMessagesAsync(app, OutboxStatus.Failed, 5);
        var pending = await AddMessagesAsync(app, OutboxStatus.Pending, 3, "citizen@example.com");
        await AddMessagesAsync(app, OutboxStatus.Sent, 2);

        var failedPage2 = await app.WithAdminAsync(a => a.ListAsync(OutboxStatus.Failed, page: 2, pageSize: 2));
        var pendingPage = await app.WithAdminAsync(a => a.ListAsync(OutboxStatus.Pending));
        var counts = await app.WithAdminAsync(a => a.CountsAsync());

        Assert.Equal(5, failedPage2.TotalCount);
        Assert.Equal(3, failedPage2.PageCount);
        Assert.Equal([failed[2], failed[1]], failedPage2.Items.Select(e => e.Id).ToArray());
        Assert.All(failedPage2.Items, e =>
        {
            Assert.Equal("0912***4567", e.Recipient);
            Assert.Equal(8, e.Attempts);
            Assert.Equal("SMS gateway answered HTTP 503", e.LastError);
        });
        Assert.Equal(pending, pendingPage.Items.Select(e => e.Id).ToList());
        Assert.All(pendingPage.Items, e => Assert.Equal("c***@example.com", e.Recipient));
        Assert.Equal(new OutboxCounts(3, 2, 5), counts);
    }

    [Fact]
    public async Task Retry_FailedMessage_BecomesDueNowKeepingItsAttempts()
    {
        var clock = new TestClock();
        await using var app = await NotificationTestApp.CreateAsync(clock: clock);
        var failed = (await AddMessagesAsync(app, OutboxStatus.Failed, 1))[0];
        var pending = (await AddMessagesAsync(app, OutboxStatus.Pending, 1))[0];

        Assert.True(await app.WithAdminAsync(a => a.RetryAsync(failed)));
        Assert.False(await app.WithAdminAsync(a => a.RetryAsync(failed)));
        Assert.False(await app.WithAdminAsync(a => a.RetryAsync(pending)));
        Assert.False(await app.WithAdminAsync(a => a.RetryAsync(987654)));

        var retried = await app.OutboxMessageAsync(failed);
        Assert.Equal(OutboxStatus.Pending, retried.Status);
        Assert.Equal(8, retried.Attempts);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, retried.NextAttemptAt, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Templates_ListedInOrder_AndFetchedByKey()
    {
        await using var app = await NotificationTestApp.CreateAsync();

        var all = await app.WithAdminAsync(a => a.GetTemplatesAsync());
        var one = await app.WithAdminAsync(a => a.GetTemplateAsync(MessageTemplates.StaffNewRequest));
        var none = await app.WithAdminAsync(a => a.GetTemplateAsync("request.deleted"));

        Assert.Equal(MessageTemplates.Keys, all.Select(t => t.Key).ToList());
        Assert.Equal(MessageTemplates.Defaults[MessageTemplates.StaffNewRequest].EmailText, one!.EmailText);
        Assert.Null(none);
    }

    [Fact]
    public async Task UpdateTemplate_Valid_IsSavedNormalized()
    {
        var clock = new TestClock();
        await using var app = await NotificationTestApp.CreateAsync(clock: clock);

        var result = await app.WithAdminAsync(a => a.UpdateTemplateAsync(MessageTemplates.RequestAnswered,
            new TemplateUpdate("  پاسخ درخواست {TrackingCode} آماده است.\r\n{FollowUpUrl} ", "پاسخ {TrackingCode}", "{FirstName} گرامی،\r\nپاسخ آماده است.\n{FollowUpUrl}")));

        Assert.True(result.Succeeded);
        var saved = await app.WithDbAsync(db => db.MessageTemplates.AsNoTracking().SingleAsync(t => t.Key == MessageTemplates.RequestAnswered));
        Assert.Equal("پاسخ درخواست {TrackingCode} آماده است.\n{FollowUpUrl}", saved.SmsText);
        Assert.Equal("{FirstName} گرامی،\nپاسخ آماده است.\n{FollowUpUrl}", saved.EmailText);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, saved.UpdatedAt, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task UpdateTemplate_Invalid_ReportsEachFieldInPersianAndSavesNothing()
    {
        await using var app = await NotificationTestApp.CreateAsync();
        var tooLong = "{FirstName} گرامی، " + new string('ب', 100) + " {TrackingCode} {FollowUpUrl}";

        var result = await app.WithAdminAsync(a => a.UpdateTemplateAsync(MessageTemplates.RequestReceived,
            new TemplateUpdate(tooLong, "کد ملی {NationalCode}", " ")));

        Assert.False(result.Succeeded);
        Assert.StartsWith("پیامک با مقدارهای نمونه ", result.Errors[nameof(TemplateUpdate.SmsText)], StringComparison.Ordinal);
        Assert.EndsWith("حداکثر ۱۳۴ نویسه (دو پیامک) مجاز است.", result.Errors[nameof(TemplateUpdate.SmsText)], StringComparison.Ordinal);
        Assert.StartsWith("{NationalCode} در این الگو شناخته نیست", result.Errors[nameof(TemplateUpdate.EmailSubject)], StringComparison.Ordinal);
        Assert.Equal("متن ایمیل را بنویسید.", result.Errors[nameof(TemplateUpdate.EmailText)]);
        var stored = await app.WithDbAsync(db => db.MessageTemplates.AsNoTracking().SingleAsync(t => t.Key == MessageTemplates.RequestReceived));
        Assert.Equal(MessageTemplates.Defaults[MessageTemplates.RequestReceived].SmsText, stored.SmsText);
    }

    [Fact]
    public async Task UpdateTemplate_StaffPlaceholderInACitizenTemplate_IsRefused()
    {
        await using var app = await NotificationTestApp.CreateAsync();

        var errors = await app.WithAdminAsync(a => Task.FromResult(a.Validate(MessageTemplates.RequestAnswered,
            new TemplateUpdate("{StaffUrl}", "موضوع", "متن"))));
        var unknownKey = await app.WithAdminAsync(a => a.UpdateTemplateAsync("request.deleted", new TemplateUpdate("a", "b", "c")));

        Assert.Contains("{StaffUrl}", errors[nameof(TemplateUpdate.SmsText)], StringComparison.Ordinal);
        Assert.False(unknownKey.Succeeded);
    }

    [Fact]
    public async Task PreviewSms_RendersWithTheConfiguredAddress()
    {
        await using var app = await NotificationTestApp.CreateAsync();

        var preview = await app.WithAdminAsync(a => Task.FromResult(a.PreviewSms(MessageTemplates.RequestReceived,
            MessageTemplates.Defaults[MessageTemplates.RequestReceived].SmsText)));

        Assert.Contains(NotificationTestApp.FollowUpUrl, preview, StringComparison.Ordinal);
        Assert.Contains(MessageTemplates.FormatTrackingCode(OutboxAdmin.SampleTrackingCode), preview, StringComparison.Ordinal);
        Assert.True(preview.Length <= MessageTemplates.MaxSmsLength);
    }
}
