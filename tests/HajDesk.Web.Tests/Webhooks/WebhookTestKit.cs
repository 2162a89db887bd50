using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HajDesk.Core.Requests;
using HajDesk.Core.Webhooks;
using HajDesk.Web.Requests;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HajDesk.Web.Tests.Webhooks;

/// <summary>Subscribers, request transitions and the receiver's side of the signature, for the webhook tests.</summary>
public static class WebhookTestKit
{
    /// <summary>The fields of the Open311 request resource, in order: all a delivery may carry about a request.</summary>
    public static readonly string[] ResourceFields =
    [
        "service_request_id", "status", "status_notes", "service_name", "service_code", "agency_responsible",
        "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
    ];

    /// <summary>Stores a subscriber as the admin service would (secret encrypted), without its address checks; returns its id and secret.</summary>
    public static async Task<(int Id, string Secret)> SubscribeAsync(HajDeskFactory app, string url, IReadOnlyList<WebhookEvent>? events = null,
        params string[] provinces)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Data.HajDeskDbContext>();
        var (secret, protectedSecret, prefix) = scope.ServiceProvider.GetRequiredService<WebhookSecrets>().Create();
        var provinceIds = await db.Provinces.Where(p => provinces.Contains(p.Code)).Select(p => p.Id).ToListAsync();
        var subscriber = new WebhookSubscriber
        {
            Name = "گیرنده آزمایشی " + url,
            Url = url,
            EventMask = WebhookRules.MaskOf(events ?? WebhookEventText.All),
            AllProvinces = provinces.Length == 0,
            Provinces = [.. provinceIds.Select(id => new WebhookSubscriberProvince { ProvinceId = id })],
            ProtectedSecret = protectedSecret,
            SecretPrefix = prefix,
            CreatedAt = DateTime.UtcNow,
        };
        db.WebhookSubscribers.Add(subscriber);
        await db.SaveChangesAsync();
        return (subscriber.Id, secret);
    }

    /// <summary>Runs a transition on a stored request through <see cref="RequestChanges"/>, as the staff pages do.</summary>
    public static async Task ChangeAsync(HajDeskFactory app, long requestId, Func<ServiceRequest, DateTime, RequestResult> transition)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Data.HajDeskDbContext>();
        var request = await db.Requests.Include(r => r.Events).SingleAsync(r => r.Id == requestId);
        var outcome = await scope.ServiceProvider.GetRequiredService<RequestChanges>()
            .ApplyAsync(request, request.Version, now => Task.FromResult(transition(request, now)), CancellationToken.None);
        Assert.Equal(RequestChangeStatus.Saved, outcome.Status);
    }

    /// <summary>Dispatcher passes until one claims nothing; returns how many passes claimed something.</summary>
    public static async Task<int> DispatchAllAsync(HajDeskFactory app)
    {
        var dispatcher = app.Services.GetRequiredService<WebhookDispatcher>();
        var passes = 0;
        while (await dispatcher.DispatchDueAsync(CancellationToken.None) > 0)
        {
            passes++;
            Assert.True(passes < 50, "the dispatcher kept claiming");
        }

        return passes;
    }

    /// <summary>What a receiver does: recomputes the HMAC-SHA256 of «timestamp.body» with its copy of the secret.</summary>
    public static void AssertSigned(WebhookCall call, string secret)
    {
        var timestamp = call.Header("X-HajDesk-Timestamp");
        var expected = "sha256=" + Convert.ToHexStringLower(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + call.Body)));
        Assert.True(CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(call.Header("X-HajDesk-Signature"))),
            $"signature of {call.Body}");
        Assert.StartsWith("application/json", call.Header("Content-Type"), StringComparison.Ordinal);
    }

    public static JsonElement Body(WebhookCall call) => JsonDocument.Parse(call.Body).RootElement.Clone();

    public static string? EventOf(WebhookCall call) => Body(call).GetProperty("event").GetString();

    public static Task<List<WebhookDelivery>> DeliveriesAsync(HajDeskFactory app) =>
        app.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().OrderBy(d => d.Id).ToListAsync());
}
