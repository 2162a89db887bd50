using System.Text.RegularExpressions;
using HajDesk.EndToEndTests.Infrastructure;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HajDesk.EndToEndTests;

/// <summary>
/// A staff member of the organisation's directory (the test OpenLDAP server) signs in with the directory password on
/// an app with <c>Directory:Enabled</c>: a wrong password first (the one message, the name kept), then the inbox.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DirectorySignInJourneyTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Viewports.WithAndWithoutScript), 1, 2, MemberType = typeof(Viewports))]
    public async Task DirectoryExpert_SignsInWithTheDirectoryPassword_AndSeesTheInbox(string viewport, bool javaScript, int run)
    {
        await using var app = new KestrelApp(TestDirectory.OpenLdapSettings());
        app.Start();
        await using var journey = await Journey.StartAsync(fixture, output, "directory-sign-in", viewport, javaScript, app.BaseUrl);
        var page = journey.Page;
        var userName = TestDirectory.NewUserName($"e2e{run}");
        TestDirectory.AddPerson(userName, "زهرا کریمی", TestDirectory.TehranExperts);

        await journey.GotoAsync("/staff/sign-in");
        await journey.StepAsync("form");

        await page.GetByLabel("نام کاربری").FillAsync(userName);
        await page.GetByLabel("رمز عبور").FillAsync("Not-The-Passw0rd");
        await page.GetByRole(AriaRole.Button, new() { Name = "ورود", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("errors")).ToContainTextAsync("نام کاربری یا رمز عبور درست نیست.");
        await Expect(page.GetByLabel("نام کاربری")).ToHaveValueAsync(userName);
        await journey.StepAsync("wrong-password");

        await page.GetByLabel("رمز عبور").FillAsync(TestDirectory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ورود", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/staff/inbox"));
        await Expect(page.GetByTestId("staff-name")).ToHaveTextAsync("زهرا کریمی");
        await journey.StepAsync("inbox");

        await StaffJourney.SignOutAsync(page);
        await journey.FinishAsync();
    }
}
