using System.Net;
using HajDesk.Core.Requests;
using HajDesk.Core.Webhooks;
using HajDesk.Web.Staff;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.PageTests.Staff.Admin;

/// <summary>
/// <c>/staff/admin/webhooks</c>: an administrator registers a subscriber (the secret shown once, stored encrypted),
/// changes it, gives it a new secret and reads its delivery log; bad input gets a Persian error; others get 404.
/// </summary>
public class AdminWebhookTests
{
    private static async Task<HttpResponseMessage> PostCreateAsync(HttpClient admin, IDictionary<string, string?> values, params (string Name, string Value)[] more)
    {
        var page = await admin.GetPageAsync("/staff/admin/webhooks");
        var fields = Html.FormValues(page.Form("[data-testid=webhook-form]"), values);
        fields.AddRange(more.Select(m => new KeyValuePair<string, string>(m.Name, m.Value)));
        return await admin.PostAsync("/staff/admin/webhooks?handler=Create", new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task Administrator_RegistersChangesAndReadsTheLog_SecretShownOnceAndStoredEncrypted_EveryChangeAudited()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        var tehran = await world.Data.ProvinceIdAsync("Tehran");

        var created = await (await PostCreateAsync(admin,
                new Dictionary<string, string?> { ["Name"] = "نرم‌افزار مرکز تماس ۱۱۱", ["Address"] = "https://hooks.example.org/hajdesk?token=abc" },
                ("Events", "Received"), ("Events", "Answered"), ("ProvinceIds", AdminPages.Id(tehran))))
            .AssertPageAsync(HttpStatusCode.OK);

        var secret = created.QuerySelector("[data-testid=new-secret-value]")!.GetAttribute("value")!;
        Assert.StartsWith(WebhookRules.SecretMarker, secret, StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.WebhookSubscribers.AsNoTracking().Include(s => s.Provinces).SingleAsync());
        Assert.Equal(("نرم‌افزار مرکز تماس ۱۱۱", "https://hooks.example.org/hajdesk?token=abc", false, true), (stored.Name, stored.Url, stored.AllProvinces, stored.IsActive));
        Assert.Equal([tehran], stored.Provinces.Select(p => p.ProvinceId));
        Assert.True(stored.Wants(WebhookEvent.Received) && stored.Wants(WebhookEvent.Answered) && !stored.Wants(WebhookEvent.Closed));
        Assert.DoesNotContain(secret[WebhookRules.SecretMarker.Length..], stored.ProtectedSecret, StringComparison.Ordinal);
        Assert.Equal(secret[..WebhookRules.SecretPrefixLength], stored.SecretPrefix);
        var audit = Assert.Single(await app.AuditAsync(AuditActions.WebhookCreate));
        Assert.Equal("admin.test", audit.UserName);
        Assert.DoesNotContain(secret, audit.Details, StringComparison.Ordinal);

        // Shown once: neither the list nor the subscriber's page shows it again.
        var list = await admin.GetPageAsync("/staff/admin/webhooks");
        Assert.Null(list.QuerySelector("[data-testid=new-secret]"));
        Assert.DoesNotContain(secret, list.Body!.OuterHtml, StringComparison.Ordinal);
        Assert.Contains("نرم‌افزار مرکز تماس ۱۱۱", list.TextOf("[data-testid=webhooks]"), StringComparison.Ordinal);
        var show = await admin.GetPageAsync($"/staff/admin/webhooks/{stored.Id}");
        Assert.DoesNotContain(secret, show.Body!.OuterHtml, StringComparison.Ordinal);
        Assert.NotNull(show.QuerySelector("[data-testid=log-empty]"));

        // Changed: every province, closed requests too, then turned off.
        var form = show.Form("[data-testid=webhook-form]");
        var fields = Html.FormValues(form, new Dictionary<string, string?> { ["AllProvinces"] = "true", ["IsActive"] = null });
        fields.Add(new("Events", "Closed"));
        var updated = await admin.PostAsync(Html.ActionOf(form), new FormUrlEncodedContent(fields));
        var updatedAt = await updated.AssertRedirectAsync();
        Assert.Equal($"/staff/admin/webhooks/{stored.Id}", updatedAt);
        Assert.Equal("تغییرها ذخیره شد.", (await admin.GetPageAsync(updatedAt)).TextOf("[data-testid=done]"));
        var changed = await app.WithDbAsync(db => db.WebhookSubscribers.AsNoTracking().Include(s => s.Provinces).SingleAsync());
        Assert.Equal((true, false, true), (changed.AllProvinces, changed.IsActive, changed.Wants(WebhookEvent.Closed)));
        Assert.Empty(changed.Provinces);
        Assert.Single(await app.AuditAsync(AuditActions.WebhookUpdate));

        // A new secret replaces the old one.
        var renewed = await (await admin.PostFormAsync((await admin.GetPageAsync($"/staff/admin/webhooks/{stored.Id}")).Form("[data-testid=secret-form]")))
            .AssertPageAsync(HttpStatusCode.OK);
        var newSecret = renewed.QuerySelector("[data-testid=new-secret-value]")!.GetAttribute("value")!;
        Assert.NotEqual(secret, newSecret);
        Assert.Equal(newSecret[..WebhookRules.SecretPrefixLength], await app.WithDbAsync(db => db.WebhookSubscribers.Select(s => s.SecretPrefix).SingleAsync()));
        Assert.Single(await app.AuditAsync(AuditActions.WebhookSecret));

        // The delivery log lists the subscriber's deliveries with their outcome.
        var request = await world.Data.CreateRequestAsync("Tehran", world.SubjectX);
        await app.WithDbAsync(async db =>
        {
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                SubscriberId = stored.Id,
                RequestId = request.Id,
                Event = WebhookEvent.Received,
                Status = WebhookDeliveryStatus.Pending,
                Attempts = 2,
                LastStatusCode = 500,
                LastError = "پاسخ HTTP 500",
                CreatedAt = DateTime.UtcNow,
                NextAttemptAt = DateTime.UtcNow.AddMinutes(2),
            });
            await db.SaveChangesAsync();
        });
        var log = await admin.GetPageAsync($"/staff/admin/webhooks/{stored.Id}");
        var row = Assert.Single(log.QuerySelectorAll("[data-testid=delivery-row]"));
        Assert.Equal(("Pending", "Received"), (row.GetAttribute("data-status"), row.GetAttribute("data-event")));
        Assert.Contains(TrackingCode.Format(request.TrackingCode), row.TextContent, StringComparison.Ordinal);
        Assert.Contains("پاسخ HTTP 500", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NarrowingTheProvinces_GivesUpTheEventsWaitingForProvincesNoLongerSeen()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" });
        var world = await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        var (id, _) = await Webhooks.WebhookTestKit.SubscribeAsync(app, "https://hooks.example.org/h");
        var inTehran = await world.Data.CreateRequestAsync("Tehran", world.SubjectX);
        var inIsfahan = await world.Data.CreateRequestAsync("Isfahan", world.SubjectX);
        await app.WithDbAsync(async db =>
        {
            foreach (var request in new[] { inTehran, inIsfahan })
            {
                db.WebhookDeliveries.Add(new WebhookDelivery
                {
                    SubscriberId = id,
                    RequestId = request.Id,
                    Event = WebhookEvent.Received,
                    Status = WebhookDeliveryStatus.Pending,
                    Payload = "{}",
                    CreatedAt = DateTime.UtcNow,
                    NextAttemptAt = DateTime.UtcNow,
                });
            }

            await db.SaveChangesAsync();
        });

        var form = (await admin.GetPageAsync($"/staff/admin/webhooks/{id}")).Form("[data-testid=webhook-form]");
        var fields = Html.FormValues(form, new Dictionary<string, string?> { ["AllProvinces"] = null });
        fields.Add(new("ProvinceIds", AdminPages.Id(await world.Data.ProvinceIdAsync("Tehran"))));
        await (await admin.PostAsync(Html.ActionOf(form), new FormUrlEncodedContent(fields))).AssertRedirectAsync();

        var deliveries = await app.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().OrderBy(d => d.Id).ToListAsync());
        Assert.Equal([(WebhookDeliveryStatus.Pending, "{}", (string?)null), (WebhookDeliveryStatus.Failed, null, Web.Webhooks.WebhookAdmin.OutOfSight)],
            deliveries.Select(d => (d.Status, d.Payload, d.LastError)));
    }

    public static TheoryData<string, string, string> BadInput => new()
    {
        { "Address", "ftp://hooks.example.org/x", WebhookRules.UrlInvalid },
        { "Address", "javascript:alert(1)", WebhookRules.UrlInvalid },
        { "Address", "https://example.org/<script>", WebhookRules.UrlInvalid },
        { "Address", "http://10.1.2.3/hook", WebhookRules.UrlPrivate },
        { "Address", "http://127.0.0.1:8080/hook", WebhookRules.UrlPrivate },
        { "Address", "http://localhost/hook", WebhookRules.UrlPrivate },
        { "Address", "https://user:pass@example.org/hook", WebhookRules.UrlCredentials },
        { "Address", "https://example.org/" + new string('a', 600), WebhookRules.UrlTooLong },
        { "Address", "", WebhookRules.UrlRequired },
        { "Name", "<script>alert(1)</script>", WebhookRules.NameUnsafe },
        { "Name", new string('ن', 101), WebhookRules.NameTooLong },
        { "Name", "   ", WebhookRules.NameRequired },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task BadInput_GetsAPersianErrorAndStoresNothing(string field, string value, string expected)
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        var values = new Dictionary<string, string?> { ["Name"] = "گیرنده", ["Address"] = "https://hooks.example.org/h", [field] = value };

        var page = await (await PostCreateAsync(admin, values, ("Events", "Closed"), ("AllProvinces", "true"))).AssertPageAsync(HttpStatusCode.BadRequest);

        Assert.Contains(expected, page.TextOf("[data-testid=errors]"), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.WebhookSubscribers.CountAsync()));
        Assert.Empty(await app.AuditAsync(AuditActions.WebhookCreate));
    }

    [Fact]
    public async Task NoEventsOrNoProvinces_AreRefused()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");

        var page = await (await PostCreateAsync(admin, new Dictionary<string, string?> { ["Name"] = "گیرنده", ["Address"] = "https://hooks.example.org/h" }))
            .AssertPageAsync(HttpStatusCode.BadRequest);

        var errors = page.TextOf("[data-testid=errors]");
        Assert.Contains(WebhookRules.EventsRequired, errors, StringComparison.Ordinal);
        Assert.Contains(WebhookRules.ProvincesRequired, errors, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.WebhookSubscribers.CountAsync()));
    }
}
