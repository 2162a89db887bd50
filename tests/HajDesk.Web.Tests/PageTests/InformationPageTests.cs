using System.Net;
using HajDesk.Core.Information;
using HajDesk.Core.Retention;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.PageTests.Staff;

namespace HajDesk.Web.Tests.PageTests;

/// <summary>
/// <c>/accessibility</c> and <c>/privacy</c>: linked from the footer of the citizens' and the staff's pages, and by
/// default saying what the desk keeps, for how long (the retention period as set now), who sees it, and which phone
/// line helps someone who cannot use the form.
/// </summary>
public class InformationPageTests
{
    [Fact]
    public async Task EveryLayoutsFooter_LinksBothPages()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var client = app.NewClient();

        foreach (var url in new[] { "/", "/requests/track", "/statistics", "/staff/sign-in", "/privacy" })
        {
            var links = (await client.GetDocumentAsync(url)).QuerySelectorAll("footer [data-testid=footer-links] a")
                .Select(a => (a.GetAttribute("href"), a.TextContent.Trim())).ToList();
            Assert.True(links.SequenceEqual([("/accessibility", "بیانیه دسترس‌پذیری"), ("/privacy", "حریم خصوصی")]), $"{url}: {string.Join(", ", links)}");
        }
    }

    [Fact]
    public async Task Privacy_ByDefault_SaysWhatIsKeptWhoSeesIt_AndThatRetentionIsOff_ThenThePeriodOnceSet()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var client = app.NewClient();

        var response = await client.GetAsync("/privacy");
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("حریم خصوصی", page.QuerySelector("h1")!.TextContent.Trim());
        var text = page.QuerySelector("[data-testid=information-text]")!.TextContent;
        foreach (var kept in new[] { "کد ملی", "تاریخ تولد", "ثبت احوال", "تلفن همراه", "رایانامه", "پرونده‌هایی که پیوست می‌کنید", "متن درخواست", "کارشناسان و سرپرستان", "مدیران سامانه", "۱۱۱" })
        {
            Assert.Contains(kept, text, StringComparison.Ordinal);
        }

        Assert.Contains(InformationTexts.RetentionSentence(null), text, StringComparison.Ordinal);
        Assert.Contains("دوره نگهداری تعیین نشده است", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{", text, StringComparison.Ordinal);

        await app.WithDbAsync(async db =>
        {
            db.RetentionSettings.Add(new RetentionSettings { Months = 18, UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

        text = (await client.GetDocumentAsync("/privacy")).QuerySelector("[data-testid=information-text]")!.TextContent;
        Assert.Contains("هر درخواست تا ۱۸ ماه پس از بسته شدن نگهداری می‌شود", text, StringComparison.Ordinal);
        Assert.DoesNotContain("تعیین نشده", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accessibility_ByDefault_NamesThePhoneLine_WithALinkToCallIt()
    {
        await using var app = await HajDeskFactory.CreateAsync();

        var page = await app.NewClient().GetDocumentAsync("/accessibility");

        Assert.Equal("بیانیه دسترس‌پذیری", page.QuerySelector("h1")!.TextContent.Trim());
        var text = page.QuerySelector("[data-testid=information-text]")!.TextContent;
        Assert.Contains("با تلفن ۱۱۱ تماس بگیرید", text, StringComparison.Ordinal);
        Assert.Contains("صفحه‌خوان", text, StringComparison.Ordinal);
        var phone = page.QuerySelector("[data-testid=help-phone]")!;
        Assert.Equal(("tel:111", "۱۱۱"), (phone.GetAttribute("href"), phone.TextContent));
    }

    [Fact]
    public async Task HelpPhone_ComesFromTheSetting()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?> { ["Organization:HelpPhone"] = "021-61234567" });

        var page = await app.NewClient().GetDocumentAsync("/privacy");

        Assert.Contains("با تلفن ۰۲۱-۶۱۲۳۴۵۶۷ تماس بگیرید", page.QuerySelector("[data-testid=information-text]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("tel:02161234567", page.QuerySelector("[data-testid=help-phone]")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewClient().GetAsync("/terms")).StatusCode);
    }
}
