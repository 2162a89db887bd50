using System.Data.Common;
using System.Net;
using HajDesk.Core.Data;
using HajDesk.Core.Notifications;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests;
using HajDesk.Web.Notifications;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.PageTests.Requests;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace HajDesk.Web.Tests.Notifications;

/// <summary>The citizen pages write their messages into the outbox in the same transaction as their change.</summary>
public class CitizenPageNotificationTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static HttpClient NoRedirects(HajDeskFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_ValidForm_CommitsTheRequestWithAReceivedSmsHoldingTheGroupedTrackingCode(DatabaseProvider provider)
    {
        await using var app = await NotificationTestApp.CreateAsync(provider);
        var page = await SendPage.OpenAsync(NoRedirects(app));

        var response = await page.PostAsync(page.ValidValues());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var request = await app.WithDbAsync(db => db.Requests.SingleAsync());
        var sms = Assert.Single(await app.OutboxAsync());
        Assert.Equal(NotificationChannel.Sms, sms.Channel);
        Assert.Equal(MessageTemplates.RequestReceived, sms.Template);
        Assert.Equal("09121234567", sms.Recipient);
        Assert.Equal(OutboxStatus.Pending, sms.Status);
        Assert.Equal(0, sms.Attempts);
        Assert.Null(sms.Subject);
        Assert.Null(sms.HtmlBody);
        var grouped = MessageTemplates.FormatTrackingCode(request.TrackingCode);
        Assert.Contains(grouped, sms.Body, StringComparison.Ordinal);
        Assert.Contains("محمد گرامی", sms.Body, StringComparison.Ordinal);
        Assert.Contains(NotificationTestApp.FollowUpUrl, sms.Body, StringComparison.Ordinal);
        Assert.InRange(sms.Body.Length, 1, MessageTemplates.MaxSmsLength);
        Assert.InRange(MessageTemplates.SmsSegments(sms.Body), 1, 2);
        // The grouped code, copied out of the SMS into the follow-up form, is read back as the same code.
        Assert.True(TrackingCode.TryNormalize(grouped, out var back));
        Assert.Equal(request.TrackingCode, back);
        AssertNoPersonalData(await app.OutboxAsync(), request);
    }

    [Fact]
    public async Task Send_ValidFormWithEmail_AlsoCommitsAnRtlEmailWithATextPart()
    {
        await using var app = await NotificationTestApp.CreateAsync();
        var page = await SendPage.OpenAsync(NoRedirects(app));

        await page.PostAsync(page.ValidValues(new Dictionary<string, string?> { ["Input.Email"] = "Citizen@Example.com" }));

        var request = await app.WithDbAsync(db => db.Requests.SingleAsync());
        var outbox = await app.OutboxAsync();
        Assert.Equal([NotificationChannel.Sms, NotificationChannel.Email], outbox.Select(m => m.Channel).ToArray());
        var email = outbox[1];
        Assert.Equal("citizen@example.com", email.Recipient);
        Assert.Equal(MessageTemplates.RequestReceived, email.Template);
        var grouped = MessageTemplates.FormatTrackingCode(request.TrackingCode);
        Assert.Contains(grouped, email.Subject, StringComparison.Ordinal);
        Assert.Contains(grouped, email.Body, StringComparison.Ordinal);
        Assert.Contains(NotificationTestApp.FollowUpUrl, email.Body, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>\n<html dir=\"rtl\" lang=\"fa\">", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{NotificationTestApp.FollowUpUrl}\"", email.HtmlBody, StringComparison.Ordinal);
        Assert.NotEqual(outbox[0].IdempotencyKey, email.IdempotencyKey);
        AssertNoPersonalData(outbox, request);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_WhenTheOutboxRowCannotBeWritten_NothingIsStored(DatabaseProvider provider)
    {
        var failing = new FailingOutboxInsert(failures: int.MaxValue);
        await using var app = await NotificationTestApp.CreateAsync(provider,
            configureServices: s => s.ConfigureDbContext<HajDeskDbContext>(o => o.AddInterceptors(failing)));
        var page = await SendPage.OpenAsync(NoRedirects(app));

        var response = await page.PostAsync(page.ValidValues());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.True(failing.Failed > 0);
        Assert.Equal(0, await app.WithDbAsync(db => db.Requests.CountAsync()));
        Assert.Empty(await app.OutboxAsync());
    }

    [Fact]
    public async Task Send_SaveRetriedWithANewTrackingCode_CommitsOnlyTheMessageWithTheFinalCode()
    {
        // The first save fails (as a tracking-code collision would); the page draws a new code and saves again.
        var failing = new FailingOutboxInsert(failures: 1);
        await using var app = await NotificationTestApp.CreateAsync(
            configureServices: s => s.ConfigureDbContext<HajDeskDbContext>(o => o.AddInterceptors(failing)));
        var page = await SendPage.OpenAsync(NoRedirects(app));

        var response = await page.PostAsync(page.ValidValues());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, failing.Failed);
        var request = await app.WithDbAsync(db => db.Requests.SingleAsync());
        var sms = Assert.Single(await app.OutboxAsync());
        Assert.Contains(MessageTemplates.FormatTrackingCode(request.TrackingCode), sms.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Objection_ReopensTheRequestWithReopenedMessagesInTheSameCommit(DatabaseProvider provider)
    {
        await using var app = await NotificationTestApp.CreateAsync(provider);
        var sendPage = await SendPage.OpenAsync(NoRedirects(app));
        await sendPage.PostAsync(sendPage.ValidValues(new Dictionary<string, string?> { ["Input.Email"] = "citizen@example.com" }));
        var request = await app.WithDbAsync(db => db.Requests.SingleAsync());
        const string answer = "پاسخ محرمانه کارشناس درباره پرونده";
        await app.WithDbAsync(async db =>
        {
            var r = await db.Requests.SingleAsync();
            r.Events.Add(new RequestEvent { Kind = RequestEventKind.Answered, At = DateTime.UtcNow, VisibleToCitizen = true, Text = answer });
            r.Status = RequestStatus.Answered;
            r.AnsweredAt = DateTime.UtcNow;
            await db.SaveChangesAsync();
        });
        var client = app.CreateClient();
        var trackForm = (await client.GetDocumentAsync("/requests/track")).Form("#track-form");
        var result = await Html.ParseAsync(await client.SubmitAsync(trackForm, new Dictionary<string, string?>
        {
            ["NationalCode"] = SendPage.NationalCode,
            ["TrackingCode"] = request.TrackingCode,
            ["CaptchaAnswer"] = HajDeskFactory.TestCaptchaCode,
        }));

        var objected = await client.SubmitAsync(result.Form("#object-form"),
            new Dictionary<string, string?> { ["ObjectionText"] = "پاسخ کامل نبود" });

        Assert.Equal(HttpStatusCode.OK, objected.StatusCode);
        Assert.Equal(RequestStatus.Reopened, (await app.WithDbAsync(db => db.Requests.SingleAsync())).Status);
        var reopened = (await app.OutboxAsync()).Where(m => m.Template == MessageTemplates.RequestReopened).ToList();
        Assert.Equal([NotificationChannel.Sms, NotificationChannel.Email], reopened.Select(m => m.Channel).ToArray());
        Assert.All(reopened, m =>
        {
            Assert.Equal(request.Id, m.RequestId);
            Assert.Contains(MessageTemplates.FormatTrackingCode(request.TrackingCode), m.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(answer, m.Body + m.HtmlBody + m.Subject, StringComparison.Ordinal);
            Assert.DoesNotContain("پاسخ کامل نبود", m.Body + m.HtmlBody + m.Subject, StringComparison.Ordinal);
        });
        AssertNoPersonalData(await app.OutboxAsync(), request);
    }

    /// <summary>Nothing but the first name, the tracking code and the follow-up address may leave in a message.</summary>
    internal static void AssertNoPersonalData(IEnumerable<OutboxMessage> messages, ServiceRequest request)
    {
        foreach (var m in messages)
        {
            var everything = string.Join('\n', m.Template, m.Recipient, m.Subject, m.Body, m.HtmlBody, m.LastError);
            Assert.DoesNotContain(request.NationalCode, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(PersianText.ToPersianDigits(request.NationalCode), everything, StringComparison.Ordinal);
            Assert.DoesNotContain(request.LastName, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(request.Text, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(JalaliDate.FormatLong(request.BirthDate), everything, StringComparison.Ordinal);
            if (m.Channel == NotificationChannel.Email)
            {
                Assert.DoesNotContain(request.Mobile, everything, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>Makes the database refuse the outbox insert, the first <c>failures</c> times.</summary>
    private sealed class FailingOutboxInsert(int failures) : DbCommandInterceptor
    {
        private int seen;
        private int failed;

        public int Failed => Volatile.Read(ref failed);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command,
            CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Check(DbCommand command)
        {
            if (command.CommandText.Contains("INSERT INTO \"OutboxMessages\"", StringComparison.Ordinal)
                && Interlocked.Increment(ref seen) <= failures)
            {
                Interlocked.Increment(ref failed);
                throw new InvalidOperationException("Simulated failure writing the outbox.");
            }
        }
    }
}
