using System.Net;
using HajDesk.Core.Notifications;
using HajDesk.Web.Notifications;
using HajDesk.Web.Staff;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.PageTests.Staff.Admin;

public class AdminNotificationTests
{
    private static async Task<long> AddMessageAsync(HajDeskFactory app, OutboxStatus status, string recipient = "09121234567") =>
        await app.WithDbAsync(async db =>
        {
            var message = new OutboxMessage
            {
                Channel = NotificationChannel.Sms,
                Template = MessageTemplates.RequestAnswered,
                Recipient = recipient,
                Body = "متن پیام آزمایشی",
                Status = status,
                Attempts = status == OutboxStatus.Failed ? 8 : 0,
                LastError = status == OutboxStatus.Failed ? "gateway returned 503" : null,
                CreatedAt = DateTime.UtcNow,
                NextAttemptAt = DateTime.UtcNow.AddHours(1),
            };
            db.OutboxMessages.Add(message);
            await db.SaveChangesAsync();
            return message.Id;
        });

    [Fact]
    public async Task FailedMessage_IsListedMaskedAndRetriedOnce()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" });
        await StaffWorld.CreateAsync(app);
        var id = await AddMessageAsync(app, OutboxStatus.Failed);
        var admin = await app.SignInAsync("admin.test");

        var page = await admin.GetPageAsync("/staff/admin/notifications?view=failed");
        var row = Assert.Single(page.QuerySelectorAll("[data-testid=message-row]"));
        Assert.Contains("0912***4567", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("09121234567", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Contains("gateway returned 503", row.TextContent, StringComparison.Ordinal);

        await (await admin.PostFormAsync(page.Form("[data-testid=retry-form]"))).AssertRedirectAsync();
        var again = await admin.PostFormAsync(page.Form("[data-testid=retry-form]"));

        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var stored = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Id == id));
        Assert.Equal(OutboxStatus.Pending, stored.Status);
        Assert.Single(await app.AuditAsync(AuditActions.NotificationRetry));
    }

    [Fact]
    public async Task RecordedMessages_AreShownWithTheirText()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        await app.WithDbAsync(async db =>
        {
            db.RecordedMessages.Add(new RecordedMessage { Channel = NotificationChannel.Sms, Recipient = "09121234567", Body = "درخواست شما ثبت شد", At = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        var admin = await app.SignInAsync("admin.test");

        var page = await admin.GetPageAsync("/staff/admin/notifications?view=recorded");

        Assert.Contains("درخواست شما ثبت شد", Assert.Single(page.QuerySelectorAll("[data-testid=recorded-row]")).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_EditedTextIsSavedAuditedAndTooLongSmsRefused()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        const string url = "/staff/admin/notifications/templates/request.answered";

        await (await admin.PostPageFormAsync(url, "[data-testid=template-form]", new Dictionary<string, string?>
        {
            ["SmsText"] = "{FirstName} عزیز، درخواست {TrackingCode} پاسخ دارد: {FollowUpUrl}",
        })).AssertRedirectAsync();
        var tooLong = await (await admin.PostPageFormAsync(url, "[data-testid=template-form]", new Dictionary<string, string?>
        {
            ["SmsText"] = new string('ب', 200),
        })).AssertPageAsync(HttpStatusCode.BadRequest);
        var unknown = await (await admin.PostPageFormAsync(url, "[data-testid=template-form]", new Dictionary<string, string?>
        {
            ["SmsText"] = "{NationalCode}",
        })).AssertPageAsync(HttpStatusCode.BadRequest);

        Assert.Contains("حداکثر", tooLong.TextOf("#SmsText-error"), StringComparison.Ordinal);
        Assert.Contains("{NationalCode}", unknown.TextOf("#SmsText-error"), StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.MessageTemplates.SingleAsync(t => t.Key == MessageTemplates.RequestAnswered));
        Assert.Equal("{FirstName} عزیز، درخواست {TrackingCode} پاسخ دارد: {FollowUpUrl}", stored.SmsText);
        Assert.Single(await app.AuditAsync(AuditActions.TemplateUpdate));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/staff/admin/notifications/templates/no.such")).StatusCode);
    }
}
