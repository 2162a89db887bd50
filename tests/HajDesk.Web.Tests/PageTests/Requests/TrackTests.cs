using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using HajDesk.Core.Requests;
using HajDesk.Web.Infrastructure.Concurrency;
using HajDesk.Web.Tests.Captcha;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HajDesk.Web.Tests.PageTests.Requests;

public class TrackTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    /// <summary>Sends a request through the real form and returns its tracking code.</summary>
    private static async Task<string> SendRequestAsync(HajDeskFactory app, IEnumerable<(string Name, byte[] Data, string ContentType)>? files = null)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await SendPage.OpenAsync(client);
        var response = await page.PostAsync(page.ValidValues(), files);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await app.WithDbAsync(db => db.Requests.OrderByDescending(r => r.Id).Select(r => r.TrackingCode).FirstAsync());
    }

    private static async Task<(HttpResponseMessage Response, IDocument Page)> TrackAsync(HttpClient client, string nationalCode, string trackingCode, string? captcha = null)
    {
        var form = (await client.GetDocumentAsync("/requests/track")).Form("#track-form");
        var response = await client.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["NationalCode"] = nationalCode,
            ["TrackingCode"] = trackingCode,
            ["CaptchaAnswer"] = captcha ?? HajDeskFactory.TestCaptchaCode,
        });
        return (response, await Html.ParseAsync(response));
    }

    private static Task AnswerAsync(HajDeskFactory app, string trackingCode, string answer, bool internalNote = false) => app.WithDbAsync(async db =>
    {
        var request = await db.Requests.SingleAsync(r => r.TrackingCode == trackingCode);
        var now = DateTime.UtcNow;
        request.Events.Add(new RequestEvent
        {
            Kind = internalNote ? RequestEventKind.InternalNote : RequestEventKind.Answered,
            At = now,
            VisibleToCitizen = !internalNote,
            Text = answer,
            ActorName = "کارشناس آزمایشی",
        });
        if (!internalNote)
        {
            request.Status = RequestStatus.Answered;
            request.AnsweredAt = now;
        }

        await db.SaveChangesAsync();
    });

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Post_CorrectPair_ShowsTheResultNotYetAnswered(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var code = await SendRequestAsync(app, [("سند.pdf", SampleFiles.Pdf(), "application/pdf")]);

        var (response, page) = await TrackAsync(app.CreateClient(), "۰۴۹۹۳۷۰۸۹۹", HajDesk.Core.Persian.PersianText.ToPersianDigits(TrackingCode.Format(code)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/requests/track/result", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("ثبت شده", page.QuerySelector("[data-testid=status]")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("[data-testid=not-answered]"));
        Assert.Contains("برای ثبت‌نام عمره راهنمایی می‌خواهم.", page.QuerySelector(".request-text")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("سند.pdf", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("تهران", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_EveryKindOfMismatch_GetsTheIdenticalMessage()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var code = await SendRequestAsync(app);
        var otherValid = TestRequests.TrackingCodeOtherThan(code);
        var client = app.CreateClient();

        var wrongNationalCode = await TrackAsync(client, "0010350829", code);
        var wrongTrackingCode = await TrackAsync(client, SendPage.NationalCode, otherValid);
        var neither = await TrackAsync(client, "0010350829", otherValid);

        var messages = new[] { wrongNationalCode, wrongTrackingCode, neither }.Select(r =>
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.Response.StatusCode);
            return r.Page.QuerySelector(".error-summary")!.TextContent.Trim();
        }).Distinct().ToList();
        Assert.Equal(HajDesk.Web.Pages.Requests.Track.IndexModel.MismatchMessage, Assert.Single(messages).Split('\n').Last().Trim());
    }

    [Fact]
    public async Task Post_TrackingCodeWithWrongCheckDigit_IsRefusedBeforeLookup()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var code = await SendRequestAsync(app);
        var mistyped = code[..11] + ((code[11] - '0' + 1) % 10).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (response, page) = await TrackAsync(app.CreateClient(), SendPage.NationalCode, mistyped);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("کد پیگیری را درست وارد کنید؛ کد پیگیری دوازده رقم است.", page.GetElementById("TrackingCode-error")!.TextContent.Trim());
    }

    [Fact]
    public async Task Post_ReusedCaptcha_Fails()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?> { ["Captcha:TestCode"] = "" });
        var code = await SendRequestWithoutTestCaptchaAsync(app);
        var client = app.CreateClient();
        var form = (await client.GetDocumentAsync("/requests/track")).Form("#track-form");
        var challenge = Guid.Parse(form.QuerySelector<IHtmlInputElement>("[name=CaptchaId]")!.Value);
        var answer = await app.CaptchaAnswerAsync(challenge);
        var values = new Dictionary<string, string?> { ["NationalCode"] = SendPage.NationalCode, ["TrackingCode"] = code, ["CaptchaAnswer"] = answer };

        var first = await client.SubmitAsync(form, values);
        var replay = await app.CreateClient().SubmitAsync(form, values);

        Assert.Equal("/requests/track/result", first.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
    }

    [Fact]
    public async Task Post_ManyLookupsForOneNationalCode_AreThrottledWithPersian429()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?> { ["RateLimits:TrackByNationalCode"] = "3" });
        var code = await SendRequestAsync(app);
        var client = app.CreateClient();

        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++)
        {
            (last, _) = await TrackAsync(client, SendPage.NationalCode, TestRequests.TrackingCodeOtherThan(code));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.Contains("بیش از حد مجاز", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Result_ShowsTheAnswerButNeverAnInternalNote()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var code = await SendRequestAsync(app);
        await AnswerAsync(app, code, "یادداشت داخلی محرمانه", internalNote: true);
        await AnswerAsync(app, code, "پاسخ: ثبت‌نام از هفته آینده آغاز می‌شود.");

        var (_, page) = await TrackAsync(app.CreateClient(), SendPage.NationalCode, code);

        Assert.Contains("ثبت‌نام از هفته آینده آغاز می‌شود", page.QuerySelector("[data-testid=expert-answer]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("پاسخ داده شده", page.QuerySelector("[data-testid=status]")!.TextContent.Trim());
        Assert.DoesNotContain("محرمانه", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Post_RatingOnce_IsStoredAndASecondRatingRefused(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var code = await SendRequestAsync(app);
        await AnswerAsync(app, code, "پاسخ");
        var client = app.CreateClient();
        var (_, page) = await TrackAsync(client, SendPage.NationalCode, code);
        var rateForm = page.Form("#rate-form");

        var rated = await client.SubmitAsync(rateForm, new Dictionary<string, string?> { ["Rating"] = "۵", ["RatingComment"] = "سپاس" });
        var again = await client.SubmitAsync(rateForm, new Dictionary<string, string?> { ["Rating"] = "1" });

        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var request = await app.WithDbAsync(db => db.Requests.SingleAsync());
        Assert.Equal(5, request.Rating);
        Assert.Equal("سپاس", request.RatingComment);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Post_ObjectionOnce_ReopensTheRequest(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var code = await SendRequestAsync(app);
        await AnswerAsync(app, code, "پاسخ");
        var client = app.CreateClient();
        var (_, page) = await TrackAsync(client, SendPage.NationalCode, code);
        var objectForm = page.Form("#object-form");

        var objected = await client.SubmitAsync(objectForm, new Dictionary<string, string?> { ["ObjectionText"] = "پاسخ کامل نبود" });
        var again = await client.SubmitAsync(objectForm, new Dictionary<string, string?> { ["ObjectionText"] = "دوباره" });

        Assert.Equal(HttpStatusCode.OK, objected.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var request = await app.WithDbAsync(db => db.Requests.Include(r => r.Events).SingleAsync());
        Assert.Equal(RequestStatus.Reopened, request.Status);
        Assert.Single(request.Events, e => e.Kind == RequestEventKind.Objected && e.Text == "پاسخ کامل نبود");
    }

    [Fact]
    public async Task Post_ObjectionAfterDeadline_IsRefused()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?> { ["Tracking:ObjectionDays"] = "0" });
        var code = await SendRequestAsync(app);
        await AnswerAsync(app, code, "پاسخ");

        var (_, page) = await TrackAsync(app.CreateClient(), SendPage.NationalCode, code);

        Assert.Null(page.QuerySelector("#object-form"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Post_FollowUpMessageWithFile_JoinsTheTimeline(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var code = await SendRequestAsync(app);
        var client = app.CreateClient();
        var (_, page) = await TrackAsync(client, SendPage.NationalCode, code);

        var response = await client.SubmitMultipartAsync(page.Form("#message-form"), new Dictionary<string, string?> { ["MessageText"] = "مدرک تکمیلی پیوست شد" },
            [("رسید.jpg", SampleFiles.Jpeg(), "image/jpeg")], "/requests/track/result?handler=Message");
        var result = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("مدرک تکمیلی پیوست شد", result.QuerySelector(".timeline")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("رسید.jpg", result.QuerySelector(".timeline")!.TextContent, StringComparison.Ordinal);
        var message = await app.WithDbAsync(db => db.RequestEvents.Include(e => e.Attachments).SingleAsync(e => e.Kind == RequestEventKind.CitizenMessage));
        Assert.Single(message.Attachments);
    }

    /// <summary>An expert's change committed while the citizen's message was being saved: the one conflict response.</summary>
    [Fact]
    public async Task Post_MessageMeetingAConcurrentStaffChange_Gets409KeepsTheTextAndWritesNothing()
    {
        var race = new RequestRaceInterceptor();
        await using var baseApp = await HajDeskFactory.CreateAsync();
        var app = baseApp.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.ConfigureDbContext<Core.Data.HajDeskDbContext>(o => o.AddInterceptors(race))));
        var code = await SendRequestAsync(baseApp);
        var client = app.CreateClient();
        var (_, page) = await TrackAsync(client, SendPage.NationalCode, code);

        race.Armed = true;
        var response = await client.SubmitMultipartAsync(page.Form("#message-form"), new Dictionary<string, string?> { ["MessageText"] = "پیامی که نباید گم شود" },
            [("رسید.jpg", SampleFiles.Jpeg(), "image/jpeg")], "/requests/track/result?handler=Message");

        Assert.True(race.Fired);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var result = await Html.ParseAsync(response);
        Assert.Equal(EditConflict.Message + " " + EditConflict.FilesMessage, result.QuerySelector("[data-testid=conflict]")!.TextContent);
        Assert.Equal("پیامی که نباید گم شود", result.QuerySelector("#MessageText")!.TextContent);
        Assert.Equal(0, await baseApp.WithDbAsync(db => db.RequestEvents.CountAsync(e => e.Kind == RequestEventKind.CitizenMessage)));
    }

    [Fact]
    public async Task Post_FollowUpMessageWithDisguisedFile_IsRefused()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var code = await SendRequestAsync(app);
        var client = app.CreateClient();
        var (_, page) = await TrackAsync(client, SendPage.NationalCode, code);

        var response = await client.SubmitMultipartAsync(page.Form("#message-form"), new Dictionary<string, string?> { ["MessageText"] = "پیام" },
            [("setup.pdf", SampleFiles.Exe(), "application/pdf")], "/requests/track/result?handler=Message");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("«setup.pdf»", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetFile_OwnFile_DownloadsAsAttachmentAndOthersCannot()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var code = await SendRequestAsync(app, [("سند.pdf", SampleFiles.Pdf(), "application/pdf")]);
        var client = app.CreateClient();
        var (_, page) = await TrackAsync(client, SendPage.NationalCode, code);
        var link = page.QuerySelectorAll("a").First(a => a.TextContent.Contains("سند.pdf", StringComparison.Ordinal)).GetAttribute("href")!;

        var download = await client.GetAsync(link);
        var stranger = await app.CreateClient().GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(SampleFiles.Pdf(), await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
    }

    [Fact]
    public async Task Get_ResultWithoutLookup_GoesBackToTheForm()
    {
        await using var app = await HajDeskFactory.CreateAsync();

        var response = await app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/requests/track/result");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/requests/track", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Lookup_NeverPutsCodesInUrlsOrLogs()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var code = await SendRequestAsync(app);
        await TrackAsync(app.CreateClient(), "0010350829", code);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = (await client.GetDocumentAsync("/requests/track")).Form("#track-form");

        var response = await client.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["NationalCode"] = SendPage.NationalCode,
            ["TrackingCode"] = code,
            ["CaptchaAnswer"] = HajDeskFactory.TestCaptchaCode,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.DoesNotContain(code, location, StringComparison.Ordinal);
        Assert.DoesNotContain(SendPage.NationalCode, location, StringComparison.Ordinal);
        Assert.Equal("post", form.Method, ignoreCase: true);
        Assert.Contains(app.Logs, l => l.Contains("Follow-up lookup failed", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs, l => l.Contains(code, StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs, l => l.Contains(SendPage.NationalCode, StringComparison.Ordinal) || l.Contains("0010350829", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs, l => l.Contains("09121234567", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailedLookups_LogNothingFromWhichTheCodeOrNationalCodeCanBeRecovered()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var code = await SendRequestAsync(app);
        // Another well-formed code (a slip of one digit fails the check digit and is refused before any look-up, unlogged).
        var typo = TestRequests.TrackingCodeOtherThan(code);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // The citizen's real code with a mistyped national code (the review's worst case), a wrong code, and the
        // real code in Persian digits with another person's national code.
        foreach (var (nationalCode, trackingCode) in new[] { ("0010350829", code), (SendPage.NationalCode, typo), ("0010350829", code.InDigits('۰')) })
        {
            var form = (await client.GetDocumentAsync("/requests/track")).Form("#track-form");
            var response = await client.SubmitAsync(form, new Dictionary<string, string?>
            {
                ["NationalCode"] = nationalCode,
                ["TrackingCode"] = trackingCode,
                ["CaptchaAnswer"] = HajDeskFactory.TestCaptchaCode,
            });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        var failures = app.Logs.Where(l => l.Contains("Follow-up lookup failed", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, failures.Count);
        var log = string.Join('\n', app.Logs);
        foreach (var value in new[] { code, typo })
        {
            Assert.DoesNotContain(value, log, StringComparison.Ordinal);
            foreach (var unkeyed in UnkeyedHashes(value))
            {
                // Any eight hex digits of an unkeyed hash narrow the code to a few candidates; none may appear.
                for (var at = 0; at + 8 <= unkeyed.Length; at += 4)
                {
                    Assert.DoesNotContain(unkeyed.Substring(at, 8), log, StringComparison.OrdinalIgnoreCase);
                }
            }
        }

        Assert.DoesNotContain(SendPage.NationalCode, log, StringComparison.Ordinal);
        Assert.DoesNotContain("0010350829", log, StringComparison.Ordinal);
        // The same mistake twice still gives the same reference, so repeated failures can be told apart from spread ones.
        Assert.Equal(failures[0][failures[0].IndexOf("reference", StringComparison.Ordinal)..], failures[2][failures[2].IndexOf("reference", StringComparison.Ordinal)..]);
    }

    private static IEnumerable<string> UnkeyedHashes(string code)
    {
        foreach (var text in new[] { code, "hajdesk-track:" + code, "tracking-code:" + code })
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            yield return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
            // The weak hashes are what a careless log line might hold: the test looks for them, it protects nothing with them.
#pragma warning disable CA5350, CA5351
            yield return Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(bytes));
            yield return Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(bytes));
#pragma warning restore CA5350, CA5351
        }
    }

    private static async Task<string> SendRequestWithoutTestCaptchaAsync(HajDeskFactory app) => await app.WithDbAsync(async db =>
    {
        var request = TestRequests.Build(db);
        db.Requests.Add(request);
        await db.SaveChangesAsync();
        return request.TrackingCode;
    });

    [Fact]
    public async Task Post_EmptyMessage_IsListedInTheErrorSummary_WithALinkToTheField()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var code = await SendRequestAsync(app);
        var client = app.CreateClient();
        var (_, page) = await TrackAsync(client, SendPage.NationalCode, code);

        var response = await client.SubmitAsync(page.Form("#message-form"), new Dictionary<string, string?> { ["MessageText"] = " " });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var result = await Html.ParseAsync(response);
        var summary = result.QuerySelector("[data-testid=errors]")!;
        Assert.Equal("لطفاً این موارد را درست کنید:", summary.QuerySelector("h2")!.TextContent);
        Assert.Equal("#MessageText", summary.QuerySelector("a")!.GetAttribute("href"));
        Assert.NotNull(result.QuerySelector("#MessageText"));
    }
}
