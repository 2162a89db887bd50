using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using HajDesk.Core.Calendar;
using HajDesk.Core.Persian;
using HajDesk.Web.Staff;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.PageTests.Staff.Admin;

/// <summary>
/// <c>/staff/admin/calendar</c>: a holiday added in Persian digits changes the next working days; mistakes get
/// Persian messages with what was typed kept; a CSV is taken whole or not at all; every change is audited.
/// (Administrators only: see <see cref="AdminAccessTests"/>.)
/// </summary>
public class AdminCalendarTests
{
    private const string Url = "/staff/admin/calendar";

    private const string AddForm = "[data-testid=add-holiday-form]";

    [Fact]
    public async Task Add_HolidayInPersianDigits_IsListedAudited_AndLeavesTheNextWorkingDays()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        var before = NextWorkingDays(await admin.GetPageAsync(Url));
        var day = before[1];
        var typed = Persian(day);

        var location = await (await admin.PostPageFormAsync(Url, AddForm, new Dictionary<string, string?>
        {
            ["Input.Date"] = typed,
            ["Input.Title"] = "  تعطیلی آزمایشی  ",
        })).AssertRedirectAsync();

        var page = await admin.GetPageAsync(location);
        Assert.Equal("تعطیلی افزوده شد.", page.QuerySelector("[data-testid=done]")!.ChildNodes[0].TextContent.Trim());
        var after = NextWorkingDays(page);
        Assert.DoesNotContain(day, after);
        Assert.Equal(before.Where(d => d != day), after.Take(before.Count - 1));
        var row = page.QuerySelector($"[data-testid=holiday-row][data-date='{typed}']");
        Assert.NotNull(row);
        Assert.Contains("تعطیلی آزمایشی", row.TextContent, StringComparison.Ordinal);
        var audit = Assert.Single(await app.AuditAsync(AuditActions.HolidayAdd));
        Assert.Equal("admin.test", audit.UserName);
        Assert.Contains("«تعطیلی آزمایشی»", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_BadDateAndEmptyTitle_ArePersianErrors_TypedValuesKept_NothingAdded()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        var count = await app.WithDbAsync(db => db.Holidays.CountAsync());

        var page = await (await admin.PostPageFormAsync(Url, AddForm, new Dictionary<string, string?>
        {
            ["Input.Date"] = "۱۴۰۵/۱۳/۴۰",
            ["Input.Title"] = "   ",
        })).AssertPageAsync(HttpStatusCode.BadRequest);

        var summary = page.TextOf("[data-testid=errors]");
        Assert.Contains(HolidayRules.DateInvalid, summary, StringComparison.Ordinal);
        Assert.Contains(HolidayRules.TitleRequired, summary, StringComparison.Ordinal);
        Assert.Equal("۱۴۰۵/۱۳/۴۰", page.QuerySelector<IHtmlInputElement>("#Input_Date")!.Value);
        Assert.Equal("true", page.QuerySelector("#Input_Date")!.GetAttribute("aria-invalid"));
        Assert.Equal("true", page.QuerySelector("#Input_Title")!.GetAttribute("aria-invalid"));

        var script = await (await admin.PostPageFormAsync(Url, AddForm, new Dictionary<string, string?>
        {
            ["Input.Date"] = "",
            ["Input.Title"] = "<script>alert(1)</script>",
        })).AssertPageAsync(HttpStatusCode.BadRequest);

        Assert.Contains(HolidayRules.DateRequired, script.TextOf("[data-testid=errors]"), StringComparison.Ordinal);
        Assert.Equal("<script>alert(1)</script>", script.QuerySelector<IHtmlInputElement>("#Input_Title")!.Value);
        Assert.Equal(count, await app.WithDbAsync(db => db.Holidays.CountAsync()));
        Assert.Empty(await app.AuditAsync(AuditActions.HolidayAdd));
    }

    [Fact]
    public async Task Add_DateAlreadyListed_IsRefused()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        var seeded = await app.WithDbAsync(db => db.Holidays.OrderBy(h => h.Date).Select(h => h.Date).FirstAsync());

        var page = await (await admin.PostPageFormAsync(Url, AddForm, new Dictionary<string, string?>
        {
            ["Input.Date"] = PersianText.ToAsciiDigits(Persian(seeded)),
            ["Input.Title"] = "دوباره",
        })).AssertPageAsync(HttpStatusCode.BadRequest);

        Assert.Contains(HolidayRules.Duplicate, page.TextOf("[data-testid=errors]"), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Holidays.CountAsync(h => h.Date == seeded)));
    }

    [Fact]
    public async Task Upload_CsvWithGoodAndBadLines_NamesTheBadLinesAndAddsNothing_ThenAGoodFileIsAddedWhole()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        var count = await app.WithDbAsync(db => db.Holidays.CountAsync());

        var bad = await UploadAsync(admin, "date,title\n۱۴۱۰/۰۳/۰۱,عید فطر\nفردا,عید قربان\n1410/05/10,\n");
        var page = await bad.AssertPageAsync(HttpStatusCode.BadRequest);

        var errors = page.QuerySelectorAll("[data-testid=csv-errors] li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, errors.Count);
        Assert.StartsWith("سطر ۳: ", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("سطر ۴: ", errors[1], StringComparison.Ordinal);
        Assert.Contains("هیچ تعطیلی‌ای از آن افزوده نشد", page.TextOf("[data-testid=errors]"), StringComparison.Ordinal);
        Assert.Equal(count, await app.WithDbAsync(db => db.Holidays.CountAsync()));

        await (await UploadAsync(admin, "۱۴۱۰/۰۳/۰۱,عید فطر\n1410/03/02,\"تعطیلی، پس از عید\"\n")).AssertRedirectAsync();

        Assert.Equal(count + 2, await app.WithDbAsync(db => db.Holidays.CountAsync()));
        var audit = Assert.Single(await app.AuditAsync(AuditActions.HolidayAdd));
        Assert.Contains("«عید فطر»", audit.Details, StringComparison.Ordinal);
        Assert.Contains("«تعطیلی، پس از عید»", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_Holiday_IsRemovedAndAudited()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        var holiday = await app.WithDbAsync(db => db.Holidays.AsNoTracking().OrderByDescending(h => h.Date).FirstAsync());
        var page = await admin.GetPageAsync(Url);
        var form = page.QuerySelector($"[data-testid=holiday-row][data-date='{Persian(holiday.Date)}'] form") as IHtmlFormElement;

        await (await admin.PostFormAsync(form!)).AssertRedirectAsync();

        Assert.False(await app.WithDbAsync(db => db.Holidays.AnyAsync(h => h.Id == holiday.Id)));
        Assert.Contains(holiday.Title, Assert.Single(await app.AuditAsync(AuditActions.HolidayDelete)).Details, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient admin, string csv)
    {
        var form = (await admin.GetPageAsync(Url)).Form("[data-testid=upload-form]");
        return await admin.SubmitMultipartAsync(form, null, new Upload("CsvFile", "holidays.csv", Encoding.UTF8.GetBytes(csv), "text/csv"));
    }

    private static string Persian(DateOnly day) => JalaliDate.FormatNumeric(day);

    /// <summary>The next working days the page lists, read back from their long Jalali form.</summary>
    private static List<DateOnly> NextWorkingDays(IDocument page) =>
        page.QuerySelectorAll("[data-testid=next-working-days] li").Select(li => li.GetAttribute("data-date")!)
            .Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList();
}
