using System.Net;
using AngleSharp.Dom;
using HajDesk.Core.Persian;
using HajDesk.Web.Submission;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.PageTests.Staff;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HajDesk.Web.Tests.PageTests.Requests;

/// <summary>
/// The send form with <c>MobileVerification:Enabled</c> (issue 25): the form, then the code step «کد تأیید», posted
/// as a browser posts them, the code read from the recording SMS sender, on both providers.
/// </summary>
public class MobileVerificationTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    public static Dictionary<string, string?> On(IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?> { ["MobileVerification:Enabled"] = "true" };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    private static HttpClient NoRedirects(WebApplicationFactory<Program> app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_WithVerificationOn_AsksForTheSmsCodeThenStoresTheRequestWithItsMobileVerified(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider, On());
        var client = NoRedirects(app);
        var page = await SendPage.OpenAsync(client);

        var step = await page.PostAsync(page.ValidValues(), [("مدرک.pdf", SampleFiles.Pdf(), "application/pdf")]);

        Assert.Equal(HttpStatusCode.OK, step.StatusCode);
        var field = page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#VerificationCode")!;
        Assert.Equal("one-time-code", field.GetAttribute("autocomplete"));
        Assert.Equal("کد تأیید", page.Document.QuerySelector("label[for=VerificationCode]")!.TextContent.Replace("*", string.Empty, StringComparison.Ordinal).Replace("(الزامی)", string.Empty, StringComparison.Ordinal).Trim());
        Assert.Contains("۰۹۱۲***۴۵۶۷", page.Document.QuerySelector("[data-testid=code-sent]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("مدرک.pdf", page.Document.QuerySelector(".staged-files")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("[name=CaptchaAnswer]"));
        Assert.False(await app.WithDbAsync(db => db.Requests.AnyAsync()));
        var code = await SendPage.LastCodeAsync(app);
        Assert.Matches("^[0-9]{6}$", code);
        // The code is in the SMS only: not in the outbox, not in the verification row, not in the log.
        Assert.False(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.Body.Contains(PersianText.ToPersianDigits(code)))));
        var row = await app.WithDbAsync(db => db.MobileVerifications.SingleAsync());
        Assert.DoesNotContain(code!, row.CodeHash + row.MobileHash, StringComparison.Ordinal);
        Assert.DoesNotContain("09121234567", row.CodeHash + row.MobileHash, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs, line => line.Contains(code!, StringComparison.Ordinal) || line.Contains("09121234567", StringComparison.Ordinal));

        // Typed in Persian digits, with spaces, as a phone may paste it.
        var done = await page.PostCodeAsync(" " + PersianText.ToPersianDigits(code) + " ");

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/requests/send/receipt", done.Headers.Location!.OriginalString);
        var request = await app.WithDbAsync(db => db.Requests.Include(r => r.Attachments).SingleAsync());
        Assert.True(request.MobileVerified);
        Assert.Equal("09121234567", request.Mobile);
        Assert.Equal("مدرک.pdf", Assert.Single(request.Attachments).FileName);

        // The same step posted again (a refresh) shows the same receipt and stores nothing more.
        var again = await page.PostCodeAsync(code);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Requests.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task WrongCode_KeepsEveryTypedFieldAndStagedFile_AndEditBringsTheFormBackAsTyped(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider, On());
        var client = NoRedirects(app);
        var page = await SendPage.OpenAsync(client);
        var typed = page.ValidValues(new Dictionary<string, string?>
        {
            ["Input.BirthDay"] = "۱۲",
            ["Input.BirthYear"] = "۱۳۶۵",
            ["Input.Mobile"] = "۰۹۱۲ ۱۲۳ ۴۵۶۷",
            ["Input.Email"] = "citizen@example.com",
            ["Input.LandlineAreaCode"] = "021",
            ["Input.LandlineNumber"] = "88776655",
            ["Input.Text"] = "متن <script>alert(1)</script> با «گیومه» و ۱۲۳ رقم فارسی.",
        });
        await page.PostAsync(typed, [("photo.png", SampleFiles.Png(), "image/png")]);
        var code = await SendPage.LastCodeAsync(app);
        var wrong = code == "000000" ? "111111" : "000000";

        var response = await page.PostCodeAsync(wrong);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(MobileCodeTexts.Wrong, page.FieldError("VerificationCode"));
        Assert.Contains(MobileCodeTexts.Wrong, page.SummaryErrors);
        foreach (var name in typed.Keys.Where(k => k.StartsWith("Input.", StringComparison.Ordinal)))
        {
            Assert.Equal(typed[name] ?? string.Empty, page.CodeForm.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>($"[name='{name}']")!.Value);
        }

        Assert.Contains("photo.png", page.Document.QuerySelector(".staged-files")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Requests.AnyAsync()));

        // Too short or not digits: said so, and no try is spent.
        await page.PostCodeAsync("۱۲۳");
        Assert.Equal(MobileCodeTexts.Malformed, page.FieldError("VerificationCode"));
        Assert.Equal(1, await app.WithDbAsync(db => db.MobileVerifications.Select(v => v.WrongTries).SingleAsync()));

        // «ویرایش فرم»: the form as typed, its file still staged.
        var edit = await page.PostCodeAsync(null, handler: "Edit");
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal("۰۹۱۲ ۱۲۳ ۴۵۶۷", page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Mobile")!.Value);
        Assert.Equal(typed["Input.Text"], page.Document.QuerySelector("#Input_Text")!.TextContent);
        Assert.Equal("citizen@example.com", page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Email")!.Value);
        Assert.Contains("photo.png", page.Document.QuerySelector(".staged-files")!.TextContent, StringComparison.Ordinal);

        // Sent again with its (new) security code: the mobile is not verified yet, so the step comes back; the right code stores it.
        await page.PostAsync(page.ValidValues(typed.Where(t => t.Key != "CaptchaAnswer").ToDictionary()));
        Assert.NotNull(page.Document.QuerySelector("#code-form"));
        var stored = await page.PostCodeAsync(code);
        Assert.Equal(HttpStatusCode.Redirect, stored.StatusCode);
        var request = await app.WithDbAsync(db => db.Requests.Include(r => r.Attachments).SingleAsync());
        Assert.Equal(("citizen@example.com", "88776655", true), (request.Email, request.LandlineNumber, request.MobileVerified));
        Assert.Single(request.Attachments);
    }

    [Fact]
    public async Task Code_LivesFiveMinutes_ResendWaitsSixtySeconds_ThreeSendsAndFiveTriesPerCode()
    {
        var clock = new FakeClock(DateTimeOffset.UtcNow);
        await using var baseApp = await HajDeskFactory.CreateAsync(DatabaseProvider.Sqlite, On());
        await using var app = baseApp.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var client = NoRedirects(app);
        var page = await SendPage.OpenAsync(client);
        await page.PostAsync(page.ValidValues());
        var first = await SendPage.LastCodeAsync(baseApp);

        // Resend within a minute: refused, the citizen is told how long to wait; nothing is sent.
        clock.Advance(TimeSpan.FromSeconds(30));
        var early = await page.PostCodeAsync(null, handler: "Resend");
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("۳۰ ثانیه", page.FieldError("VerificationCode"), StringComparison.Ordinal);
        Assert.Equal(1, await CodeSmsCountAsync(baseApp));

        // Five minutes and a second after it was sent, the first code is refused as expired.
        clock.Advance(TimeSpan.FromSeconds(271));
        await page.PostCodeAsync(first);
        Assert.Equal(MobileCodeTexts.Expired, page.FieldError("VerificationCode"));

        // A second code; five wrong tries, then even the right one is refused until a new code is sent.
        await page.PostCodeAsync(null, handler: "Resend");
        var second = await SendPage.LastCodeAsync(baseApp);
        Assert.Equal(2, await CodeSmsCountAsync(baseApp));
        var wrong = second == "000000" ? "111111" : "000000";
        for (var i = 0; i < 5; i++)
        {
            await page.PostCodeAsync(wrong);
            Assert.Equal(MobileCodeTexts.Wrong, page.FieldError("VerificationCode"));
        }

        await page.PostCodeAsync(second);
        Assert.Equal(MobileCodeTexts.TooManyTries, page.FieldError("VerificationCode"));

        // The third and last code of the form works; a fourth is never sent.
        clock.Advance(TimeSpan.FromSeconds(61));
        await page.PostCodeAsync(null, handler: "Resend");
        var third = await SendPage.LastCodeAsync(baseApp);
        clock.Advance(TimeSpan.FromSeconds(61));
        await page.PostCodeAsync(null, handler: "Resend");
        Assert.Equal(MobileCodeTexts.NoMoreSends, page.FieldError("VerificationCode"));
        Assert.Equal(3, await CodeSmsCountAsync(baseApp));
        var done = await page.PostCodeAsync(third);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.True(await baseApp.WithDbAsync(db => db.Requests.Select(r => r.MobileVerified).SingleAsync()));
    }

    [Fact]
    public async Task VerifyOrResend_ForAFormThatNeverPassedItsSecurityCode_ShowsTheFormAndSendsNothing()
    {
        await using var app = await HajDeskFactory.CreateAsync(DatabaseProvider.Sqlite, On());
        var client = NoRedirects(app);
        var page = await SendPage.OpenAsync(client);
        var values = Html.FormValues(page.Form, page.ValidValues(new Dictionary<string, string?> { ["VerificationCode"] = "123456" }));

        var verify = await client.PostAsync("/requests/send?handler=Verify", new FormUrlEncodedContent(values));
        var resend = await client.PostAsync("/requests/send?handler=Resend", new FormUrlEncodedContent(values));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (verify.StatusCode, resend.StatusCode));
        Assert.NotNull((await Html.ParseAsync(resend)).QuerySelector("#send-form [name=CaptchaAnswer]"));
        Assert.Equal(0, await CodeSmsCountAsync(app));
        Assert.False(await app.WithDbAsync(db => db.Requests.AnyAsync()));
    }

    [Fact]
    public async Task ACode_ServesOnlyItsFormAndItsMobile()
    {
        await using var app = await HajDeskFactory.CreateAsync(DatabaseProvider.Sqlite, On());
        var first = await SendPage.OpenAsync(NoRedirects(app));
        await first.PostAsync(first.ValidValues());
        var code = await SendPage.LastCodeAsync(app);
        var second = await SendPage.OpenAsync(NoRedirects(app));
        await second.PostAsync(second.ValidValues());

        // The first form's code typed into the second form (same mobile): wrong, unless both drew the same digits.
        var other = await SendPage.LastCodeAsync(app);
        if (other != code)
        {
            await second.PostCodeAsync(code);
            Assert.Equal(MobileCodeTexts.Wrong, second.FieldError("VerificationCode"));
        }

        // The first form's right code with its hidden mobile changed: no code went to that number.
        var forged = await first.PostCodeAsync(code, more: new Dictionary<string, string?> { ["Input.Mobile"] = "09351234567" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(MobileCodeTexts.NoCode, first.FieldError("VerificationCode"));
        Assert.False(await app.WithDbAsync(db => db.Requests.AnyAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task StaffPage_ShowsVerifiedForTheCitizensCode_AndStaffRegistrationVerifiesOrRecordsUnverified(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider, On());
        var world = await StaffWorld.CreateAsync(app);
        var page = await SendPage.OpenAsync(NoRedirects(app));
        await page.PostAsync(page.ValidValues());
        await page.VerifyFromSmsAsync(app);
        var citizens = await app.WithDbAsync(db => db.Requests.Select(r => r.Id).SingleAsync());
        var expert = await app.SignInAsync(world.TehranExpert.UserName!);

        var shown = await expert.GetPageAsync($"/staff/requests/{citizens}");
        Assert.Equal("تلفن همراه تأییدشده", shown.QuerySelector("[data-testid=mobile-verified]")!.TextContent.Trim());

        // By phone, verified: the first press sends the code, the second (with the code the caller read) registers.
        var form = (await expert.GetPageAsync("/staff/requests/register")).Form("[data-testid=register-form]");
        var values = await RegisterValuesAsync(app, "09131234567");
        values["MobileCheck"] = "Verify";
        var sent = await expert.SubmitMultipartAsync(form, values);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var sentPage = await Html.ParseAsync(sent);
        Assert.NotNull(sentPage.QuerySelector("[data-testid=code-sent]"));
        Assert.Equal(1, await app.WithDbAsync(db => db.Requests.CountAsync()));
        values["VerificationCode"] = "۰۰۰۰۰۰" == PersianText.ToPersianDigits(await SendPage.LastCodeAsync(app, "09131234567")) ? "111111" : "000000";
        var wrong = await expert.SubmitMultipartAsync(sentPage.Form("[data-testid=register-form]"), values);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(MobileCodeTexts.Wrong, (await Html.ParseAsync(wrong)).GetElementById("VerificationCode-error")!.TextContent.Trim());
        values["VerificationCode"] = PersianText.ToPersianDigits(await SendPage.LastCodeAsync(app, "09131234567"));
        var registered = await expert.SubmitMultipartAsync(sentPage.Form("[data-testid=register-form]"), values);
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);

        // By letter, unverified (the default choice).
        var letter = await RegisterValuesAsync(app, "09141234567");
        letter["Channel"] = nameof(Core.Requests.RequestChannel.Letter);
        Assert.Equal(HttpStatusCode.Redirect, (await expert.SubmitMultipartAsync(
            (await expert.GetPageAsync("/staff/requests/register")).Form("[data-testid=register-form]"), letter)).StatusCode);

        var byMobile = await app.WithDbAsync(db => db.Requests.ToDictionaryAsync(r => r.Mobile, r => (r.Id, r.MobileVerified)));
        Assert.True(byMobile["09131234567"].MobileVerified);
        Assert.False(byMobile["09141234567"].MobileVerified);
        Assert.Equal(0, await CodeSmsCountAsync(app, "09141234567"));
        Assert.Equal("تأییدنشده", (await expert.GetPageAsync($"/staff/requests/{byMobile["09141234567"].Id}"))
            .QuerySelector("[data-testid=mobile-verified]")!.TextContent.Trim());
        Assert.Equal("تلفن همراه تأییدشده", (await expert.GetPageAsync($"/staff/requests/{byMobile["09131234567"].Id}"))
            .QuerySelector("[data-testid=mobile-verified]")!.TextContent.Trim());
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.RequestId == byMobile["09131234567"].Id && a.Details!.Contains("تأییدشده"))));
    }

    private static async Task<Dictionary<string, string?>> RegisterValuesAsync(HajDeskFactory app, string mobile) => new()
    {
        ["Channel"] = nameof(Core.Requests.RequestChannel.Phone111),
        ["Input.BirthDay"] = "12",
        ["Input.BirthMonth"] = "4",
        ["Input.BirthYear"] = "1365",
        ["Input.NationalCode"] = SendPage.NationalCode,
        ["Input.ProvinceId"] = (await app.WithDbAsync(db => db.Provinces.Where(p => p.Code == "Tehran").Select(p => p.Id).SingleAsync())).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.Mobile"] = mobile,
        ["Input.SubjectId"] = (await app.WithDbAsync(db => db.Subjects.Where(s => s.Name == "سایر" && s.ParentId == null).Select(s => s.Id).SingleAsync())).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.Text"] = "تماس‌گیرنده ۱۱۱ درباره ثبت‌نام پرسید.",
    };

    private static Task<int> CodeSmsCountAsync(HajDeskFactory app, string mobile = "09121234567") =>
        app.WithDbAsync(db => db.RecordedMessages.CountAsync(m => m.Recipient == mobile && m.Body.StartsWith("کد تأیید")));
}
