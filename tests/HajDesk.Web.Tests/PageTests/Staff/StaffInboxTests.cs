using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests;
using HajDesk.Web.Infrastructure.Forms;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.PageTests.Staff;

public class StaffInboxTests
{
    private static List<long> RowIds(IDocument page) =>
        page.QuerySelectorAll("[data-testid=inbox-row]").Select(r => long.Parse(r.GetAttribute("data-id")!, CultureInfo.InvariantCulture)).ToList();

    private static string Count(IDocument page, RequestStatus status) =>
        page.QuerySelector($"[data-testid=status-counts] [data-status={status}]")!.TextContent.Split(':')[1].Trim();

    /// <summary>No link, form action or redirect may carry a national code, in any digits.</summary>
    private static void AssertNoNationalCodeInUrls(IDocument page, IEnumerable<string> nationalCodes)
    {
        var urls = page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!)
            .Concat(page.QuerySelectorAll("form[action]").Select(f => f.GetAttribute("action")!))
            .Append(page.Url)
            .ToList();
        foreach (var code in nationalCodes)
        {
            Assert.DoesNotContain(urls, u => u.Contains(code, StringComparison.Ordinal)
                || Uri.UnescapeDataString(u).Contains(PersianText.ToPersianDigits(code), StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Inbox_ShowsOnlyTheRequestsInScope()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var tehranX = await world.Data.CreateRequestAsync("Tehran", world.SubjectX);
        var tehranY = await world.Data.CreateRequestAsync("Tehran", world.SubjectY);
        var isfahan = await world.Data.CreateRequestAsync("Isfahan", world.SubjectX);

        async Task<List<long>> SeenBy(string user) => RowIds(await (await app.SignInAsync(user)).GetPageAsync("/staff/inbox"));

        Assert.Equal([tehranY.Id, tehranX.Id], await SeenBy("tehran.expert"));
        Assert.Equal([tehranY.Id, tehranX.Id], await SeenBy("tehran.supervisor"));
        Assert.Equal([tehranX.Id], await SeenBy("tehran.limited"));
        Assert.Equal([isfahan.Id], await SeenBy("isfahan.expert"));
        Assert.Equal([isfahan.Id, tehranY.Id, tehranX.Id], await SeenBy("admin.test"));
    }

    [Fact]
    public async Task SearchByName_CountsEachStatusOfTheMatchesOnly()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        await world.Data.CreateRequestAsync("Tehran", configure: r => r.LastName = "کاظمی");
        await world.Data.CreateRequestAsync("Tehran", configure: r => r.LastName = "کاظمی");
        await world.Data.CreateRequestAsync("Tehran", configure: r => { r.LastName = "کاظمی"; r.Status = RequestStatus.Answered; });
        await world.Data.CreateRequestAsync("Tehran", configure: r => { r.FirstName = "کاظمی‌نژاد"; r.Status = RequestStatus.Closed; });
        await world.Data.CreateRequestAsync("Tehran", configure: r => r.Status = RequestStatus.Answered);
        await world.Data.CreateRequestAsync("Isfahan", configure: r => r.LastName = "کاظمی");
        var client = await app.SignInAsync("tehran.expert");
        var inbox = await client.GetPageAsync("/staff/inbox");

        var page = await Html.ParseAsync(await client.PostFormAsync(inbox.Form("[data-testid=search-form]"), new Dictionary<string, string?> { ["Q"] = "كاظمی" }));

        Assert.Equal(4, RowIds(page).Count);
        Assert.Equal("۲", Count(page, RequestStatus.Submitted));
        Assert.Equal("۱", Count(page, RequestStatus.Answered));
        Assert.Equal("۱", Count(page, RequestStatus.Closed));
        Assert.Equal("۰", Count(page, RequestStatus.Referred));
    }

    [Fact]
    public async Task SearchWithMoreMatchesThanTheCap_SaysMoreThanTheCapAndListsTheNewest()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var matching = await world.Data.CreateRequestsAsync(HajDesk.Web.Pages.Staff.Inbox.IndexModel.SearchCountCap + 1, configure: r => r.LastName = "کاظمی");
        await world.Data.CreateRequestAsync("Tehran", configure: r => r.LastName = "رضایی");
        var client = await app.SignInAsync("tehran.expert");
        var inbox = await client.GetPageAsync("/staff/inbox");

        var page = await Html.ParseAsync(await client.PostFormAsync(inbox.Form("[data-testid=search-form]"), new Dictionary<string, string?> { ["Q"] = "کاظمی" }));

        Assert.Equal("همه: بیش از ۱۰۰۰", page.QuerySelector("[data-testid=search-count-capped]")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("[data-testid=status-counts] [data-status]"));
        Assert.Equal(matching.Select(r => r.Id).OrderDescending().Take(25), RowIds(page));

        // One match fewer than the cap is counted exactly, per status.
        await app.WithDbAsync(db => db.Requests.Where(r => r.Id == matching[0].Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RequestStatus.Closed)));
        await app.WithDbAsync(db => db.Requests.Where(r => r.Id == matching[1].Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.LastName, "رضایی").SetProperty(r => r.NameKey, "زهرارضایی")));
        page = await Html.ParseAsync(await client.PostFormAsync(inbox.Form("[data-testid=search-form]"), new Dictionary<string, string?> { ["Q"] = "کاظمی" }));
        Assert.Null(page.QuerySelector("[data-testid=search-count-capped]"));
        Assert.Equal("۹۹۹", Count(page, RequestStatus.Submitted));
        Assert.Equal("۱", Count(page, RequestStatus.Closed));
    }

    [Fact]
    public async Task StatusFilter_ShowsOneStatusAndCountsEvery()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        for (var i = 0; i < 3; i++)
        {
            await world.Data.CreateRequestAsync("Tehran");
        }

        var answered = new[]
        {
            await world.Data.CreateRequestAsync("Tehran", configure: r => r.Status = RequestStatus.Answered),
            await world.Data.CreateRequestAsync("Tehran", configure: r => r.Status = RequestStatus.Answered),
        };
        await world.Data.CreateRequestAsync("Tehran", configure: r => r.Status = RequestStatus.Closed);
        await world.Data.CreateRequestAsync("Isfahan", configure: r => r.Status = RequestStatus.Answered);
        var client = await app.SignInAsync("tehran.expert");

        var page = await client.GetPageAsync("/staff/inbox?status=Answered");

        Assert.Equal(answered.Select(r => r.Id).OrderDescending(), RowIds(page));
        Assert.Equal("۳", Count(page, RequestStatus.Submitted));
        Assert.Equal("۲", Count(page, RequestStatus.Answered));
        Assert.Equal("۱", Count(page, RequestStatus.Closed));
        Assert.Equal("۰", Count(page, RequestStatus.Referred));
        var answeredLink = page.QuerySelector("[data-testid=status-counts] a[data-status=Answered]")!;
        Assert.Contains("active", answeredLink.ClassList);
        Assert.Equal("/staff/inbox?status=Answered", answeredLink.GetAttribute("href"));
    }

    [Fact]
    public async Task OverdueFilter_ShowsOpenRequestsPastTheirDueDate_AndMarksThem()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var late = await world.Data.CreateRequestAsync("Tehran", configure: r => r.DueAt = DateTime.UtcNow.AddDays(-1));
        await world.Data.CreateRequestAsync("Tehran", configure: r =>
        {
            r.DueAt = DateTime.UtcNow.AddDays(-1);
            r.Status = RequestStatus.Answered;
        });
        var onTime = await world.Data.CreateRequestAsync("Tehran");
        var client = await app.SignInAsync("tehran.expert");

        var overdue = await client.GetPageAsync("/staff/inbox?overdue=true");
        var all = await client.GetPageAsync("/staff/inbox");

        Assert.Equal([late.Id], RowIds(overdue));
        var rows = all.QuerySelectorAll("[data-testid=inbox-row]").ToDictionary(r => long.Parse(r.GetAttribute("data-id")!, CultureInfo.InvariantCulture));
        Assert.Equal(3, rows.Count);
        Assert.Contains("inbox-row--overdue", rows[late.Id].ClassList);
        Assert.NotNull(rows[late.Id].QuerySelector("[data-testid=overdue]"));
        Assert.DoesNotContain("inbox-row--overdue", rows[onTime.Id].ClassList);
        Assert.Equal(1, all.QuerySelectorAll("[data-testid=overdue]").Length);
        var detail = await client.GetPageAsync($"/staff/requests/{late.Id}");
        Assert.NotNull(detail.QuerySelector("[data-testid=overdue]"));
    }

    [Fact]
    public async Task SubjectDateAndMineFilters_Narrow()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        // 1403/05/10 = 2024-07-31 and 1403/05/20 = 2024-08-10 (Tehran days).
        var early = await world.Data.CreateRequestAsync("Tehran", world.SubjectX, configure: r => r.CreatedAt = new DateTime(2024, 7, 31, 8, 0, 0, DateTimeKind.Utc));
        var late = await world.Data.CreateRequestAsync("Tehran", world.SubjectY, configure: r =>
        {
            r.CreatedAt = new DateTime(2024, 8, 10, 19, 0, 0, DateTimeKind.Utc); // 22:30 in Tehran, still the 20th
            r.AssignedToId = world.TehranExpert.Id;
        });
        var client = await app.SignInAsync("tehran.expert");

        Assert.Equal([late.Id], RowIds(await client.GetPageAsync($"/staff/inbox?subject={world.SubjectY}")));
        Assert.Equal([late.Id], RowIds(await client.GetPageAsync("/staff/inbox?mine=true")));
        var from = Uri.EscapeDataString("۱۴۰۳/۰۵/۱۱");
        Assert.Equal([late.Id], RowIds(await client.GetPageAsync($"/staff/inbox?from={from}")));
        var to = Uri.EscapeDataString("۱۴۰۳/۰۵/۲۰");
        var until20 = await client.GetPageAsync($"/staff/inbox?to={to}&sort=oldest");
        Assert.Equal([early.Id, late.Id], RowIds(until20));
        Assert.Equal([early.Id], RowIds(await client.GetPageAsync("/staff/inbox?to=1403/05/19")));
        var bad = await client.GetPageAsync("/staff/inbox?from=1403/13/40");
        Assert.NotNull(bad.QuerySelector("[data-testid=inbox-errors]"));
        Assert.Equal(2, RowIds(bad).Count);
    }

    [Fact]
    public async Task Search_ByTrackingCodeNationalCodeOrName_IsPostedAndStaysOutOfUrls()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var target = await world.Data.CreateRequestAsync("Tehran", configure: r =>
        {
            r.FirstName = "مریم";
            r.LastName = "کاظمی";
            r.Text = "درباره فیش حج عمره";
        });
        var sameCitizen = await world.Data.CreateRequestAsync("Tehran", configure: r => r.NationalCode = target.NationalCode);
        var others = new[] { await world.Data.CreateRequestAsync("Tehran"), await world.Data.CreateRequestAsync("Tehran") };
        var elsewhere = await world.Data.CreateRequestAsync("Isfahan", configure: r => r.NationalCode = target.NationalCode);
        var client = await app.SignInAsync("tehran.expert");
        var inbox = await client.GetPageAsync("/staff/inbox");
        Assert.Equal("post", inbox.Form("[data-testid=search-form]").Method.ToLowerInvariant());
        Assert.Null(inbox.Form("[data-testid=filter-form]").QuerySelector("[name=Q]"));

        async Task<IDocument> SearchAsync(string q)
        {
            var response = await client.PostFormAsync(inbox.Form("[data-testid=search-form]"), new Dictionary<string, string?> { ["Q"] = q });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("/staff/inbox", response.RequestMessage!.RequestUri!.PathAndQuery);
            var page = await Html.ParseAsync(response);
            AssertNoNationalCodeInUrls(page, [target.NationalCode]);
            return page;
        }

        var tracking = TrackingCode.Format(target.TrackingCode);
        Assert.Equal([target.Id], RowIds(await SearchAsync(PersianText.ToPersianDigits(tracking))));
        Assert.Equal([target.Id], RowIds(await SearchAsync(target.TrackingCode)));
        var byNationalCode = await SearchAsync(" " + PersianText.ToPersianDigits(target.NationalCode) + " ");
        Assert.Equal([sameCitizen.Id, target.Id], RowIds(byNationalCode));
        Assert.DoesNotContain(elsewhere.Id, RowIds(byNationalCode));
        Assert.Equal([target.Id], RowIds(await SearchAsync("كاظمي"))); // Arabic kaf and yeh match the Persian letters
        Assert.Equal([target.Id], RowIds(await SearchAsync("مریم کاظمی")));
        Assert.Equal([target.Id], RowIds(await SearchAsync("عمره")));
        Assert.Empty(RowIds(await SearchAsync("ناموجود")));
        Assert.Empty(RowIds(await SearchAsync("100%")));
        Assert.Equal(4, others.Length + 2);
    }

    [Fact]
    public async Task KeysetPaging_WalksEveryRowOnceForwardAndBack()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var created = new List<ServiceRequest>();
        for (var i = 0; i < 60; i++)
        {
            // Groups of three share an instant, so the Id tie-breaker matters.
            var at = start.AddMinutes(i / 3);
            created.Add(await world.Data.CreateRequestAsync("Tehran", configure: r => r.CreatedAt = at));
        }

        await world.Data.CreateRequestAsync("Isfahan");
        var expected = created.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Select(r => r.Id).ToList();
        var client = await app.SignInAsync("tehran.expert");

        var pages = new List<List<long>>();
        var url = "/staff/inbox";
        IDocument page;
        while (true)
        {
            page = await client.GetPageAsync(url);
            AssertNoNationalCodeInUrls(page, created.Select(r => r.NationalCode));
            pages.Add(RowIds(page));
            var next = page.QuerySelector("[data-testid=pager-next]");
            if (next is null)
            {
                break;
            }

            url = next.GetAttribute("href")!;
            Assert.Matches("^/staff/inbox\\?after=[A-Za-z0-9_-]+$", url);
        }

        Assert.Equal([25, 25, 10], pages.Select(p => p.Count));
        Assert.Equal(expected, pages.SelectMany(p => p));
        Assert.Null(await client.GetPageAsync("/staff/inbox").ContinueWith(t => t.Result.QuerySelector("[data-testid=pager-previous]")));

        // Back from the last page.
        var back = new List<List<long>> { RowIds(page) };
        while (page.QuerySelector("[data-testid=pager-previous]") is { } previous)
        {
            page = await client.GetPageAsync(previous.GetAttribute("href")!);
            back.Insert(0, RowIds(page));
        }

        Assert.Equal(pages, back);

        // Oldest first, same rows in the opposite order.
        var oldest = new List<long>();
        url = "/staff/inbox?sort=oldest";
        while (url is not null)
        {
            page = await client.GetPageAsync(url);
            oldest.AddRange(RowIds(page));
            url = page.QuerySelector("[data-testid=pager-next]")?.GetAttribute("href")!;
        }

        Assert.Equal(Enumerable.Reverse(expected), oldest);
    }

    [Fact]
    public async Task SearchResults_ArePagedWithPostButtons()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var matching = new List<long>();
        for (var i = 0; i < 30; i++)
        {
            matching.Add((await world.Data.CreateRequestAsync("Tehran", configure: r => r.LastName = "رضایی")).Id);
        }

        await world.Data.CreateRequestAsync("Tehran", configure: r => r.LastName = "کریمی");
        var client = await app.SignInAsync("tehran.expert");
        var inbox = await client.GetPageAsync("/staff/inbox");

        var first = await Html.ParseAsync(await client.PostFormAsync(inbox.Form("[data-testid=search-form]"), new Dictionary<string, string?> { ["Q"] = "رضایی" }));
        Assert.Equal(25, RowIds(first).Count);
        var nextForm = first.Form("[data-testid=pager-next]");
        Assert.Equal("post", nextForm.Method.ToLowerInvariant());
        var second = await Html.ParseAsync(await client.PostFormAsync(nextForm));

        Assert.Equal(5, RowIds(second).Count);
        Assert.Equal(matching.OrderDescending(), RowIds(first).Concat(RowIds(second)));
        var previous = await Html.ParseAsync(await client.PostFormAsync(second.Form("[data-testid=pager-previous]")));
        Assert.Equal(RowIds(first), RowIds(previous));
    }

    [Fact]
    public async Task Inbox_IsNotCachedAndHasNoInlineScriptOrStyle()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        await world.Data.CreateRequestAsync("Tehran");
        var client = await app.SignInAsync("tehran.expert");

        var response = await client.GetAsync("/staff/inbox");
        var page = await Html.ParseAsync(response);

        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.All(page.QuerySelectorAll("script"), s => Assert.True(s.HasAttribute("src")));
        var script = Assert.Single(page.QuerySelectorAll("script"), s => s.GetAttribute("src")!.StartsWith("/js/staff", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(script.GetAttribute("src"))).StatusCode);
        var css = Assert.Single(page.QuerySelectorAll("link[rel=stylesheet]"), l => l.GetAttribute("href")!.StartsWith("/css/staff", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(css.GetAttribute("href"))).StatusCode);
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.Empty(page.QuerySelectorAll("style"));
        Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));
    }

    public static TheoryData<string, string, string> UnknownFilters => new()
    {
        { "status", "Foo", "وضعیت" },
        { "channel", "<script>alert(1)</script>", "راه رسیدن" },
        { "type", "Complaint2", "نوع پیام" },
        { "subject", "۱۲abc", "موضوع" },
        { "overdue", "maybe", "فقط دیرکرددار" },
        { "status", new string('A', 5000), "وضعیت" },
    };

    [Theory]
    [MemberData(nameof(UnknownFilters))]
    public async Task Filters_UnknownValueInTheAddress_SetAsideWithPersianMessage(string name, string value, string field)
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var submitted = await world.Data.CreateRequestAsync("Tehran");
        var answered = await world.Data.CreateRequestAsync("Tehran", configure: r => r.Status = RequestStatus.Answered);
        var client = await app.SignInAsync("tehran.supervisor");
        var url = $"/staff/inbox?{name}={Uri.EscapeDataString(value)}";

        var page = await client.GetPageAsync(url);
        var export = await client.GetAsync(url + "&handler=export&format=csv");

        var errors = page.QuerySelector("[data-testid=inbox-errors]")!.TextContent;
        Assert.Contains(PersianBindingMessages.Invalid(value, field), errors, StringComparison.Ordinal);
        Assert.DoesNotMatch("[A-Za-z]{3,} [A-Za-z]{3,}", errors);
        Assert.True(value.Length <= PersianBindingMessages.ShownValueLength || !errors.Contains(value, StringComparison.Ordinal));
        Assert.DoesNotContain(page.QuerySelectorAll("script"), s => s.TextContent.Contains("alert", StringComparison.Ordinal));
        // The unknown filter filters nothing: the whole list is shown.
        Assert.Equal(new[] { submitted.Id, answered.Id }.Order(), RowIds(page).Order());
        // A download is never of something else than what was asked: refused with the same message.
        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
        Assert.Contains(PersianBindingMessages.Invalid(value, field), (await Html.ParseAsync(export)).QuerySelector("[data-testid=inbox-errors]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_ReplayedWithForgedStatus_PersianMessageAndTheSearchStillRuns()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var target = await world.Data.CreateRequestAsync("Tehran");
        var client = await app.SignInAsync("tehran.expert");
        var inbox = await client.GetPageAsync("/staff/inbox?status=Submitted");

        var response = await client.PostFormAsync(inbox.Form("[data-testid=search-form]"),
            new Dictionary<string, string?> { ["Status"] = "Everything", ["Q"] = target.TrackingCode });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains(PersianBindingMessages.Invalid("Everything", "وضعیت"),
            page.QuerySelector("[data-testid=inbox-errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal([target.Id], RowIds(page));
    }
}

public class InboxCountTextTests
{
    [Theory]
    [InlineData(0, false, "۰")]
    [InlineData(10_000, false, "۱۰۰۰۰")]
    [InlineData(10_001, false, "بیش از ۱۰۰۰۰")]
    [InlineData(5, true, "بیش از ۱۰۰۰۰")]
    public void CountText_LargeCounts_ReadAsMoreThanTheCap(int count, bool capped, string expected) =>
        Assert.Equal(expected, HajDesk.Web.Pages.Staff.Inbox.IndexModel.CountText(count, capped));

    [Fact]
    public async Task Filter_BadDate_IsListedInTheSharedErrorSummary_WithALinkToTheFilter()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var client = await app.SignInAsync("tehran.expert");

        var bad = await client.GetPageAsync("/staff/inbox?from=" + Uri.EscapeDataString("۱۴۰۳/۱۳/۴۰"));

        var summary = bad.QuerySelector("[data-testid=inbox-errors]")!;
        Assert.Equal("لطفاً این موارد را درست کنید:", summary.QuerySelector("h2")!.TextContent);
        Assert.Equal("#From", summary.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("۱۴۰۳/۱۳/۴۰", bad.QuerySelector("#From")!.GetAttribute("value"));
    }
}
