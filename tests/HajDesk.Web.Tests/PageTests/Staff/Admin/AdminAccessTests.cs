using System.Net;
using HajDesk.Core.Staff;
using HajDesk.Web.Staff;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HajDesk.Web.Tests.PageTests.Staff.Admin;

/// <summary>
/// The administration is for administrators only, checked on the server for every page and handler: an expert or
/// a supervisor gets 404 (as for a request outside their scope), and nothing changes.
/// </summary>
public class AdminAccessTests
{
    /// <summary>Every page (GET) and handler (POST) of the administration, with {subject}, {staff}, {canned} filled in.</summary>
    private static readonly (string Method, string Url)[] Endpoints =
    [
        ("GET", "/staff/admin"),
        ("GET", "/staff/admin/subjects"),
        ("POST", "/staff/admin/subjects?handler=MoveUp"),
        ("POST", "/staff/admin/subjects?handler=MoveDown"),
        ("GET", "/staff/admin/subjects/new"),
        ("POST", "/staff/admin/subjects/new"),
        ("GET", "/staff/admin/subjects/{subject}"),
        ("POST", "/staff/admin/subjects/{subject}"),
        ("POST", "/staff/admin/subjects/{subject}?handler=Deactivate"),
        ("POST", "/staff/admin/subjects/{subject}?handler=Activate"),
        ("POST", "/staff/admin/subjects/{subject}?handler=Delete"),
        ("GET", "/staff/admin/subjects/{subject}/fields"),
        ("POST", "/staff/admin/subjects/{subject}/fields?handler=Add"),
        ("POST", "/staff/admin/subjects/{subject}/fields?handler=Update"),
        ("GET", "/staff/admin/provinces"),
        ("GET", "/staff/admin/api-keys"),
        ("POST", "/staff/admin/api-keys?handler=Create"),
        ("GET", "/staff/admin/webhooks"),
        ("POST", "/staff/admin/webhooks?handler=Create"),
        ("GET", "/staff/admin/webhooks/{webhook}"),
        ("POST", "/staff/admin/webhooks/{webhook}"),
        ("POST", "/staff/admin/webhooks/{webhook}?handler=Secret"),
        ("POST", "/staff/admin/provinces"),
        ("GET", "/staff/admin/accounts"),
        ("GET", "/staff/admin/accounts/new"),
        ("POST", "/staff/admin/accounts/new"),
        ("GET", "/staff/admin/accounts/{staff}"),
        ("POST", "/staff/admin/accounts/{staff}"),
        ("POST", "/staff/admin/accounts/{staff}?handler=Disable"),
        ("POST", "/staff/admin/accounts/{staff}?handler=Enable"),
        ("POST", "/staff/admin/accounts/{staff}?handler=ResetPassword"),
        ("POST", "/staff/admin/accounts/{staff}?handler=ResetTwoFactor"),
        ("GET", "/staff/admin/canned"),
        ("POST", "/staff/admin/canned?handler=Activate"),
        ("POST", "/staff/admin/canned?handler=Deactivate"),
        ("GET", "/staff/admin/canned/new"),
        ("POST", "/staff/admin/canned/new"),
        ("GET", "/staff/admin/canned/{canned}"),
        ("POST", "/staff/admin/canned/{canned}"),
        ("GET", "/staff/admin/audit"),
        ("GET", "/staff/admin/audit?UserName=admin.test&action=sign-in"),
        ("GET", "/staff/admin/notifications"),
        ("GET", "/staff/admin/notifications?view=recorded"),
        ("POST", "/staff/admin/notifications?handler=Retry"),
        ("GET", "/staff/admin/notifications/templates/request.received"),
        ("POST", "/staff/admin/notifications/templates/request.received"),
        ("GET", "/staff/admin/retention"),
        ("POST", "/staff/admin/retention"),
        ("POST", "/staff/admin/retention?handler=Preview"),
        ("POST", "/staff/admin/retention?handler=Run"),
        ("GET", "/staff/admin/information"),
        ("GET", "/staff/admin/information/privacy"),
        ("POST", "/staff/admin/information/privacy"),
        ("POST", "/staff/admin/information/accessibility?handler=Reset"),
        ("GET", "/staff/admin/calendar"),
        ("POST", "/staff/admin/calendar?handler=Add"),
        ("POST", "/staff/admin/calendar?handler=Upload"),
        ("POST", "/staff/admin/calendar?handler=Week"),
        ("POST", "/staff/admin/calendar?handler=Delete"),
    ];

    [Theory]
    [InlineData("tehran.expert")]
    [InlineData("tehran.supervisor")]
    public async Task NonAdministrators_GetNotFoundFromEveryPageAndHandler_AndNothingChanges(string userName)
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var cannedId = await app.WithDbAsync(async db =>
        {
            var canned = new CannedAnswer { Title = "عنوان", Text = "متن" };
            db.CannedAnswers.Add(canned);
            await db.SaveChangesAsync();
            return canned.Id;
        });
        var (webhookId, _) = await Webhooks.WebhookTestKit.SubscribeAsync(app, "https://hooks.example.org/h");
        var before = await SnapshotAsync(app);
        var client = await app.SignInAsync(userName);
        var anyForm = (await client.GetPageAsync("/staff/inbox")).Form("[data-testid=search-form]");

        foreach (var (method, template) in Endpoints)
        {
            var url = template.Replace("{subject}", AdminPages.Id(world.SubjectX), StringComparison.Ordinal)
                .Replace("{staff}", world.TehranExpert.Id, StringComparison.Ordinal)
                .Replace("{canned}", AdminPages.Id(cannedId), StringComparison.Ordinal)
                .Replace("{webhook}", AdminPages.Id(webhookId), StringComparison.Ordinal);
            var response = method == "GET"
                ? await client.GetAsync(url)
                : await client.PostWithTokenAsync(anyForm, url, new Dictionary<string, string?>
                {
                    ["Id"] = AdminPages.Id(world.SubjectX),
                    ["Row.Id"] = AdminPages.Id(world.SubjectX),
                    ["Version"] = "1",
                    ["Row.Version"] = "1",
                    ["Name"] = "نام تازه",
                    ["ResponseDays"] = "9",
                    ["AreaCode"] = "099",
                    ["UserName"] = "intruder",
                    ["DisplayName"] = "نفوذی",
                    ["Role"] = "Administrator",
                    ["Password"] = StaffTestData.Password,
                    ["ConfirmPassword"] = StaffTestData.Password,
                    ["NewPassword"] = StaffTestData.Password + "x",
                    ["ConfirmNewPassword"] = StaffTestData.Password + "x",
                    ["Title"] = "عنوان تازه",
                    ["Text"] = "متن تازه",
                    ["Months"] = "1",
                    ["Input.Date"] = "1405/01/05",
                    ["Input.Title"] = "تعطیلی نفوذی",
                    ["ThursdayIsWorkingDay"] = "true",
                    ["Address"] = "https://intruder.example.org/",
                    ["Events"] = "Received",
                    ["AllProvinces"] = "true",
                });
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{userName} {method} {url}: {(int)response.StatusCode}");
            if (method == "GET")
            {
                Assert.Contains("صفحه پیدا نشد", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        Assert.Equal(before, await SnapshotAsync(app));
        Assert.Empty(await app.AdminAuditAsync());
        // Still signed in: a refusal does not end the session.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/staff/inbox")).StatusCode);
        // The header shows no administration link to them.
        Assert.Null((await client.GetPageAsync("/staff/inbox")).QuerySelector("a[href='/staff/admin']"));
    }

    [Fact]
    public async Task Administrator_OpensEveryPage_AndTheIndexLinksEverySection()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var client = await app.SignInAsync("admin.test");

        var index = await client.GetPageAsync("/staff/admin");
        var links = index.QuerySelectorAll("[data-testid=admin-sections] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/staff/admin/subjects", "/staff/admin/provinces", "/staff/admin/accounts", "/staff/admin/calendar", "/staff/admin/canned",
            "/staff/admin/api-keys", "/staff/admin/webhooks", "/staff/admin/retention", "/staff/admin/information", "/staff/admin/periodic-report", "/staff/admin/audit", "/staff/admin/notifications"], links);
        Assert.Equal("پیام‌ها و اعلان‌ها", index.QuerySelector("[data-testid=admin-notifications] .admin-section__title")!.TextContent);
        Assert.NotNull((await client.GetPageAsync("/staff/inbox")).QuerySelector("a[href='/staff/admin']"));

        foreach (var url in new[]
                 {
                     "/staff/admin/subjects", "/staff/admin/subjects/new", $"/staff/admin/subjects/{world.SubjectX}",
                     $"/staff/admin/subjects/new?parentId={world.SubjectX}", "/staff/admin/provinces", "/staff/admin/accounts",
                     "/staff/admin/accounts/new", $"/staff/admin/accounts/{world.TehranExpert.Id}", "/staff/admin/canned",
                     "/staff/admin/canned/new", "/staff/admin/api-keys", "/staff/admin/webhooks", "/staff/admin/audit", "/staff/admin/notifications",
                     "/staff/admin/notifications?view=failed", "/staff/admin/notifications?view=recorded",
                     "/staff/admin/notifications?view=templates", "/staff/admin/notifications/templates/request.answered",
                     "/staff/admin/retention", "/staff/admin/calendar", "/staff/admin/calendar/escalation",
                     "/staff/admin/information", "/staff/admin/information/accessibility", "/staff/admin/information/privacy",
                 })
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            Assert.True(response.Headers.CacheControl?.NoStore, url);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/staff/admin/subjects/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/staff/admin/accounts/no-such-id")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/staff/admin/canned/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/staff/admin/information/terms")).StatusCode);
    }

    [Fact]
    public async Task NobodySignedIn_IsSentToSignIn()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var client = app.NewClient();

        foreach (var url in new[] { "/staff/admin", "/staff/admin/subjects", "/staff/admin/accounts", "/staff/admin/audit" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("http://localhost/staff/sign-in", response.Location(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DemotedAdministrator_LosesTheAdministrationOnTheNextClick()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        await world.Data.CreateStaffAsync("admin.two", StaffRole.Administrator);
        var demoted = await app.SignInAsync("admin.two");
        Assert.Equal(HttpStatusCode.OK, (await demoted.GetAsync("/staff/admin")).StatusCode);
        var admin = await app.SignInAsync("admin.test");
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "admin.two").Select(u => u.Id).SingleAsync());

        await (await admin.PostPageFormAsync($"/staff/admin/accounts/{id}", "[data-testid=account-form]", new Dictionary<string, string?>
        {
            ["Role"] = "Supervisor",
            ["ProvinceId"] = AdminPages.Id(await world.Data.ProvinceIdAsync("Tehran")),
        })).AssertRedirectAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await demoted.GetAsync("/staff/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await demoted.GetAsync("/staff/inbox")).StatusCode);
    }

    [Fact]
    public async Task EveryAdministrationEndpoint_CarriesTheAdministratorPolicy()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        _ = app.Server;
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("staff/admin", StringComparison.Ordinal) == true)
            .ToList();

        Assert.True(endpoints.Count >= 11, string.Join(", ", endpoints.Select(e => e.RoutePattern.RawText)));
        Assert.All(endpoints, e => Assert.Contains(e.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy == StaffPolicies.Administrator));
    }

    private static Task<string> SnapshotAsync(HajDeskFactory app) => app.WithDbAsync(async db =>
    {
        var subjects = await db.Subjects.AsNoTracking().OrderBy(s => s.Id)
            .Select(s => $"{s.Id}|{s.ParentId}|{s.Name}|{s.DisplayOrder}|{s.IsActive}|{s.AttachmentRequired}|{s.ResponseDays}").ToListAsync();
        var provinces = await db.Provinces.AsNoTracking().OrderBy(p => p.Id).Select(p => $"{p.Id}|{p.Name}|{p.AreaCode}").ToListAsync();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Id)
            .Select(u => $"{u.Id}|{u.UserName}|{u.Role}|{u.ProvinceId}|{u.IsDisabled}|{u.PasswordHash}|{u.SecurityStamp}|{u.TwoFactorEnabled}").ToListAsync();
        var canned = await db.CannedAnswers.AsNoTracking().OrderBy(c => c.Id).Select(c => $"{c.Id}|{c.Title}|{c.Text}|{c.IsActive}").ToListAsync();
        var staffSubjects = await db.StaffSubjects.AsNoTracking().CountAsync();
        var holidays = await db.Holidays.AsNoTracking().OrderBy(h => h.Id).Select(h => $"{h.Id}|{h.Date}|{h.Title}").ToListAsync();
        var settings = $"{await db.CalendarSettings.AsNoTracking().CountAsync(s => s.ThursdayIsWorkingDay)}|{await db.RetentionSettings.AsNoTracking().CountAsync()}";
        var webhooks = await db.WebhookSubscribers.AsNoTracking().OrderBy(w => w.Id)
            .Select(w => $"{w.Id}|{w.Name}|{w.Url}|{w.EventMask}|{w.AllProvinces}|{w.IsActive}|{w.SecretPrefix}|{w.Version}").ToListAsync();
        var information = await db.InformationPages.AsNoTracking().OrderBy(p => p.Key).Select(p => $"{p.Key}|{p.Text}|{p.Version}").ToListAsync();
        var fields = await db.SubjectFields.AsNoTracking().OrderBy(f => f.Id).Select(f => $"{f.Id}|{f.Label}|{f.IsActive}|{f.Version}").ToListAsync();
        return string.Join("\n", subjects.Concat(provinces).Concat(users).Concat(canned).Concat(holidays).Concat(webhooks).Concat(information).Concat(fields)) + "\n" + staffSubjects + "\n" + settings;
    });
}
