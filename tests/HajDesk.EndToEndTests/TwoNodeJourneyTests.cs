using System.Text.RegularExpressions;
using HajDesk.EndToEndTests.Infrastructure;
using HajDesk.Web.Tests.Operations;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HajDesk.EndToEndTests;

/// <summary>
/// A citizen's journeys in the browser through the reference deployment (<c>deploy/run.sh</c>): Debian's nginx in
/// front of two app processes on one PostgreSQL, round robin without sticky sessions, so the form, the registry
/// lookup as the citizen types, the security-code picture, the post and the receipt land on alternating nodes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoNodeJourneyTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Citizen_ThroughNginxToTwoNodes_SendsARequestAndFollowsItUp()
    {
        await using var deployment = await Deployment.StartAsync(2);
        await WarmUpAsync(deployment.Url);
        await using var journey = await Journey.StartAsync(fixture, output, "two-nodes", Viewports.Phone,
            baseUrl: deployment.Url.ToString().TrimEnd('/'));
        var page = journey.Page;
        // Production has no test code: the digits of the challenge on the page, derived as every node derives them.
        async Task<string> SecurityCode(IPage on) =>
            deployment.CaptchaAnswer(Guid.Parse(await on.Locator("input[name=CaptchaId]").InputValueAsync()));

        var shownCode = await Citizen.SendRequestAsync(journey, SecurityCode);
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "درخواست شما با موفقیت ثبت شد." })).ToBeVisibleAsync();
        await journey.StepAsync("receipt");

        await journey.GotoAsync("/requests/track");
        await Citizen.FollowUpAsync(page, shownCode, SecurityCode);
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("ثبت شده");
        await Expect(page.GetByText(shownCode).First).ToBeVisibleAsync();
        await journey.StepAsync("result");

        // The result page again: its follow-up cookie is read by whichever node answers.
        await page.ReloadAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/requests/track/result$"));
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("ثبت شده");

        await journey.FinishAsync();
    }

    /// <summary>
    /// Freshly started processes compile every page and query on first use, which on a busy machine takes longer
    /// than the browser's patience for the name lookup: a few requests through nginx reach both nodes first.
    /// </summary>
    private static async Task WarmUpAsync(Uri url)
    {
        using var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(1) };
        foreach (var path in new[] { "/requests/send", "/requests/send", "/requests/track", "/requests/track", "/", "/" })
        {
            (await client.GetAsync(path)).EnsureSuccessStatusCode();
        }
    }
}
