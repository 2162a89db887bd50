using System.Diagnostics;
using System.Net;
using AngleSharp.Dom;
using HajDesk.Core.Notifications;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests;
using HajDesk.Web.Pages.Requests.Track;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.PageTests.Requests;

/// <summary>«کد پیگیری را فراموش کرده‌ام» (issue 25): the real form posted with its antiforgery token, on both providers.</summary>
public class LostCodesTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static Dictionary<string, string?> Values(string nationalCode = "0499370899", string day = "12") => new()
    {
        ["Input.BirthDay"] = day,
        ["Input.BirthMonth"] = "4",
        ["Input.BirthYear"] = "۱۳۶۵",
        ["Input.NationalCode"] = nationalCode,
        ["CaptchaAnswer"] = HajDeskFactory.TestCaptchaCode,
    };

    private static async Task<(HttpResponseMessage Response, AngleSharp.Dom.IDocument Page)> AskAsync(HttpClient client, Dictionary<string, string?> values)
    {
        var form = (await client.GetDocumentAsync("/requests/track/lost")).Form("#lost-form");
        var response = await client.SubmitAsync(form, values);
        return (response, await Html.ParseAsync(response));
    }

    /// <summary>Three requests of the demo person: verified this month, verified 13 months ago, unverified; and another person's.</summary>
    private static Task<(ServiceRequest Recent, ServiceRequest Old, ServiceRequest Unverified)> SeedAsync(HajDeskFactory app) =>
        app.WithDbAsync(async db =>
        {
            var recent = TestRequests.Build(db);
            recent.MobileVerified = true;
            var old = TestRequests.Build(db, createdAt: DateTime.UtcNow.AddMonths(-13));
            old.MobileVerified = true;
            old.Mobile = "09131111111";
            var unverified = TestRequests.Build(db);
            unverified.Mobile = "09141111111";
            var other = TestRequests.Build(db, nationalCode: "0010350829");
            other.MobileVerified = true;
            other.Mobile = "09151111111";
            db.Requests.AddRange(recent, old, unverified, other);
            await db.SaveChangesAsync();
            return (recent, old, unverified);
        });

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Post_KnownPerson_SendsOnlyTheRecentVerifiedCodes_AndAnswersAsForNobody(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var (recent, _, _) = await SeedAsync(app);
        var client = app.CreateClient();

        var (found, foundPage) = await AskAsync(client, Values());
        var (missing, missingPage) = await AskAsync(client, Values("0067749828"));
        var (wrongDate, wrongDatePage) = await AskAsync(client, Values(day: "13"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (found.StatusCode, missing.StatusCode, wrongDate.StatusCode));
        foreach (var page in new[] { foundPage, missingPage, wrongDatePage })
        {
            Assert.Equal(LostModel.Answer, page.QuerySelector("[data-testid=lost-answer]")!.TextContent.Trim());
            Assert.Empty(page.QuerySelectorAll(".error-summary"));
            Assert.Equal(string.Empty, page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_NationalCode")!.Value);
        }

        // The three pages differ only in their tokens and security codes.
        static string Stripped(AngleSharp.Dom.IDocument page) => System.Text.RegularExpressions.Regex.Replace(
            page.QuerySelector("main")?.TextContent ?? page.Body!.TextContent, @"\s+", " ");
        Assert.Equal(Stripped(foundPage), Stripped(missingPage));

        var sms = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Template == "tracking.lost").ToListAsync());
        var message = Assert.Single(sms);
        Assert.Equal(("09121234567", NotificationChannel.Sms), (message.Recipient, message.Channel));
        Assert.Contains(PersianText.ToPersianDigits(TrackingCode.Format(recent.TrackingCode)), message.Body, StringComparison.Ordinal);

        // Audited, three times, without a code, a mobile or the national code in clear.
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == LostModel.AuditAction).ToListAsync());
        Assert.Equal(3, audit.Count);
        Assert.All(audit, a =>
        {
            Assert.DoesNotContain("0499370899", a.Details!, StringComparison.Ordinal);
            Assert.DoesNotContain(recent.TrackingCode, PersianText.ToAsciiDigits(a.Details!).Replace("-", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.DoesNotContain("0912", PersianText.ToAsciiDigits(a.Details!), StringComparison.Ordinal);
        });
        Assert.DoesNotContain(app.Logs, line => line.Contains(recent.TrackingCode, StringComparison.Ordinal) || line.Contains("0499370899", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_WrongOrReplayedSecurityCodeOrBadFields_RefusedWithFieldsKeptAndNothingSent()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await SeedAsync(app);
        var client = app.CreateClient();
        var form = (await client.GetDocumentAsync("/requests/track/lost")).Form("#lost-form");

        var first = await client.SubmitAsync(form, Values());
        var replay = await client.SubmitAsync(form, Values());
        var replayPage = await Html.ParseAsync(replay);
        var (bad, badPage) = await AskAsync(client, Values("۰۴۹۹<b>x</b>", day: "40"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (first.StatusCode, replay.StatusCode, bad.StatusCode));
        Assert.Null(replayPage.QuerySelector("[data-testid=lost-answer]"));
        Assert.NotNull(replayPage.GetElementById("CaptchaAnswer-error"));
        Assert.Equal("0499370899", replayPage.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_NationalCode")!.Value);
        Assert.NotNull(badPage.GetElementById("Input_NationalCode-error"));
        Assert.Equal("۰۴۹۹<b>x</b>", badPage.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_NationalCode")!.Value);
        Assert.Equal(1, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Template == "tracking.lost")));
    }

    [Fact]
    public async Task Post_OverTheNationalCodeOrAddressLimit_429ForFoundAndMissingAlike()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["RateLimits:LostCodesByNationalCode"] = "2",
            ["RateLimits:LostCodesByClient"] = "5",
        });
        await SeedAsync(app);
        var client = app.CreateClient();

        var known = new List<HttpStatusCode>();
        var unknown = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            known.Add((await AskAsync(client, Values())).Response.StatusCode);
            unknown.Add((await AskAsync(client, Values("0067749828"))).Response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], known);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], unknown);
        // The address's five went too (two and two accepted, the third of each spent one before the national code refused).
        Assert.Equal(HttpStatusCode.TooManyRequests, (await AskAsync(client, Values("0010350829"))).Response.StatusCode);
    }

    [Fact]
    public async Task Post_FoundAndMissing_TakeTheSameTime()
    {
        await using var app = await HajDeskFactory.CreateAsync(DatabaseProvider.Postgres, new Dictionary<string, string?>
        {
            ["RateLimits:LostCodesByNationalCode"] = "1000",
            ["RateLimits:LostCodesByClient"] = "1000",
            ["RateLimits:FormPostsPerMinute"] = "1000",
        });
        await SeedAsync(app);
        var client = app.CreateClient();
        // Warm-up: the first posts compile the page and the queries.
        await AskAsync(client, Values());
        await AskAsync(client, Values("0067749828"));

        var found = new List<double>();
        var missing = new List<double>();
        for (var i = 0; i < 15; i++)
        {
            found.Add(await TimeAsync(client, Values()));
            missing.Add(await TimeAsync(client, Values("0067749828")));
        }

        var (foundMedian, missingMedian) = (Median(found), Median(missing));
        // Both do one query, one audit row, one commit; the SMS wait in the outbox. A found person costs one more
        // row in the same commit: within a few milliseconds, far below the network's own jitter.
        Assert.True(Math.Abs(foundMedian - missingMedian) < Math.Max(10, 0.5 * missingMedian),
            $"found {foundMedian:F1} ms, missing {missingMedian:F1} ms");
    }

    private static async Task<double> TimeAsync(HttpClient client, Dictionary<string, string?> values)
    {
        var form = (await client.GetDocumentAsync("/requests/track/lost")).Form("#lost-form");
        var watch = Stopwatch.StartNew();
        var response = await client.SubmitAsync(form, values);
        watch.Stop();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
