using HajDesk.Core.Audit;
using HajDesk.Core.Persian;
using HajDesk.Web.Staff;
using HajDesk.Web.Tests.Infrastructure;

namespace HajDesk.Web.Tests.PageTests.Staff.Admin;

public class AdminAuditTests
{
    [Fact]
    public async Task AuditPage_NewestFirst_KeysetPagesBothWays_AndFilters()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        // 120 entries, two per second (ties on At are broken by Id), from 1404/02/10 12:00 Tehran time.
        var start = new DateTime(2025, 4, 30, 8, 30, 0, DateTimeKind.Utc);
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 120; i++)
            {
                db.AuditEntries.Add(new AuditEntry
                {
                    At = start.AddSeconds(i / 2),
                    UserId = i % 3 == 0 ? world.TehranExpert.Id : world.IsfahanExpert.Id,
                    UserName = i % 3 == 0 ? "tehran.expert" : "isfahan.expert",
                    Action = i % 2 == 0 ? AuditActions.RequestView : AuditActions.RequestNote,
                    RequestId = 1000 + (i % 4),
                    Details = "ردیف " + i,
                    IpAddress = "10.0.0." + (i % 7),
                });
            }

            // One the next Tehran day (1404/02/11 00:30 Tehran = 21:00 UTC on 2025-04-30).
            db.AuditEntries.Add(new AuditEntry { At = new DateTime(2025, 4, 30, 21, 0, 0, DateTimeKind.Utc), UserName = "nobody", Action = AuditActions.SignInFailure });
            await db.SaveChangesAsync();
        });
        var admin = await app.SignInAsync("admin.test");

        // Everything between the two days: the seeded 121 (the sign-ins of today are outside the range).
        var first = await admin.GetPageAsync("/staff/admin/audit?from=1404/02/10&to=۱۴۰۴/۰۲/۱۱");
        var second = await admin.GetPageAsync(first.QuerySelector("[data-testid=pager-next]")!.GetAttribute("href")!);
        var third = await admin.GetPageAsync(second.QuerySelector("[data-testid=pager-next]")!.GetAttribute("href")!);
        var ids = new[] { first, second, third }.SelectMany(p => p.QuerySelectorAll("[data-testid=audit-row]"))
            .Select(r => long.Parse(r.GetAttribute("data-id")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var expected = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.AuditEntries.Where(a => a.At >= start && a.At <= new DateTime(2025, 4, 30, 21, 0, 0, DateTimeKind.Utc)).OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Select(a => a.Id)));
        Assert.Equal(121, expected.Count);
        Assert.Equal(expected, ids);
        Assert.Equal(50, first.QuerySelectorAll("[data-testid=audit-row]").Length);
        Assert.Null(first.QuerySelector("[data-testid=pager-previous]"));
        Assert.Null(third.QuerySelector("[data-testid=pager-next]"));
        // Back from the third page gives the second again.
        var back = await admin.GetPageAsync(third.QuerySelector("[data-testid=pager-previous]")!.GetAttribute("href")!);
        Assert.Equal(second.QuerySelectorAll("[data-testid=audit-row]").Select(r => r.GetAttribute("data-id")),
            back.QuerySelectorAll("[data-testid=audit-row]").Select(r => r.GetAttribute("data-id")));

        // The newest row: who, what, when (Jalali, Tehran time), IP.
        var top = first.QuerySelector("[data-testid=audit-row]")!;
        Assert.Equal("nobody", top.Children[1].TextContent.Trim());
        Assert.Equal("ورود ناموفق", top.Children[2].TextContent.Trim());
        Assert.Equal("۱۱ اردیبهشت ۱۴۰۴، ۰۰:۳۰:۰۰", top.Children[0].TextContent.Trim());
        var row = first.QuerySelectorAll("[data-testid=audit-row]")[2];
        Assert.Equal("۱۰ اردیبهشت ۱۴۰۴، ۱۲:۰۰:۵۹", row.Children[0].TextContent.Trim());
        Assert.Equal("دیدن درخواست", row.Children[2].TextContent.Trim());
        Assert.Equal("ردیف 118", row.Children[4].TextContent.Trim());
        Assert.Equal("10.0.0.6", row.Children[5].TextContent.Trim());

        // Filters: user (any letter case), action, request id in Persian digits, one Tehran day.
        var filtered = await admin.GetPageAsync(
            $"/staff/admin/audit?UserName=TEHRAN.expert&action={AuditActions.RequestView}&RequestId={PersianText.ToPersianDigits("1000")}&from=1404/02/10&to=1404/02/10");
        var rows = filtered.QuerySelectorAll("[data-testid=audit-row]").Select(r => r.Children[4].TextContent.Trim()).ToList();
        // i % 3 == 0, i % 2 == 0, i % 4 == 0 → i % 12 == 0: 0, 12, …, 108.
        Assert.Equal(Enumerable.Range(0, 10).Select(k => "ردیف " + (108 - (k * 12))), rows);
        Assert.Null(filtered.QuerySelector("[data-testid=pager]"));
        var nextDay = await admin.GetPageAsync("/staff/admin/audit?from=1404/02/11&to=1404/02/11");
        Assert.Equal(["nobody"], nextDay.QuerySelectorAll("[data-testid=audit-row]").Select(r => r.Children[1].TextContent.Trim()));
        var typedName = await admin.GetPageAsync("/staff/admin/audit?UserName=nobody");
        Assert.Single(typedName.QuerySelectorAll("[data-testid=audit-row]"));

        var bad = await admin.GetAsync("/staff/admin/audit?from=1404/13/01&RequestId=abc");
        var badPage = await Html.ParseAsync(bad);
        Assert.Contains("«از تاریخ» تاریخ درستی نیست", badPage.TextOf("[data-testid=errors]"), StringComparison.Ordinal);
        Assert.Contains("شماره درخواست باید عدد باشد.", badPage.TextOf("[data-testid=errors]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdministrationChanges_AppearOnTheAuditPage()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        await (await admin.PostPageFormAsync("/staff/admin/canned/new", "[data-testid=canned-form]",
            new Dictionary<string, string?> { ["Title"] = "عنوان", ["Text"] = "متن" })).AssertRedirectAsync();

        var page = await admin.GetPageAsync($"/staff/admin/audit?action={AuditActions.CannedCreate}");
        var row = Assert.Single(page.QuerySelectorAll("[data-testid=audit-row]"));
        Assert.Equal("admin.test", row.Children[1].TextContent.Trim());
        Assert.Equal("افزودن پاسخ آماده", row.Children[2].TextContent.Trim());
        Assert.Equal("«عنوان»", row.Children[4].TextContent.Trim());
        Assert.Contains(page.QuerySelectorAll("#Action option"), o => o.GetAttribute("value") == AuditActions.StaffPasswordReset);
    }
}
