using System.Net;
using HajDesk.Web.Tests.Infrastructure;

namespace HajDesk.Web.Tests.PageTests.Requests;

/// <summary>
/// Finding 5 of the security review: failures in a citizen's name spend the national code's budget, but never keep
/// the owner's right pair out; the per-client budget still applies to everyone.
/// </summary>
public class TrackThrottleTests
{
    private const int Budget = 3;

    [Fact]
    public async Task Post_RightPairAfterOthersSpentTheNationalCodesBudget_ShowsTheResult()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: Limits());
        var code = await SendAsync(app);
        for (var i = 0; i < Budget + 1; i++)
        {
            await TrackAsync(app.CreateClient(), TestRequests.TrackingCodeOtherThan(code));
        }

        var owner = await TrackAsync(app.CreateClient(), code);

        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        Assert.Equal("/requests/track/result", owner.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Post_FailuresAlone_Get429OnceTheBudgetIsSpent()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: Limits());
        var code = await SendAsync(app);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Budget + 1; i++)
        {
            statuses.Add((await TrackAsync(app.CreateClient(), TestRequests.TrackingCodeOtherThan(code))).StatusCode);
        }

        Assert.All(statuses.Take(Budget), s => Assert.Equal(HttpStatusCode.BadRequest, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task Post_RightPairsAlone_NeverSpendTheNationalCodesBudget()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: Limits());
        var code = await SendAsync(app);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Budget + 1; i++)
        {
            statuses.Add((await TrackAsync(app.CreateClient(), code)).StatusCode);
        }

        var wrong = await TrackAsync(app.CreateClient(), TestRequests.TrackingCodeOtherThan(code));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
    }

    [Fact]
    public async Task Post_RightPairFromAClientOverItsOwnBudget_Gets429()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: Limits(new() { ["RateLimits:TrackByClient"] = "2" }));
        var code = await SendAsync(app);
        await TrackAsync(app.CreateClient(), TestRequests.TrackingCodeOtherThan(code));
        await TrackAsync(app.CreateClient(), TestRequests.TrackingCodeOtherThan(code));

        var owner = await TrackAsync(app.CreateClient(), code);

        Assert.Equal(HttpStatusCode.TooManyRequests, owner.StatusCode);
        Assert.Contains("بیش از حد مجاز", await owner.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Limits(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?> { ["RateLimits:TrackByNationalCode"] = Budget.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task<string> SendAsync(HajDeskFactory app) => await app.WithDbAsync(async db =>
    {
        var request = TestRequests.Build(db);
        db.Requests.Add(request);
        await db.SaveChangesAsync();
        return request.TrackingCode;
    });

    /// <summary>A lookup for the demo person's national code through the real form, from a fresh browser.</summary>
    private static async Task<HttpResponseMessage> TrackAsync(HttpClient client, string trackingCode)
    {
        var form = (await client.GetDocumentAsync("/requests/track")).Form("#track-form");
        return await client.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["NationalCode"] = SendPage.NationalCode,
            ["TrackingCode"] = trackingCode,
            ["CaptchaAnswer"] = HajDeskFactory.TestCaptchaCode,
        });
    }
}
