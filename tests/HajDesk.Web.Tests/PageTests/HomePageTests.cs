using System.Net;
using HajDesk.Web.Tests.Infrastructure;

namespace HajDesk.Web.Tests.PageTests;

public class HomePageTests
{
    [Fact]
    public async Task Get_Home_IsPersianRightToLeftWithTheSeedsTwoChoices()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var client = app.CreateClient();

        var response = await client.GetAsync("/");
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fa", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));
        var links = page.QuerySelectorAll("a").ToDictionary(a => a.TextContent.Trim().Split('\n')[0].Trim(), a => a.GetAttribute("href"));
        Assert.Equal("/requests/send", links["ارسال درخواست"]);
        Assert.Equal("/requests/track", links["پیگیری درخواست"]);
        Assert.Contains("سازمان حج و زیارت", page.QuerySelector("header")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_HomeTwice_SecondIsServedFromMemoryWithTheSecurityHeadersAndNoCookie()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var client = app.CreateClient();

        var first = await client.GetAsync("/");
        var second = await client.GetAsync("/");

        Assert.False(first.Headers.Contains("Age"));
        Assert.True(second.Headers.Contains("Age"));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.True(second.Headers.Contains("Content-Security-Policy"));
        Assert.False(second.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Get_Home_ShowsTheOrganizationNameFromConfiguration()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["Organization:Name"] = "سازمان آزمایشی",
        });

        var page = await app.CreateClient().GetDocumentAsync("/");

        Assert.Contains("سازمان آزمایشی", page.QuerySelector("header")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("سازمان آزمایشی", page.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Home_WritesPersianAsUtf8NotEntities()
    {
        await using var app = await HajDeskFactory.CreateAsync();

        var html = await app.CreateClient().GetStringAsync("/");

        Assert.Contains("ارسال درخواست", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AnyPage_SendsSecurityHeaders()
    {
        await using var app = await HajDeskFactory.CreateAsync();

        var response = await app.CreateClient().GetAsync("/");

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task Get_Home_HasNoInlineScriptOrStyle()
    {
        await using var app = await HajDeskFactory.CreateAsync();

        var page = await app.CreateClient().GetDocumentAsync("/");

        Assert.All(page.QuerySelectorAll("script"), s => Assert.True(s.HasAttribute("src")));
        Assert.Empty(page.QuerySelectorAll("style"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
    }

    [Fact]
    public async Task Get_Health_ChecksTheDatabase()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var client = app.CreateClient();

        var healthy = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.StartsWith("Healthy\n", await healthy.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Break the database under the running app: the health check must notice.
        File.Delete(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(app.Database.ConnectionString).DataSource);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(app.Database.ConnectionString).DataSource)!, true);

        var unhealthy = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
    }
}
