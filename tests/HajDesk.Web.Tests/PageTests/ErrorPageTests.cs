using System.Net;
using HajDesk.Web.Tests.Infrastructure;

namespace HajDesk.Web.Tests.PageTests;

public class ErrorPageTests
{
    [Fact]
    public async Task Get_UnknownAddress_ShowsPersian404()
    {
        await using var app = await HajDeskFactory.CreateAsync();

        var response = await app.CreateClient().GetAsync("/no-such-page");
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("صفحه پیدا نشد", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));
    }

    [Fact]
    public async Task Post_ErrorPageReexecutedByPost_RendersWithoutAntiforgeryToken()
    {
        await using var app = await HajDeskFactory.CreateAsync();

        var response = await app.CreateClient().PostAsync("/errors/404", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("صفحه پیدا نشد", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_FormWithoutAntiforgeryToken_IsRefusedWithPersian400()
    {
        await using var app = await HajDeskFactory.CreateAsync();

        var response = await app.CreateClient().PostAsync("/", new FormUrlEncodedContent([new("a", "b")]));
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("درخواست نامعتبر", page.QuerySelector("h1")!.TextContent.Trim());
    }

    [Theory]
    [InlineData(429, "تعداد درخواست‌ها بیش از حد مجاز است")]
    [InlineData(500, "خطایی در سامانه رخ داد")]
    [InlineData(503, "سامانه موقتاً در دسترس نیست")]
    public async Task Get_ErrorPage_ShowsPersianTitleWithItsStatus(int code, string title)
    {
        await using var app = await HajDeskFactory.CreateAsync();

        var response = await app.CreateClient().GetAsync($"/errors/{code}");
        var page = await Html.ParseAsync(response);

        Assert.Equal(code, (int)response.StatusCode);
        Assert.Equal(title, page.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task Get_500_ShowsAReferenceIdAndNoStackTrace()
    {
        await using var app = await HajDeskFactory.CreateAsync();

        var page = await app.CreateClient().GetDocumentAsync("/errors/500");

        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("[data-testid=error-reference]")?.TextContent));
        Assert.DoesNotContain("Exception", page.Body!.TextContent, StringComparison.Ordinal);
    }
}
