using System.Net;
using AngleSharp.Dom;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests;
using HajDesk.Web.Submission;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.PageTests.Requests;

/// <summary>
/// Duplicates at intake (issue 24): a citizen who sends again on a subject on which they have an open request is
/// told so before the final send, with its date and masked mobile (never its tracking code or text), may have its
/// tracking code sent again by SMS, or may send a new request anyway — posted as a browser posts them.
/// </summary>
public class OpenRequestNoticeTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    /// <summary>The test apps have the notice off (many tests send the demo person twice); these turn it on.</summary>
    public static Dictionary<string, string?> On() => new() { ["OpenRequestNotice:Enabled"] = "true" };

    private const string SecondText = "پرواز کاروان ما دو روز عقب افتاده است؛ تکلیف چیست؟";

    private static HttpClient NoRedirects(WebApplicationFactory<Program> app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Sends the demo person's first request (subject «سایر»); returns it.</summary>
    private static async Task<ServiceRequest> SendFirstAsync(HajDeskFactory app, HttpClient client)
    {
        var page = await SendPage.OpenAsync(client);
        var response = await page.PostAsync(page.ValidValues());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await app.WithDbAsync(db => db.Requests.SingleAsync());
    }

    /// <summary>Opens a new form and sends the same person on the same subject with another text and a file.</summary>
    private static async Task<SendPage> SendAgainAsync(HttpClient client)
    {
        var page = await SendPage.OpenAsync(client);
        var response = await page.PostAsync(page.ValidValues(new Dictionary<string, string?>
        {
            ["Input.Text"] = SecondText,
            ["Input.Mobile"] = "۰۹۱۲ ۱۲۳ ۴۵۶۷",
        }), [("بلیت.pdf", SampleFiles.Pdf(), "application/pdf")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return page;
    }

    private static void AssertNothingOfTheEarlierRequestShown(string html, ServiceRequest earlier)
    {
        foreach (var shape in new[] { earlier.TrackingCode, TrackingCode.Format(earlier.TrackingCode) })
        {
            Assert.DoesNotContain(shape, html, StringComparison.Ordinal);
            Assert.DoesNotContain(PersianText.ToPersianDigits(shape), html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(earlier.Text, html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SendingAgainOnTheSameSubject_SaysSoWithTheDateAndMaskedMobile_RemindsByTheStoredMobile_OrSendsAnyway(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider, On());
        var client = NoRedirects(app);
        var earlier = await SendFirstAsync(app, client);

        var page = await SendAgainAsync(client);

        var notice = page.Document.QuerySelector("[data-testid=open-request-notice]")!.TextContent;
        Assert.Contains("درخواست باز", notice, StringComparison.Ordinal);
        Assert.Contains(OpenRequestReminders.SentOn(earlier.CreatedAt), notice, StringComparison.Ordinal);
        Assert.Contains("۰۹۱۲***۴۵۶۷", notice, StringComparison.Ordinal);
        Assert.Equal("درخواست باز دارید", page.Document.QuerySelector("h1")!.TextContent.Trim());
        AssertNothingOfTheEarlierRequestShown(page.Document.DocumentElement.OuterHtml, earlier);
        Assert.Contains("بلیت.pdf", page.Document.QuerySelector(".staged-files")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("[name=CaptchaAnswer]"));
        Assert.Equal(1, await app.WithDbAsync(db => db.Requests.CountAsync()));

        // «ارسال دوباره کد پیگیری»: the earlier tracking code goes to the mobile stored on it, through the outbox.
        var reminded = await page.PostOpenRequestStepAsync("Remind");

        Assert.Equal(HttpStatusCode.OK, reminded.StatusCode);
        Assert.Equal(OpenRequestTexts.Reminded("09121234567"), page.Document.QuerySelector("[data-testid=reminder-sent]")!.TextContent.Trim());
        AssertNothingOfTheEarlierRequestShown(page.Document.DocumentElement.OuterHtml, earlier);
        var sms = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Template == "tracking.reminder"));
        Assert.Equal(("09121234567", earlier.Id), (sms.Recipient, sms.RequestId));
        Assert.Equal(OpenRequestReminders.SmsText(earlier.TrackingCode, earlier.CreatedAt), sms.Body);
        Assert.Contains(PersianText.ToPersianDigits(TrackingCode.Format(earlier.TrackingCode)), sms.Body, StringComparison.Ordinal);
        var audit = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == OpenRequestReminders.AuditAction));
        Assert.Equal(earlier.Id, audit.RequestId);
        Assert.DoesNotContain(earlier.TrackingCode, audit.Details ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs, line => line.Contains(earlier.TrackingCode, StringComparison.Ordinal) || line.Contains("0499370899", StringComparison.Ordinal));

        // Three reminders a day per request (every node together); the fourth is refused with a Persian sentence.
        await page.PostOpenRequestStepAsync("Remind");
        await page.PostOpenRequestStepAsync("Remind");
        var refused = await page.PostOpenRequestStepAsync("Remind");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains(OpenRequestTexts.TooManyReminders, page.SummaryErrors);
        Assert.Equal(3, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Template == "tracking.reminder")));

        // «ثبت درخواست جدید»: no second security code; the new request as typed, with its file.
        var sent = await page.PostOpenRequestStepAsync("SendNew");

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("/requests/send/receipt", sent.Headers.Location!.OriginalString);
        var second = await app.WithDbAsync(db => db.Requests.Include(r => r.Attachments).SingleAsync(r => r.Id != earlier.Id));
        Assert.Equal((SecondText, "09121234567"), (second.Text, second.Mobile));
        Assert.Equal("بلیت.pdf", Assert.Single(second.Attachments).FileName);
        Assert.Equal(RequestStatus.Submitted, await app.WithDbAsync(db => db.Requests.Where(r => r.Id == earlier.Id).Select(r => r.Status).SingleAsync()));

        // The step posted again (a refresh): the same receipt, nothing more stored.
        var again = await client.PostAsync("/requests/send?handler=SendNew", new FormUrlEncodedContent(Html.FormValues(page.OpenRequestForm, new Dictionary<string, string?>())));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task EditOrALaterClose_BringsTheFormBackAsTyped()
    {
        await using var app = await HajDeskFactory.CreateAsync(DatabaseProvider.Sqlite, On());
        var client = NoRedirects(app);
        var earlier = await SendFirstAsync(app, client);
        var page = await SendAgainAsync(client);

        var edit = await page.PostOpenRequestStepAsync("Edit");
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal(SecondText, page.Document.QuerySelector("#Input_Text")!.TextContent);
        Assert.Equal("۰۹۱۲ ۱۲۳ ۴۵۶۷", page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Mobile")!.Value);
        Assert.Contains("بلیت.pdf", page.Document.QuerySelector(".staged-files")!.TextContent, StringComparison.Ordinal);

        // Told again; then the earlier request is answered before the citizen asks for its code: nothing is sent,
        // the form comes back saying so, and sending it stores the new request.
        await page.PostAsync(page.ValidValues(new Dictionary<string, string?> { ["Input.Text"] = SecondText }));
        Assert.NotNull(page.Document.QuerySelector("#open-request-form"));
        await app.WithDbAsync(db => db.Requests.Where(r => r.Id == earlier.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RequestStatus.Answered)));
        var gone = await page.PostOpenRequestStepAsync("Remind");
        Assert.Equal(HttpStatusCode.OK, gone.StatusCode);
        Assert.Contains(OpenRequestTexts.NoLongerOpen, page.Document.QuerySelector("#registry-notice")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Template == "tracking.reminder")));
        var stored = await page.PostAsync(page.ValidValues(new Dictionary<string, string?> { ["Input.Text"] = SecondText }));
        Assert.Equal(HttpStatusCode.Redirect, stored.StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task NoticeOff_SendsAgainInOneStep()
    {
        await using var app = await HajDeskFactory.CreateAsync(DatabaseProvider.Sqlite);
        var client = NoRedirects(app);
        await SendFirstAsync(app, client);
        var page = await SendPage.OpenAsync(client);

        var response = await page.PostAsync(page.ValidValues());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task RemindOrSendNew_ForAFormNeverTold_ShowTheFormAndSendOrStoreNothing()
    {
        await using var app = await HajDeskFactory.CreateAsync(DatabaseProvider.Sqlite, On());
        var client = NoRedirects(app);
        await SendFirstAsync(app, client);
        var page = await SendPage.OpenAsync(client);
        // A forged post: the form's fields without a security code, straight to the step's handlers.
        var values = Html.FormValues(page.Form, page.ValidValues(new Dictionary<string, string?> { ["CaptchaAnswer"] = null }));

        var remind = await client.PostAsync("/requests/send?handler=Remind", new FormUrlEncodedContent(values));
        var sendNew = await client.PostAsync("/requests/send?handler=SendNew", new FormUrlEncodedContent(values));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (remind.StatusCode, sendNew.StatusCode));
        Assert.NotNull((await Html.ParseAsync(sendNew)).QuerySelector("#send-form [name=CaptchaAnswer]"));
        Assert.Equal(1, await app.WithDbAsync(db => db.Requests.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Template == "tracking.reminder")));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task WithMobileVerification_TheNoticeComesFirst_ThenTheCodeStep_AndTheCodeStoresTheNewRequest(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider, MobileVerificationTests.On(On()));
        var client = NoRedirects(app);
        var first = await SendPage.OpenAsync(client);
        await first.PostAsync(first.ValidValues());
        Assert.Equal(HttpStatusCode.Redirect, (await first.VerifyFromSmsAsync(app)).StatusCode);

        var page = await SendAgainAsync(client);
        Assert.NotNull(page.Document.QuerySelector("#open-request-form"));
        var codesBefore = await app.WithDbAsync(db => db.RecordedMessages.CountAsync(m => m.Body.StartsWith("کد تأیید")));

        await page.PostOpenRequestStepAsync("SendNew");
        Assert.NotNull(page.Document.QuerySelector("#code-form"));
        Assert.Equal(codesBefore + 1, await app.WithDbAsync(db => db.RecordedMessages.CountAsync(m => m.Body.StartsWith("کد تأیید"))));

        // The choice rides along the code step: the right code stores the request without telling again.
        var done = await page.VerifyFromSmsAsync(app);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var second = await app.WithDbAsync(db => db.Requests.OrderBy(r => r.Id).LastAsync());
        Assert.Equal((SecondText, true), (second.Text, second.MobileVerified));
    }
}
