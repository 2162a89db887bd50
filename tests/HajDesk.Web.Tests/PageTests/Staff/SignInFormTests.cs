using System.Net;
using HajDesk.Web.Tests.Infrastructure;

namespace HajDesk.Web.Tests.PageTests.Staff;

/// <summary>The staff sign-in forms on the shared form tag helpers: marked fields, linked summary, nothing echoed.</summary>
public class SignInFormTests
{
    [Fact]
    public async Task Post_SignInWithoutPassword_MarksThePasswordAndKeepsTheUserName()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var client = app.NewClient();

        var response = await client.PostSignInAsync("tehran.expert", string.Empty);
        var page = await Html.ParseAsync(response);

        var summary = page.QuerySelector("[data-testid=errors] a")!;
        Assert.Equal("#Password", summary.GetAttribute("href"));
        Assert.Equal("نام کاربری و رمز عبور را بنویسید.", summary.TextContent.Trim());
        Assert.Equal("true", page.GetElementById("Password")!.GetAttribute("aria-invalid"));
        Assert.Contains("Password-error", page.GetElementById("Password")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Equal("tehran.expert", page.GetElementById("UserName")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Post_WrongPassword_ShowsTheOneMessageAndNeverEchoesThePassword()
    {
        await using var app = await HajDeskFactory.CreateAsync();

        var response = await app.NewClient().PostSignInAsync("tehran.expert", "Wrong-Passw0rd-9");
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HajDesk.Web.Pages.Staff.SignInModel.FailureMessage, page.QuerySelector("[data-testid=errors] li")!.TextContent.Trim());
        Assert.DoesNotContain("Wrong-Passw0rd-9", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/staff/requests/5", "/staff/requests/5")]
    [InlineData("https://evil.example/", "/staff/inbox")]
    public async Task Get_SignInWithReturnUrl_KeepsOnlyALocalBackOfficeAddress(string returnUrl, string kept)
    {
        await using var app = await HajDeskFactory.CreateAsync();

        var page = await app.NewClient().GetPageAsync("/staff/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(kept, page.QuerySelector("[data-testid=sign-in-form] input[name=ReturnUrl]")!.GetAttribute("value"));
    }
}
