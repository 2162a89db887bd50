using System.Text.Json;
using HajDesk.Core.Requests;
using HajDesk.Core.Staff;
using HajDesk.Core.Webhooks;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.Notifications;
using HajDesk.Web.Tests.Open311;
using HajDesk.Web.Tests.PageTests.Staff;
using Microsoft.EntityFrameworkCore;
using static HajDesk.Web.Tests.Webhooks.WebhookTestKit;

namespace HajDesk.Web.Tests.Webhooks;

/// <summary>
/// Webhook deliveries from the outbox to a real HTTP receiver on 127.0.0.1: raised by the request's transitions in
/// their own transaction, signed, in order, only to the subscribers that may see the province, once after a 2xx.
/// </summary>
public class WebhookDeliveryTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static Dictionary<string, string?> Settings(double timeoutSeconds = 5) => new()
    {
        ["Webhooks:AllowPrivateNetworks"] = "true",
        ["Webhooks:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Webhooks:LeaseSeconds"] = "30",
    };

    private static StaffActor Actor(StaffWorld world) => new(world.Admin.Id, "مدیر آزمایشی", StaffRole.Administrator, null, []);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Transitions_AreDeliveredSignedInOrder_CarryingTheOpen311Resource_OnlyWhereTheProvinceIsSeen(DatabaseProvider provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await NotificationTestApp.CreateAsync(provider, Settings());
        var world = await StaffWorld.CreateAsync(app);
        var (_, tehranSecret) = await SubscribeAsync(app, receiver.BaseUrl + "/tehran", null, "Tehran");
        var (_, isfahanSecret) = await SubscribeAsync(app, receiver.BaseUrl + "/isfahan", null, "Isfahan");
        var (_, answersSecret) = await SubscribeAsync(app, receiver.BaseUrl + "/answers", [WebhookEvent.Answered]);
        var request = await app.CreateRequestAsync(email: "citizen@example.com");

        await ChangeAsync(app, request.Id, (r, now) => r.Answer(Actor(world), "پاسخ کارشناس به درخواست شما", [], now));
        await ChangeAsync(app, request.Id, (r, now) => r.Close(Actor(world), null, now));
        var passes = await DispatchAllAsync(app);

        var calls = receiver.Received;
        var tehran = calls.Where(c => c.Path == "/tehran").ToList();
        Assert.Equal(["request.received", "request.answered", "request.closed"], tehran.Select(EventOf));
        Assert.Equal(["request.answered"], calls.Where(c => c.Path == "/answers").Select(EventOf));
        Assert.DoesNotContain(calls, c => c.Path == "/isfahan");
        Assert.True(passes >= 3, "each event of a request waits for the one before");
        foreach (var call in tehran)
        {
            AssertSigned(call, tehranSecret);
            Assert.Throws<Xunit.Sdk.TrueException>(() => AssertSigned(call, isfahanSecret));
        }

        AssertSigned(calls.Single(c => c.Path == "/answers"), answersSecret);
        foreach (var call in calls)
        {
            var body = Body(call);
            Assert.Equal(["event", "event_id", "occurred_at", "service_request"], body.EnumerateObject().Select(p => p.Name));
            Assert.Equal(ResourceFields, body.GetProperty("service_request").EnumerateObject().Select(p => p.Name));
            Assert.Equal(body.GetProperty("event").GetString(), call.Header("X-HajDesk-Event"));
            Assert.Equal(body.GetProperty("event_id").GetString(), call.Header("X-HajDesk-Delivery"));
            Assert.Equal(request.TrackingCode, body.GetProperty("service_request").GetProperty("service_request_id").GetString());
            foreach (var personal in new[] { request.NationalCode, request.Mobile, request.FirstName, request.LastName, request.Text, "citizen@example.com" })
            {
                Assert.DoesNotContain(personal!, call.Body, StringComparison.Ordinal);
            }
        }

        var answered = Body(tehran[1]).GetProperty("service_request");
        Assert.Equal(("closed", "پاسخ کارشناس به درخواست شما"), (answered.GetProperty("status").GetString(), answered.GetProperty("status_notes").GetString()));
        Assert.Equal(JsonValueKind.Null, Body(tehran[0]).GetProperty("service_request").GetProperty("status_notes").ValueKind);
        Assert.Equal("open", Body(tehran[0]).GetProperty("service_request").GetProperty("status").GetString());

        // The closed event says what the Open311 API says of the request now.
        var key = await Open311TestKit.IssueKeyAsync(app);
        var api = JsonDocument.Parse(await app.CreateClient().GetStringAsync($"/open311/v2/requests/{request.TrackingCode}.json?api_key={key}")).RootElement[0];
        Assert.Equal(api.GetRawText(), Body(tehran[2]).GetProperty("service_request").GetRawText());

        // Delivered once: another pass sends nothing, and nothing personal stays in the outbox.
        Assert.Equal(0, await DispatchAllAsync(app));
        Assert.Equal(calls.Count, receiver.Calls);
        var deliveries = await DeliveriesAsync(app);
        Assert.Equal(4, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal((WebhookDeliveryStatus.Delivered, 1, (string?)null, 204), (d.Status, d.Attempts, d.Payload, d.LastStatusCode!.Value)));
    }

    [Fact]
    public async Task Receiver_FailsThenTimesOutThenRecovers_TheEventIsDeliveredOnce_AndTheNextWaitsItsTurn()
    {
        await using var receiver = await WebhookReceiver.StartAsync((n, context) => n switch
        {
            1 => WebhookReceiver.Status(context, 500),
            2 => WebhookReceiver.Hang(context),
            _ => WebhookReceiver.Status(context, 200),
        });
        var clock = new TestClock();
        await using var app = await NotificationTestApp.CreateAsync(settings: Settings(timeoutSeconds: 1), clock: clock);
        var world = await StaffWorld.CreateAsync(app);
        var (subscriberId, secret) = await SubscribeAsync(app, receiver.BaseUrl + "/hook", null, "Tehran");
        var request = await app.CreateRequestAsync();
        await ChangeAsync(app, request.Id, (r, now) => r.Answer(Actor(world), "پاسخ کارشناس", [], now));

        // 1: the received event gets 500; the answered event may not overtake it.
        Assert.Equal(1, await DispatchAllAsync(app));
        var afterFailure = (await DeliveriesAsync(app))[0];
        Assert.Equal((WebhookDeliveryStatus.Pending, 1, 500), (afterFailure.Status, afterFailure.Attempts, afterFailure.LastStatusCode!.Value));
        Assert.True(afterFailure.NextAttemptAt > clock.GetUtcNow().UtcDateTime);
        Assert.Equal(1, receiver.Calls);

        // 2: after the back-off, the receiver does not answer within the timeout.
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await DispatchAllAsync(app));
        var afterTimeout = (await DeliveriesAsync(app))[0];
        Assert.Equal((WebhookDeliveryStatus.Pending, 2, (int?)null), (afterTimeout.Status, afterTimeout.Attempts, afterTimeout.LastStatusCode));
        Assert.Contains("ثانیه", afterTimeout.LastError, StringComparison.Ordinal);
        Assert.Equal(WebhookDeliveryStatus.Pending, (await DeliveriesAsync(app))[1].Status);

        // 3: it recovers; the received event goes, then the answered one.
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(2, await DispatchAllAsync(app));
        Assert.Equal(0, await DispatchAllAsync(app));

        var calls = receiver.Received;
        Assert.Equal(["request.received", "request.received", "request.received", "request.answered"], calls.Select(EventOf));
        Assert.Single(calls.Take(3).Select(c => c.Header("X-HajDesk-Delivery")).Distinct());
        Assert.All(calls, c => AssertSigned(c, secret));
        var deliveries = await DeliveriesAsync(app);
        Assert.Equal([(WebhookDeliveryStatus.Delivered, 3), (WebhookDeliveryStatus.Delivered, 1)], deliveries.Select(d => (d.Status, d.Attempts)));
        Assert.All(deliveries, d => Assert.Equal(subscriberId, d.SubscriberId));
    }

    [Fact]
    public async Task Subscriber_OnAPrivateAddress_IsNotPostedTo_UnlessAllowed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await NotificationTestApp.CreateAsync();
        await SubscribeAsync(app, receiver.BaseUrl + "/hook");

        await app.CreateRequestAsync();
        await DispatchAllAsync(app);

        Assert.Equal(0, receiver.Calls);
        var delivery = Assert.Single(await DeliveriesAsync(app));
        Assert.Equal((WebhookDeliveryStatus.Pending, 1, WebhookRules.UrlPrivate), (delivery.Status, delivery.Attempts, delivery.LastError));
    }

    [Fact]
    public async Task Referral_IsToldToBothProvinces_LaterEventsOnlyToTheNewOne()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await NotificationTestApp.CreateAsync(settings: Settings());
        var world = await StaffWorld.CreateAsync(app);
        await SubscribeAsync(app, receiver.BaseUrl + "/tehran", null, "Tehran");
        await SubscribeAsync(app, receiver.BaseUrl + "/isfahan", null, "Isfahan");
        var request = await app.CreateRequestAsync();
        var isfahan = await world.Data.ProvinceIdAsync("Isfahan");
        var target = await app.WithDbAsync(async db => new ReferralTarget(
            await db.Provinces.AsNoTracking().SingleAsync(p => p.Id == isfahan),
            await db.Subjects.AsNoTracking().SingleAsync(s => s.Id == request.SubjectId), null));

        await ChangeAsync(app, request.Id, (r, now) => r.Refer(Actor(world), target, "مربوط به استان اصفهان است", now));
        await ChangeAsync(app, request.Id, (r, now) => r.Close(Actor(world), null, now));
        await DispatchAllAsync(app);

        var calls = receiver.Received;
        Assert.Equal(["request.received", "request.referred"], calls.Where(c => c.Path == "/tehran").Select(EventOf));
        Assert.Equal(["request.referred", "request.closed"], calls.Where(c => c.Path == "/isfahan").Select(EventOf));
        Assert.Equal("اصفهان", Body(calls.First(c => c.Path == "/tehran" && EventOf(c) == "request.referred"))
            .GetProperty("service_request").GetProperty("agency_responsible").GetString());
    }
}
