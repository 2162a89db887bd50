using System.Diagnostics;
using HajDesk.Core.Notifications;
using Microsoft.AspNetCore.Http;

namespace HajDesk.Web.Tests.Notifications;

/// <summary>The SMS gateway client, through the dispatcher, against a real HTTP server on 127.0.0.1.</summary>
public class KavenegarSmsSenderTests
{
    [Fact]
    public async Task Send_GatewayAccepts_PostsTheContractsFormAndMarksTheMessageSent()
    {
        await using var gateway = await FakeSmsGateway.StartAsync();
        await using var app = await NotificationTestApp.CreateAsync(settings: gateway.Settings());
        await app.CreateRequestAsync();
        var queued = (await app.OutboxAsync()).Single();

        Assert.Equal(1, await app.DispatchAsync());

        var call = Assert.Single(gateway.Received);
        Assert.Equal($"/v1/{FakeSmsGateway.ApiKey}/sms/send.json", call.Path);
        Assert.StartsWith("application/x-www-form-urlencoded", call.ContentType, StringComparison.Ordinal);
        Assert.Equal("09121234567", call.Form["receptor"]);
        Assert.Equal(queued.Body, call.Form["message"]);
        Assert.Equal("10004346", call.Form["sender"]);
        Assert.Equal(queued.IdempotencyKey.ToString("N"), call.Form["localid"]);
        Assert.Equal(["localid", "message", "receptor", "sender"], call.Form.Keys.Order().ToArray());
        var sent = await app.OutboxMessageAsync(queued.Id);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal("1001", sent.ProviderMessageId);
        Assert.Equal(1, sent.Attempts);
        // The key is in the request's path: no log line may show it, nor the citizen's number.
        Assert.DoesNotContain(app.Logs, line => line.Contains(FakeSmsGateway.ApiKey, StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs, line => line.Contains("09121234567", StringComparison.Ordinal));
        Assert.Contains(app.Logs, line => line.Contains($"Outbox message {queued.Id} (request.received, Sms) sent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_BaseUrlWithAPath_PostsUnderThePath()
    {
        await using var gateway = await FakeSmsGateway.StartAsync();
        var settings = gateway.Settings();
        settings["Notifications:Sms:BaseUrl"] = gateway.BaseUrl + "/gateway/";
        await using var app = await NotificationTestApp.CreateAsync(settings: settings);
        await app.CreateRequestAsync();

        await app.DispatchAsync();

        Assert.Equal($"/gateway/v1/{FakeSmsGateway.ApiKey}/sms/send.json", Assert.Single(gateway.Received).Path);
    }

    [Fact]
    public async Task Send_ServerError_IsRecordedAndRetriedLater_AndTheRecoveredServerGetsItOnce()
    {
        var healthy = false;
        await using var gateway = await FakeSmsGateway.StartAsync((n, _, context) =>
            Volatile.Read(ref healthy) ? FakeSmsGateway.AcceptAsync(context, 5000 + n) : WriteStatusAsync(context, 503));
        var clock = new TestClock();
        await using var app = await NotificationTestApp.CreateAsync(settings: gateway.Settings(), clock: clock);
        await app.CreateRequestAsync();
        var id = (await app.OutboxAsync()).Single().Id;

        await app.DispatchAsync();

        var failed = await app.OutboxMessageAsync(id);
        Assert.Equal(OutboxStatus.Pending, failed.Status);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal("SMS gateway answered HTTP 503", failed.LastError);
        Assert.Null(failed.LockedUntil);
        var wait = failed.NextAttemptAt - clock.GetUtcNow().UtcDateTime;
        Assert.InRange(wait.TotalSeconds, 30 * 0.8 - 0.01, 30 * 1.2 + 0.01);

        // Not due yet: nothing is sent.
        Assert.Equal(0, await app.DispatchAsync());
        Volatile.Write(ref healthy, true);
        clock.Advance(TimeSpan.FromSeconds(37));
        Assert.Equal(1, await app.DispatchAsync());
        Assert.Equal(0, await app.DispatchAsync());

        var sent = await app.OutboxMessageAsync(id);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(2, sent.Attempts);
        Assert.Equal("5002", sent.ProviderMessageId);
        Assert.Null(sent.LastError);
        Assert.Equal(2, gateway.Calls);
        Assert.Single(gateway.Received.Select(c => c.LocalId).Distinct());
    }

    [Fact]
    public async Task Send_SlowGateway_TimesOutAsAFailure()
    {
        await using var gateway = await FakeSmsGateway.StartAsync(async (n, _, context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
            await FakeSmsGateway.AcceptAsync(context, n);
        });
        await using var app = await NotificationTestApp.CreateAsync(settings: gateway.Settings(timeoutSeconds: 0.5));
        await app.CreateRequestAsync();

        var watch = Stopwatch.StartNew();
        await app.DispatchAsync();
        watch.Stop();

        var message = (await app.OutboxAsync()).Single();
        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal(1, message.Attempts);
        Assert.Equal("SMS gateway timed out after 0.5 s", message.LastError);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData(418, 418, "اعتبار حساب کافی نیست")]
    [InlineData(401, 401, "کلید نامعتبر است")]
    [InlineData(200, 414, "تعداد گیرندگان زیاد است")]
    public async Task Send_GatewayRefuses_IsAFailureWithTheGatewaysStatus(int httpStatus, int returnStatus, string explanation)
    {
        await using var gateway = await FakeSmsGateway.StartAsync((_, _, context) =>
            FakeSmsGateway.JsonAsync(context, httpStatus, new { @return = new { status = returnStatus, message = explanation }, entries = (object?)null }));
        await using var app = await NotificationTestApp.CreateAsync(settings: gateway.Settings());
        await app.CreateRequestAsync();

        await app.DispatchAsync();

        var message = (await app.OutboxAsync()).Single();
        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal($"SMS gateway refused the message, status {returnStatus}: {explanation}", message.LastError);
    }

    [Fact]
    public async Task Send_RefusalEchoingTheNumber_KeepsTheNumberOutOfTheError()
    {
        await using var gateway = await FakeSmsGateway.StartAsync((_, call, context) =>
            FakeSmsGateway.RefuseAsync(context, 411, $"گیرنده {call.Form["receptor"]} نامعتبر است"));
        await using var app = await NotificationTestApp.CreateAsync(settings: gateway.Settings());
        await app.CreateRequestAsync();

        await app.DispatchAsync();

        var message = (await app.OutboxAsync()).Single();
        Assert.Equal("SMS gateway refused the message, status 411: گیرنده *** نامعتبر است", message.LastError);
        Assert.DoesNotContain(app.Logs, line => line.Contains("09121234567", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_MalformedAnswer_IsAFailure()
    {
        await using var gateway = await FakeSmsGateway.StartAsync((_, _, context) => WriteStatusAsync(context, 200, "<html>maintenance</html>"));
        await using var app = await NotificationTestApp.CreateAsync(settings: gateway.Settings());
        await app.CreateRequestAsync();

        await app.DispatchAsync();

        Assert.Equal("SMS gateway answered HTTP 200 with a malformed body", (await app.OutboxAsync()).Single().LastError);
    }

    [Fact]
    public async Task Send_NothingListening_IsAFailure()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Notifications:Sms:Mode"] = "Http",
            ["Notifications:Sms:BaseUrl"] = $"http://127.0.0.1:{FakeSmtpServer.FreePort()}",
            ["Notifications:Sms:ApiKey"] = FakeSmsGateway.ApiKey,
            ["Notifications:Sms:Sender"] = "10004346",
        };
        await using var app = await NotificationTestApp.CreateAsync(settings: settings);
        await app.CreateRequestAsync();

        await app.DispatchAsync();

        var message = (await app.OutboxAsync()).Single();
        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal("SMS gateway unreachable (ConnectionError)", message.LastError);
    }

    private static async Task WriteStatusAsync(HttpContext context, int status, string? body = null)
    {
        context.Response.StatusCode = status;
        if (body is not null)
        {
            await context.Response.WriteAsync(body);
        }
    }
}
