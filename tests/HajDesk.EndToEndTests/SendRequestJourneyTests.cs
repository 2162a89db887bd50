using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using HajDesk.EndToEndTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HajDesk.EndToEndTests;

/// <summary>Journey 1: a citizen sends a request with two files from the home page and prints the receipt.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SendRequestJourneyTests(BrowserFixture fixture, ITestOutputHelper output)
{
    public const string Calendar = "calendar";
    public const string Typed = "typed";

    public static TheoryData<string, string> Cases => new()
    {
        { Viewports.Phone, Calendar },
        { Viewports.Phone, Typed },
        { Viewports.Desktop, Calendar },
        { Viewports.Desktop, Typed },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Citizen_SendsRequestWithTwoFiles_GetsTrackingCodeAndPrintsReceipt(string viewport, string birthDateEntry)
    {
        await using var journey = await Journey.StartAsync(fixture, output, $"send-{birthDateEntry}", viewport);
        var page = journey.Page;
        var form = new SendForm(page);
        var byCalendar = birthDateEntry == Calendar;

        await journey.GotoAsync("/");
        await journey.StepAsync("home");
        await page.GetByRole(AriaRole.Link, new() { Name = "ارسال درخواست" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/requests/send$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ارسال درخواست", Level = 1 })).ToBeVisibleAsync();
        await Expect(form.SubSubject).ToBeHiddenAsync();
        await journey.StepAsync("form");

        // Birth date: from the calendar, or typed in Persian digits.
        if (byCalendar)
        {
            await form.CalendarButton.ClickAsync();
            await Expect(form.Calendar).ToBeVisibleAsync();
            await Expect(form.CalendarButton).ToHaveAttributeAsync("aria-expanded", "true");
            await form.CalendarYear.SelectOptionAsync(new SelectOptionValue { Label = "۱۳۶۵" });
            await form.CalendarMonth.SelectOptionAsync(new SelectOptionValue { Label = "تیر" });
            await Expect(form.Calendar.GetByRole(AriaRole.Button, new() { Name = "۳۱ تیر ۱۳۶۵", Exact = true })).ToBeVisibleAsync();
            await journey.StepAsync("calendar-open");
            await form.Calendar.GetByRole(AriaRole.Button, new() { Name = "۱۲ تیر ۱۳۶۵", Exact = true }).ClickAsync();
            await Expect(form.Calendar).ToBeHiddenAsync();
            await Expect(form.CalendarButton).ToHaveAttributeAsync("aria-expanded", "false");
        }
        else
        {
            await form.TypeBirthDateAsync();
        }

        await Expect(form.Day).ToHaveValueAsync("۱۲");
        await Expect(form.Month).ToHaveValueAsync("4");
        await Expect(form.Year).ToHaveValueAsync("۱۳۶۵");

        // National code, typed key by key; the registry's name appears by itself.
        await form.NationalCodeField.PressSequentiallyAsync(byCalendar ? SendForm.NationalCode : Digits.ToPersian(SendForm.NationalCode));
        await Expect(form.FirstName).ToHaveValueAsync(SendForm.FirstNameValue);
        await Expect(form.LastName).ToHaveValueAsync(SendForm.LastNameValue);
        await Expect(form.FirstName).ToHaveAttributeAsync("readonly", "");
        await journey.StepAsync("name-from-registry");

        // Province fills the landline area code.
        await form.SelectProvinceAsync("تهران");
        await Expect(form.AreaCode).ToHaveValueAsync("021");
        await form.Mobile.FillAsync(byCalendar ? "09121234567" : "۰۹۱۲۱۲۳۴۵۶۷");

        // Sub-subjects: only those of the chosen main subject.
        await form.ChooseRequestTypeAsync("درخواست");
        await form.SelectMainSubjectAsync("حج تمتع");
        await Expect(form.SubSubject).ToBeVisibleAsync();
        var hajjChildren = await journey.App.WithDbAsync(db => db.Subjects.AsNoTracking()
            .Where(s => s.Parent!.Name == "حج تمتع" && s.IsActive).OrderBy(s => s.DisplayOrder).Select(s => s.Name).ToListAsync());
        Assert.Contains("انتقال فیش", hajjChildren);
        var subSubjectOptions = await form.SubSubjectOptionsAsync();
        Assert.Equal(["انتخاب موضوع فرعی", .. hajjChildren], subSubjectOptions);
        await form.SelectSubSubjectAsync("انتقال فیش");
        await Expect(page.GetByText("برای این موضوع فرستادن مدرک الزامی است.")).ToBeVisibleAsync();

        await form.Text.FillAsync(SendForm.RequestText);
        await Expect(page.GetByText(new Regex(@"\([۰-۹]+ نویسه باقی مانده\)"))).ToBeVisibleAsync();
        await form.Files.SetInputFilesAsync([SampleFiles.Pdf(), SampleFiles.Png()]);

        // The security code: a picture with a text alternative, and «تصویر جدید» replaces it.
        await Expect(form.SecurityImage).ToHaveAttributeAsync("alt", new Regex(@"^تصویر کد امنیتی"));
        var firstImage = await form.SecurityImage.GetAttributeAsync("src");
        await form.NewImageButton.ClickAsync();
        await Expect(form.SecurityImage).Not.ToHaveAttributeAsync("src", firstImage!);
        await Expect(form.SecurityCode).ToBeFocusedAsync();
        await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await form.SecurityImage.ElementHandleAsync());
        await form.SecurityCode.FillAsync(Digits.ToPersian(KestrelApp.TestCaptchaCode));
        await journey.StepAsync("filled");

        // «ارسال»: the upload is held at the network until the progress bar has been seen and recorded.
        var progress = new ConcurrentQueue<int>();
        await page.ExposeFunctionAsync<int>("hajdeskUploadProgress", progress.Enqueue);
        await page.EvaluateAsync("""
            () => {
                const bar = document.getElementById('upload-progress');
                new MutationObserver(() => window.hajdeskUploadProgress(Number(bar.value)))
                    .observe(bar, { attributes: true, childList: true, characterData: true, subtree: true });
            }
            """);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/requests/send", async route =>
        {
            if (route.Request.Method == "POST")
            {
                await release.Task;
            }

            await route.ContinueAsync();
        });
        await form.SendButton.ClickAsync();
        await Expect(form.UploadProgress).ToBeVisibleAsync();
        await Expect(form.SendButton).ToBeDisabledAsync();
        await journey.StepAsync("uploading");
        release.SetResult();
        await Expect(page).ToHaveURLAsync(new Regex("/requests/send/receipt$"));
        await page.UnrouteAllAsync();
        Assert.True(progress.Any(p => p > 0), $"The upload progress bar never advanced (values seen: {string.Join(", ", progress)}).");

        // The green message with the tracking code, in Persian digits.
        var success = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "درخواست شما با موفقیت ثبت شد." });
        await Expect(success).ToBeVisibleAsync();
        await Expect(success).ToHaveClassAsync(new Regex(@"\balert-success\b"));
        var shownCode = (await page.GetByTestId("tracking-code").InnerTextAsync()).Trim();
        Assert.Matches(@"^[۰-۹]{4} [۰-۹]{4} [۰-۹]{4}$", shownCode);
        var trackingCode = Digits.Only(shownCode);
        await journey.StepAsync("receipt");

        var stored = await journey.App.WithDbAsync(db => db.Requests.AsNoTracking()
            .Where(r => r.TrackingCode == trackingCode)
            .Select(r => new { r.FirstName, SubSubject = r.SubSubject!.Name, Province = r.Province!.Name, r.Mobile, Files = r.Attachments.Count })
            .SingleAsync());
        Assert.Equal((SendForm.FirstNameValue, "انتقال فیش", "تهران", "09121234567", 2),
            (stored.FirstName, stored.SubSubject, stored.Province, stored.Mobile, stored.Files));

        // «چاپ» prints at once with script; the printed page hides the buttons.
        var printLink = page.GetByRole(AriaRole.Link, new() { Name = "چاپ", Exact = true });
        var printViewAddress = await printLink.GetAttributeAsync("href");
        await printLink.ClickAsync();
        Assert.Equal(1, await journey.PrintCallsAsync());
        await Expect(page).ToHaveURLAsync(new Regex("/requests/send/receipt$"));
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(printLink).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "رسید درخواست" })).ToBeVisibleAsync();
        await journey.StepAsync("receipt-printed");

        // The print view: the same receipt on its own page (the link's address without script).
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await journey.GotoAsync(printViewAddress!);
        await Expect(page.GetByText(Digits.ToPersian(shownCode)).First).ToBeVisibleAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await journey.StepAsync("print-view");

        await journey.FinishAsync();
    }
}
