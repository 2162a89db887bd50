using AngleSharp;
using HajDesk.Core.Data;
using HajDesk.Core.Requests;
using HajDesk.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HajDesk.Web.Tests.Notifications;

public class MessageTemplateTests
{
    /// <summary>Realistic first names, up to the longest common ones.</summary>
    public static TheoryData<string, string> SmsCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var key in MessageTemplates.Keys)
        {
            foreach (var name in new[] { "علی", "امیرحسین", "فاطمه‌زهرا", "سیدمحمدحسین" })
            {
                data.Add(key, name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SmsCases))]
    public void SeededSms_RenderedWithRealisticValues_FitsTwoSegments(string key, string firstName)
    {
        var values = new Dictionary<string, string>
        {
            [MessageTemplates.Placeholders.FirstName] = firstName,
            [MessageTemplates.Placeholders.TrackingCode] = MessageTemplates.FormatTrackingCode(TrackingCode.New()),
            [MessageTemplates.Placeholders.FollowUpUrl] = NotificationTestApp.FollowUpUrl,
            [MessageTemplates.Placeholders.Organization] = "سازمان حج و زیارت",
            [MessageTemplates.Placeholders.ServiceName] = "میز خدمت الکترونیک",
            // The longest province name.
            [MessageTemplates.Placeholders.ProvinceName] = "کهگیلویه و بویراحمد",
            [MessageTemplates.Placeholders.StaffUrl] = NotificationTestApp.PublicBaseUrl + "/staff",
            [MessageTemplates.Placeholders.SurveyUrl] = NotificationTestApp.PublicBaseUrl + "/survey/" + new string('x', 32),
            [MessageTemplates.Placeholders.DueDate] = "۲۹ اسفند ۱۴۰۵",
            [MessageTemplates.Placeholders.OverdueCount] = "۱۲۳",
            [MessageTemplates.Placeholders.TrackingCodes] = MessageTemplates.FormatTrackingCode(TrackingCode.New()),
        };

        var sms = MessageTemplates.Render(MessageTemplates.Defaults[key].SmsText, values);

        Assert.DoesNotContain("{", sms, StringComparison.Ordinal);
        Assert.True(sms.Length <= MessageTemplates.MaxSmsLength, $"{key} with «{firstName}» is {sms.Length} characters:\n{sms}");
        Assert.InRange(MessageTemplates.SmsSegments(sms), 1, 2);
    }

    [Fact]
    public void SeededTemplates_UseOnlyTheirAllowedPlaceholders()
    {
        foreach (var key in MessageTemplates.Keys)
        {
            var template = MessageTemplates.Defaults[key];
            var used = MessageTemplates.PlaceholdersIn(template.SmsText + template.EmailSubject + template.EmailText);
            Assert.All(used, p => Assert.Contains(p, MessageTemplates.PlaceholdersOf(key)));
            // Every message names its request, or (the daily digest) its requests.
            Assert.True(used.Contains(MessageTemplates.Placeholders.TrackingCode) || used.Contains(MessageTemplates.Placeholders.TrackingCodes), key);
        }
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void SmsSegments_PersianText_CountsUcs2Segments(int length, int segments) =>
        Assert.Equal(segments, MessageTemplates.SmsSegments(new string('س', length)));

    [Theory]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    public void SmsSegments_PlainAsciiText_CountsGsmSegments(int length, int segments) =>
        Assert.Equal(segments, MessageTemplates.SmsSegments(new string('a', length)));

    [Fact]
    public void FormatTrackingCode_GroupsPersianDigitsWithNoBreakSpaces()
    {
        Assert.Equal("۴۸۲۱\u00A0۳۳۹۰\u00A0۵۱۷۶", MessageTemplates.FormatTrackingCode("482133905176"));
    }

    [Fact]
    public async Task RenderHtml_EncodesEveryValueAndIsRightToLeft()
    {
        var values = new Dictionary<string, string>
        {
            [MessageTemplates.Placeholders.FirstName] = "<script>alert('x')</script> & \"شرکا\"",
            [MessageTemplates.Placeholders.TrackingCode] = MessageTemplates.FormatTrackingCode("482133905176"),
            [MessageTemplates.Placeholders.FollowUpUrl] = "https://hajdesk.haj.ir/requests/track?a=1&b=\"2\"",
            [MessageTemplates.Placeholders.Organization] = "سازمان <حج>",
            [MessageTemplates.Placeholders.ServiceName] = "میز خدمت",
        };
        var template = MessageTemplates.Defaults[MessageTemplates.RequestReceived].EmailText;

        var html = MessageTemplates.RenderHtml(template, values, "موضوع <b>", "سربرگ");

        Assert.StartsWith("<!DOCTYPE html>\n<html dir=\"rtl\" lang=\"fa\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<حج>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;شرکا&quot;", html, StringComparison.Ordinal);
        var document = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.Equal("rtl", document.DocumentElement.GetAttribute("dir"));
        Assert.Equal("موضوع <b>", document.Title);
        var link = Assert.Single(document.QuerySelectorAll("a"));
        Assert.Equal("https://hajdesk.haj.ir/requests/track?a=1&b=\"2\"", link.GetAttribute("href"));
        Assert.Equal("ltr", document.QuerySelector("bdi")!.GetAttribute("dir"));
        Assert.Contains("<script>alert('x')</script> & \"شرکا\" گرامی", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.True(document.QuerySelectorAll("p").Length >= 5);
        Assert.NotEmpty(document.QuerySelectorAll("br"));
    }

    [Fact]
    public async Task Start_SeedsEveryTemplateOnce_AndNeverOverwritesAnEdit()
    {
        await using var app = await NotificationTestApp.CreateAsync();
        var seeded = await app.WithDbAsync(db => db.MessageTemplates.AsNoTracking().ToListAsync());
        Assert.Equal(MessageTemplates.Keys.Order(), seeded.Select(t => t.Key).Order());
        Assert.All(seeded, t => Assert.Equal(MessageTemplates.Defaults[t.Key].SmsText, t.SmsText));

        await app.WithDbAsync(async db =>
        {
            var answered = await db.MessageTemplates.SingleAsync(t => t.Key == MessageTemplates.RequestAnswered);
            answered.SmsText = "پاسخ درخواست {TrackingCode} آماده است.";
            db.MessageTemplates.Remove(await db.MessageTemplates.SingleAsync(t => t.Key == MessageTemplates.RequestReferred));
            await db.SaveChangesAsync();
        });

        var insertedAgain = await app.WithDbAsync(db => MessageTemplateStore.SeedAsync(db, DateTime.UtcNow, CancellationToken.None));
        var insertedThen = await app.WithDbAsync(db => MessageTemplateStore.SeedAsync(db, DateTime.UtcNow, CancellationToken.None));

        Assert.Equal(1, insertedAgain);
        Assert.Equal(0, insertedThen);
        var after = await app.WithDbAsync(db => db.MessageTemplates.AsNoTracking().ToDictionaryAsync(t => t.Key));
        Assert.Equal(MessageTemplates.Keys.Count, after.Count);
        Assert.Equal("پاسخ درخواست {TrackingCode} آماده است.", after[MessageTemplates.RequestAnswered].SmsText);
        Assert.Equal(MessageTemplates.Defaults[MessageTemplates.RequestReferred].SmsText, after[MessageTemplates.RequestReferred].SmsText);
    }

    [Fact]
    public async Task Restart_OnTheSameDatabase_KeepsAnEditedTemplate()
    {
        await using var first = await NotificationTestApp.CreateAsync();
        await first.WithDbAsync(async db =>
        {
            var received = await db.MessageTemplates.SingleAsync(t => t.Key == MessageTemplates.RequestReceived);
            received.SmsText = "درخواست {TrackingCode} ثبت شد. {FollowUpUrl}";
            await db.SaveChangesAsync();
        });

        await using var second = NotificationTestApp.OnSameDatabase(first);
        var request = await second.CreateRequestAsync();

        Assert.Equal(
            $"درخواست {MessageTemplates.FormatTrackingCode(request.TrackingCode)} ثبت شد. {NotificationTestApp.FollowUpUrl}",
            Assert.Single(await second.OutboxAsync()).Body);
        Assert.Equal(MessageTemplates.Keys.Count, await second.WithDbAsync(db => db.MessageTemplates.CountAsync()));
    }

    [Fact]
    public async Task Start_TwoAppsSeedingOneDatabase_InsertEachTemplateOnce()
    {
        await using var app = await NotificationTestApp.CreateAsync();
        await app.WithDbAsync(db => db.MessageTemplates.ExecuteDeleteAsync());
        var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();

        var counts = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            await using var scope = scopes.CreateAsyncScope();
            return await MessageTemplateStore.SeedAsync(scope.ServiceProvider.GetRequiredService<HajDeskDbContext>(),
                DateTime.UtcNow, CancellationToken.None);
        }));

        Assert.Equal(MessageTemplates.Keys.Count, counts.Sum());
        Assert.Equal(MessageTemplates.Keys.Count, await app.WithDbAsync(db => db.MessageTemplates.CountAsync()));
    }
}
