using System.Net;
using AngleSharp.Dom;
using HajDesk.Core.Requests;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.PageTests.Requests;

public class SendTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static HttpClient NoRedirects(HajDeskFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Post_ValidFormWithFiles_StoresRequestAndFilesAndShowsTrackingCode(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var client = NoRedirects(app);
        var page = await SendPage.OpenAsync(client);

        var response = await page.PostAsync(page.ValidValues(), [("مدرک.pdf", SampleFiles.Pdf(), "application/pdf"), ("photo.png", SampleFiles.Png(), "image/png")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/requests/send/receipt", response.Headers.Location!.OriginalString);
        var receipt = await client.GetDocumentAsync("/requests/send/receipt");
        var shownCode = receipt.QuerySelector("[data-testid=tracking-code]")!.TextContent.Trim();
        Assert.Contains("درخواست شما با موفقیت ثبت شد", receipt.QuerySelector("[data-testid=success-message]")!.TextContent, StringComparison.Ordinal);

        await app.WithDbAsync(async db =>
        {
            var request = await db.Requests.Include(r => r.Attachments).ThenInclude(a => a.Content).Include(r => r.Events).SingleAsync();
            Assert.Equal(HajDesk.Core.Persian.PersianText.ToPersianDigits(TrackingCode.Format(request.TrackingCode)), shownCode);
            Assert.True(TrackingCode.VerhoeffValid(request.TrackingCode));
            Assert.Equal(RequestStatus.Submitted, request.Status);
            Assert.Equal("محمد", request.FirstName);
            Assert.Equal("رضایی", request.LastName);
            Assert.Equal(Gender.Male, request.Gender);
            Assert.Equal(new DateOnly(1986, 7, 3), request.BirthDate);
            Assert.Equal(2, request.Attachments.Count);
            Assert.All(request.Attachments, a => Assert.Null(a.StagingKey));
            Assert.Equal(SampleFiles.Pdf(), request.Attachments.Single(a => a.FileName == "مدرک.pdf").Content!.Data);
            Assert.Equal("image/png", request.Attachments.Single(a => a.FileName == "photo.png").ContentType);
            Assert.Equal(RequestEventKind.Submitted, Assert.Single(request.Events).Kind);
            Assert.True(request.DueAt > request.CreatedAt);
        });
    }

    [Fact]
    public async Task Get_Receipt_ShowsPrintableDetailsWithMaskedNationalCode()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var client = app.CreateClient();
        var page = await SendPage.OpenAsync(client);
        await page.PostAsync(page.ValidValues());

        var receipt = await client.GetDocumentAsync("/requests/send/receipt?view=print");

        var text = receipt.Body!.TextContent;
        Assert.Contains("سازمان حج و زیارت", text, StringComparison.Ordinal);
        Assert.Contains("محمد رضایی", text, StringComparison.Ordinal);
        Assert.Contains("تهران", text, StringComparison.Ordinal);
        Assert.Contains("زمان پیش‌بینی‌شده پاسخ", text, StringComparison.Ordinal);
        Assert.Contains("۰۴۹****۸۹۹", text, StringComparison.Ordinal);
        Assert.DoesNotContain("0499370899", receipt.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("۰۴۹۹۳۷۰۸۹۹", receipt.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ReceiptFromAnotherBrowser_ShowsNothing()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var page = await SendPage.OpenAsync(app.CreateClient());
        await page.PostAsync(page.ValidValues());

        var response = await app.CreateClient().GetAsync("/requests/send/receipt");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("tracking-code", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_SameFormTwice_CreatesOneRequestAndShowsItsReceiptAgain()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var client = NoRedirects(app);
        var page = await SendPage.OpenAsync(client);
        var values = page.ValidValues();

        var first = await page.PostAsync(values);
        var second = await page.PostAsync(values);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task Post_SameFormConcurrently_CreatesOneRequest()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var client = NoRedirects(app);
        var page = await SendPage.OpenAsync(client);
        var values = page.ValidValues();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.SubmitMultipartAsync(page.Form, values, action: "/requests/send")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.Requests.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Post_SolvedCodeWithAnotherForm_IsRefusedWhetherItsFirstFormWasSentOrNot(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var page = await SendPage.OpenAsync(NoRedirects(app));
        string CodeOnPage() => page.Form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[name=CaptchaId]")!.Value;

        // The registry does not confirm this birth date: nothing is stored, and the solved code is spent all the same.
        var refusedCode = CodeOnPage();
        Assert.Equal(HttpStatusCode.BadRequest, (await page.PostAsync(page.ValidValues(new Dictionary<string, string?> { ["Input.BirthDay"] = "13" }))).StatusCode);
        // This one is stored as spent in the request's own transaction.
        var sentCode = CodeOnPage();
        Assert.Equal(HttpStatusCode.Redirect, (await page.PostAsync(page.ValidValues())).StatusCode);

        foreach (var code in new[] { refusedCode, sentCode })
        {
            var other = await SendPage.OpenAsync(NoRedirects(app));
            var response = await other.PostAsync(other.ValidValues(new Dictionary<string, string?> { ["CaptchaId"] = code }));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(HajDesk.Web.Captcha.CaptchaField.WrongAnswer, other.SummaryErrors);
        }

        Assert.Equal(1, await app.WithDbAsync(db => db.Requests.CountAsync()));
        var spent = await app.WithDbAsync(db => db.CaptchaChallenges.Select(c => c.Id).ToListAsync());
        Assert.Equal(new[] { refusedCode, sentCode }.Select(Guid.Parse).Order(), spent.Order());
    }

    [Fact]
    public async Task Post_NamesInTheForm_AreIgnoredForTheRegistrysNames()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var page = await SendPage.OpenAsync(NoRedirects(app));

        await page.PostAsync(page.ValidValues(new Dictionary<string, string?>
        {
            ["Input.FirstName"] = "هکر",
            ["FirstName"] = "هکر",
            ["Person.FirstName"] = "هکر",
        }));

        var request = await app.WithDbAsync(db => db.Requests.SingleAsync());
        Assert.Equal("محمد", request.FirstName);
    }

    [Fact]
    public async Task Post_BirthDateNotMatchingRegistry_IsRefusedAndNamesStayEmpty()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var page = await SendPage.OpenAsync(app.CreateClient());

        var response = await page.PostAsync(page.ValidValues(new Dictionary<string, string?> { ["Input.BirthDay"] = "13" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ثبت احوال", page.FieldError("Input_NationalCode"), StringComparison.Ordinal);
        Assert.Equal(string.Empty, page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[data-testid=first-name]")!.Value);
        Assert.Equal(0, await app.WithDbAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task Post_EmptyForm_ListsEveryRequiredFieldAndKeepsInput()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var page = await SendPage.OpenAsync(app.CreateClient());

        var response = await page.PostAsync(new Dictionary<string, string?>
        {
            ["Input.Email"] = "name@example.com",
            ["CaptchaAnswer"] = "",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var summary = string.Join("\n", page.SummaryErrors);
        foreach (var expected in new[] { "تاریخ تولد را کامل وارد کنید", "کد ملی را وارد کنید", "استان را انتخاب کنید", "شماره تلفن همراه را وارد کنید", "نوع پیام را انتخاب کنید", "موضوع اصلی را انتخاب کنید", "متن درخواست را بنویسید", "کد امنیتی را وارد کنید" })
        {
            Assert.Contains(expected, summary, StringComparison.Ordinal);
        }

        Assert.StartsWith("تاریخ تولد", page.SummaryErrors[0], StringComparison.Ordinal);
        Assert.StartsWith("کد امنیتی", page.SummaryErrors[^1], StringComparison.Ordinal);
        Assert.Equal("name@example.com", page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Email")!.Value);
        Assert.All(page.Document.QuerySelectorAll(".error-summary a"), a => Assert.NotNull(page.Document.GetElementById(a.GetAttribute("href")![1..])));
    }

    [Theory]
    [InlineData("۰۴۹۹۳۷۰۸۹۹", "۱۲", "۱۳۶۵", "۰۹۱۲۱۲۳۴۵۶۷")]
    [InlineData("٠٤٩٩٣٧٠٨٩٩", "١٢", "١٣٦٥", "٠٩١٢١٢٣٤٥٦٧")]
    [InlineData(" 0499370899 ", "12", "1365", "+98 912 123 4567")]
    public async Task Post_PersianArabicOrLatinDigits_AreAccepted(string nationalCode, string day, string year, string mobile)
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var page = await SendPage.OpenAsync(NoRedirects(app));

        var response = await page.PostAsync(page.ValidValues(new Dictionary<string, string?>
        {
            ["Input.NationalCode"] = nationalCode,
            ["Input.BirthDay"] = day,
            ["Input.BirthYear"] = year,
            ["Input.Mobile"] = mobile,
            ["CaptchaAnswer"] = HajDesk.Core.Persian.PersianText.ToPersianDigits(HajDeskFactory.TestCaptchaCode),
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var request = await app.WithDbAsync(db => db.Requests.SingleAsync());
        Assert.Equal("0499370899", request.NationalCode);
        Assert.Equal("09121234567", request.Mobile);
    }

    [Theory]
    [InlineData("Input.NationalCode", "1234567890", "Input_NationalCode", "کد ملی معتبر نیست")]
    [InlineData("Input.NationalCode", "0499-370-899", "Input_NationalCode", "کد ملی معتبر نیست")]
    [InlineData("Input.NationalCode", "<script>alert(1)</script>", "Input_NationalCode", "کد ملی معتبر نیست")]
    [InlineData("Input.Mobile", "0912123456", "Input_Mobile", "شماره تلفن همراه معتبر نیست")]
    [InlineData("Input.Mobile", "02112345678", "Input_Mobile", "شماره تلفن همراه معتبر نیست")]
    [InlineData("Input.Email", "not-an-email", "Input_Email", "ایمیل معتبر نیست")]
    [InlineData("Input.Email", "a@b@c.com", "Input_Email", "ایمیل معتبر نیست")]
    [InlineData("Input.BirthYear", "65", "Input_BirthYear", "چهاررقمی")]
    [InlineData("Input.BirthMonth", "13", "Input_BirthDay", "در تقویم وجود ندارد")]
    [InlineData("Input.BirthYear", "1499", "Input_BirthYear", "آینده")]
    [InlineData("Input.BirthDay", "یک", "Input_BirthDay", "با عدد وارد کنید")]
    [InlineData("Input.ProvinceId", "9999", "Input_ProvinceId", "استان انتخاب‌شده معتبر نیست")]
    [InlineData("Input.SubjectId", "abc", "Input_SubjectId", "موضوع اصلی انتخاب‌شده معتبر نیست")]
    [InlineData("Input.Text", "   ", "Input_Text", "متن درخواست را بنویسید")]
    public async Task Post_BadField_ShowsPersianErrorBesideItAndKeepsWhatWasTyped(string field, string value, string fieldId, string expected)
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var page = await SendPage.OpenAsync(app.CreateClient());

        var response = await page.PostAsync(page.ValidValues(new Dictionary<string, string?>
        {
            [field] = value,
            ["Input.Text"] = field == "Input.Text" ? value : "متن من <b>مهم</b> است",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, page.FieldError(fieldId), StringComparison.Ordinal);
        Assert.Contains(page.SummaryErrors, e => e.Contains(expected, StringComparison.Ordinal));
        if (field != "Input.Text")
        {
            Assert.Equal("متن من <b>مهم</b> است", page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlTextAreaElement>("#Input_Text")!.Value);
            Assert.Empty(page.Document.QuerySelectorAll("#Input_Text b"));
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task Post_LandlineWithWrongAreaCodeOrNumber_ExplainsWhich()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var page = await SendPage.OpenAsync(app.CreateClient());

        await page.PostAsync(page.ValidValues(new Dictionary<string, string?> { ["Input.LandlineAreaCode"] = "099", ["Input.LandlineNumber"] = "22334455" }));
        Assert.Contains("پیش‌شماره معتبر نیست", page.FieldError("Input_LandlineAreaCode"), StringComparison.Ordinal);

        await page.PostAsync(page.ValidValues(new Dictionary<string, string?> { ["Input.LandlineAreaCode"] = "۰۲۱", ["Input.LandlineNumber"] = "1234" }));
        Assert.Contains("شماره تلفن ثابت معتبر نیست", page.FieldError("Input_LandlineNumber"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ValidLandlineInPersianDigits_IsStoredNormalized()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var page = await SendPage.OpenAsync(NoRedirects(app));

        await page.PostAsync(page.ValidValues(new Dictionary<string, string?> { ["Input.LandlineAreaCode"] = "۰۳۱", ["Input.LandlineNumber"] = "۳۲۲۲ ۱۱۴۴" }));

        var request = await app.WithDbAsync(db => db.Requests.SingleAsync());
        Assert.Equal("031", request.LandlineAreaCode);
        Assert.Equal("32221144", request.LandlineNumber);
    }

    [Fact]
    public async Task Post_TextOverLimit_IsRefusedAndKept()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var page = await SendPage.OpenAsync(app.CreateClient());
        var text = new string('ب', 4001);

        var response = await page.PostAsync(page.ValidValues(new Dictionary<string, string?> { ["Input.Text"] = text }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("حداکثر ۴۰۰۰ نویسه", page.FieldError("Input_Text"), StringComparison.Ordinal);
        Assert.Equal(text, page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlTextAreaElement>("#Input_Text")!.Value);
    }

    [Fact]
    public async Task Post_ArabicLettersAndScript_AreStoredNormalizedAndNeverMarkup()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var page = await SendPage.OpenAsync(NoRedirects(app));

        await page.PostAsync(page.ValidValues(new Dictionary<string, string?> { ["Input.Text"] = "سلام، كمك مي‌خواهم <script>alert(1)</script>" }));

        var request = await app.WithDbAsync(db => db.Requests.SingleAsync());
        Assert.Equal("سلام، کمک می‌خواهم <script>alert(1)</script>", request.Text);
    }

    [Fact]
    public async Task Post_SubSubjectOfAnotherMainSubject_IsRefused()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var page = await SendPage.OpenAsync(app.CreateClient());
        var umrahRegistration = await app.WithDbAsync(db => db.Subjects.Where(s => s.Name == "ثبت‌نام" && s.Parent!.Name == "عمره مفرده").Select(s => s.Id).SingleAsync());

        var response = await page.PostAsync(page.ValidValues(new Dictionary<string, string?>
        {
            ["Input.SubjectId"] = page.OptionValue("Input_SubjectId", "حج تمتع"),
            ["Input.SubSubjectId"] = umrahRegistration.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("زیرمجموعه «حج تمتع» نیست", page.FieldError("Input_SubSubjectId"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_MainSubjectWithSubSubjectsButNoneChosen_AsksForOne()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var page = await SendPage.OpenAsync(app.CreateClient());

        await page.PostAsync(page.ValidValues(new Dictionary<string, string?> { ["Input.SubjectId"] = page.OptionValue("Input_SubjectId", "حج تمتع") }));

        Assert.Contains("موضوع فرعی «حج تمتع» را انتخاب کنید", page.FieldError("Input_SubSubjectId"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_InactiveSubject_IsRefusedAndNotOffered()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var page = await SendPage.OpenAsync(app.CreateClient());
        var other = page.OptionValue("Input_SubjectId", "سایر");
        // Deactivated as an administrator does it, through the context (whose save invalidates the cached subjects).
        await app.WithDbAsync(async db =>
        {
            (await db.Subjects.SingleAsync(s => s.Name == "سایر")).IsActive = false;
            return await db.SaveChangesAsync();
        });

        var response = await page.PostAsync(page.ValidValues(new Dictionary<string, string?> { ["Input.SubjectId"] = other }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("موضوع اصلی انتخاب‌شده معتبر نیست", page.FieldError("Input_SubjectId"), StringComparison.Ordinal);
        Assert.DoesNotContain(page.Document.QuerySelectorAll("#Input_SubjectId option"), o => o.TextContent.Trim() == "سایر");
    }

    [Fact]
    public async Task Post_SubjectRequiringAttachmentWithoutFile_IsRefused()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var page = await SendPage.OpenAsync(app.CreateClient());

        await page.PostAsync(page.ValidValues(new Dictionary<string, string?>
        {
            ["Input.SubjectId"] = page.OptionValue("Input_SubjectId", "حج تمتع"),
            ["Input.SubSubjectId"] = page.OptionValue("Input_SubSubjectId", "انتقال فیش"),
        }));

        Assert.Contains("فرستادن مدرک لازم است", page.FieldError("Files"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("setup.pdf", "exe", "نوع فایل «setup.pdf» پذیرفته نیست")]
    [InlineData("drawing.svg", "svg", "نوع فایل «drawing.svg» پذیرفته نیست")]
    [InlineData("big.pdf", "big", "حجم فایل «big.pdf» بیش از ۵ مگابایت است")]
    [InlineData("empty.pdf", "empty", "فایل «empty.pdf» خالی است")]
    public async Task Post_BadFile_IsRefusedNamingTheFile(string name, string kind, string expected)
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var page = await SendPage.OpenAsync(app.CreateClient());
        var data = kind switch
        {
            "exe" => SampleFiles.Exe(),
            "svg" => SampleFiles.Svg(),
            "big" => SampleFiles.Pdf(6 * 1024 * 1024),
            _ => [],
        };

        var response = await page.PostAsync(page.ValidValues(), [(name, data, "application/pdf")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, page.FieldError("Files"), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Attachments.CountAsync()));
    }

    [Fact]
    public async Task Post_MoreThanThreeFiles_KeepsThreeAndNamesTheRest()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var page = await SendPage.OpenAsync(app.CreateClient());

        await page.PostAsync(page.ValidValues(new Dictionary<string, string?> { ["Input.Mobile"] = "" }),
            [("1.pdf", SampleFiles.Pdf(), "application/pdf"), ("2.jpg", SampleFiles.Jpeg(), "image/jpeg"), ("3.png", SampleFiles.Png(), "image/png"), ("4.pdf", SampleFiles.Pdf(), "application/pdf")]);

        Assert.Contains("«4.pdf» پذیرفته نشد", page.FieldError("Files"), StringComparison.Ordinal);
        Assert.Equal(3, page.Document.QuerySelectorAll(".staged-files li").Length);
    }

    [Fact]
    public async Task Post_AfterValidationError_KeepsAcceptedFilesAndSendsThemWithTheRequest()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var client = NoRedirects(app);
        var page = await SendPage.OpenAsync(client);

        var first = await page.PostAsync(page.ValidValues(new Dictionary<string, string?> { ["Input.Mobile"] = "12" }), [("نامه.pdf", SampleFiles.Pdf(), "application/pdf")]);
        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Contains("نامه.pdf", page.Document.QuerySelector(".staged-files")!.TextContent, StringComparison.Ordinal);

        var second = await page.PostAsync(page.ValidValues());

        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var request = await app.WithDbAsync(db => db.Requests.Include(r => r.Attachments).SingleAsync());
        Assert.Equal("نامه.pdf", Assert.Single(request.Attachments).FileName);
    }

    [Fact]
    public async Task PostRemoveFile_RemovesOnlyThatStagedFile()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var page = await SendPage.OpenAsync(app.CreateClient());
        await page.PostAsync(page.ValidValues(new Dictionary<string, string?> { ["Input.Mobile"] = "" }),
            [("a.pdf", SampleFiles.Pdf(), "application/pdf"), ("b.png", SampleFiles.Png(), "image/png")]);
        var remove = page.Document.QuerySelectorAll(".staged-files button").First(b => b.TextContent.Contains("a.pdf", StringComparison.Ordinal));

        await page.PostAsync(page.ValidValues(), action: remove.GetAttribute("formaction"));

        var names = page.Document.QuerySelectorAll(".staged-files li").Select(li => li.TextContent).ToList();
        Assert.Single(names);
        Assert.Contains("b.png", names[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostLookup_WithoutJavaScript_ShowsTheRegistrysNames()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var page = await SendPage.OpenAsync(app.CreateClient());

        var response = await page.PostAsync(page.ValidValues(), handler: "Lookup");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("محمد", page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[data-testid=first-name]")!.Value);
        Assert.Equal("رضایی", page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[data-testid=last-name]")!.Value);
        Assert.Equal("مرد", page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[data-testid=gender]")!.Value);
        Assert.Equal(0, await app.WithDbAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task PostNewCaptcha_AfterLookupWithoutJavaScript_KeepsTheNameAndShowsNoErrors()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var page = await SendPage.OpenAsync(app.CreateClient());
        await page.PostAsync(page.ValidValues(), handler: "Lookup");

        var response = await page.PostAsync(page.ValidValues(new Dictionary<string, string?> { ["Input.Mobile"] = "" }), handler: "NewCaptcha");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("محمد", page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[data-testid=first-name]")!.Value);
        Assert.Empty(page.SummaryErrors);
    }

    [Fact]
    public async Task PostLookupJson_MatchAndMismatch_AnswerAsJson()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var client = app.CreateClient();
        var page = await SendPage.OpenAsync(client);

        var found = await client.SubmitMultipartAsync(page.Form, page.ValidValues(), action: "/requests/send?handler=LookupJson");
        var notFound = await client.SubmitMultipartAsync(page.Form, page.ValidValues(new Dictionary<string, string?> { ["Input.BirthYear"] = "1366" }), action: "/requests/send?handler=LookupJson");

        Assert.Contains("\"status\":\"found\"", await found.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("\"firstName\":\"محمد\"", System.Text.RegularExpressions.Regex.Unescape(await found.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var mismatch = await notFound.Content.ReadAsStringAsync();
        Assert.Contains("\"status\":\"notFound\"", mismatch, StringComparison.Ordinal);
        Assert.DoesNotContain("محمد", System.Text.RegularExpressions.Regex.Unescape(mismatch), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostLookup_ManyBirthDatesForOneNationalCode_AreThrottledWithPersian429()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["RateLimits:RegistryByNationalCode"] = "3",
            ["RateLimits:RegistryLookupsPerForm"] = "10",
        });
        var page = await SendPage.OpenAsync(app.CreateClient());

        HttpResponseMessage response = null!;
        for (var day = 1; day <= 4; day++)
        {
            response = await page.PostAsync(page.ValidValues(new Dictionary<string, string?> { ["Input.BirthDay"] = day.ToString(System.Globalization.CultureInfo.InvariantCulture) }), handler: "Lookup");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Contains("بیش از حد مجاز", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_RegistryUnreachable_ShowsPersianMessageAndKeepsTheForm()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["CivilRegistry:Mode"] = "Http",
            ["CivilRegistry:BaseUrl"] = "http://127.0.0.1:1/",
            ["CivilRegistry:TimeoutSeconds"] = "1",
            ["CivilRegistry:Retries"] = "0",
        });
        var page = await SendPage.OpenAsync(app.CreateClient());

        var response = await page.PostAsync(page.ValidValues(new Dictionary<string, string?> { ["Input.Text"] = "متن نگه داشته شود" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ثبت احوال اکنون پاسخ نمی‌دهد", page.Document.GetElementById("registry-notice")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("متن نگه داشته شود", page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlTextAreaElement>("#Input_Text")!.Value);
        Assert.Equal(0, await app.WithDbAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task Get_WhenDatabaseFails_ShowsPersian500WithReference()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var client = app.CreateClient();
        await client.GetAsync("/");
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DROP TABLE \"Requests\"; DROP TABLE \"Provinces\";"));

        var response = await client.GetAsync("/requests/send");
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("خطایی در سامانه رخ داد", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("[data-testid=error-reference]")?.TextContent));
        Assert.DoesNotContain("SqliteException", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_SendPage_IsNotCachedAndHasNoPersonalDataInUrls()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var client = NoRedirects(app);
        var page = await SendPage.OpenAsync(client);

        var response = await page.PostAsync(page.ValidValues());

        Assert.DoesNotContain("0499370899", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var receipt = await client.GetAsync("/requests/send/receipt");
        Assert.Contains("no-store", receipt.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }
}
