using System.Net;
using AngleSharp.Dom;
using HajDesk.Core.Catalogue;
using HajDesk.Core.Requests;
using HajDesk.Web.Staff;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.PageTests.Requests;
using HajDesk.Web.Tests.PageTests.Staff;
using HajDesk.Web.Tests.PageTests.Staff.Admin;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HajDesk.Web.Tests.PageTests.Catalogue;

public class CatalogueTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static Task<int> SubjectIdAsync(HajDeskFactory app, string name) =>
        app.WithDbAsync(db => db.Subjects.Where(s => s.Name == name && s.ParentId == null).Select(s => s.Id).SingleAsync());

    private static Task AddQuestionAsync(HajDeskFactory app, int subjectId, string question, string answer) => app.WithDbAsync(async db =>
    {
        db.SubjectQuestions.Add(new SubjectQuestion { SubjectId = subjectId, Question = question, Answer = answer });
        await db.SaveChangesAsync();
    });

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Services_ListsEveryActiveServiceWithItsCode(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var services = await app.WithDbAsync(db => db.Subjects.Where(s => s.IsActive && (s.ParentId != null || !db.Subjects.Any(c => c.ParentId == s.Id)))
            .Select(s => s.ServiceCode).ToListAsync());

        var page = await Html.ParseAsync(await app.CreateClient().GetAsync("/services"));

        var shown = page.QuerySelectorAll("[data-testid=service-entry]").Select(e => e.GetAttribute("data-service-code")).ToList();
        Assert.NotEmpty(services);
        Assert.All(services, code => Assert.Matches("^HD-[0-9]{3,}", code));
        Assert.Equal(services.Order(StringComparer.Ordinal), shown.Order(StringComparer.Ordinal));
        Assert.Equal(services.Count, services.Distinct().Count());
        var home = await Html.ParseAsync(await app.CreateClient().GetAsync("/"));
        Assert.NotNull(home.QuerySelector("a[href='/services']"));
    }

    [Fact]
    public async Task Entry_ByCodeTypedAnyWay_IsPrintableAndUnknownIs404()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var other = await SubjectIdAsync(app, "سایر");
        var code = await app.WithDbAsync(db => db.Subjects.Where(s => s.Id == other).Select(s => s.ServiceCode!).SingleAsync());
        var client = app.CreateClient();

        var entry = await client.GetAsync("/services/" + code.ToLowerInvariant());
        var print = await Html.ParseAsync(await client.GetAsync($"/services/{code}?view=print"));

        Assert.Equal(HttpStatusCode.OK, entry.StatusCode);
        Assert.Contains("سایر", (await Html.ParseAsync(entry)).QuerySelector("[data-testid=service-entry] h2")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(print.QuerySelector("body.print-view [data-testid=service-entry]"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/services/NOPE-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/services/%3Cscript%3E")).StatusCode);
    }

    [Fact]
    public async Task SendForm_WithoutScript_GuideButtonShowsTheSubjectsQuestionsAndKeepsTheForm()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var other = await SubjectIdAsync(app, "سایر");
        await AddQuestionAsync(app, other, "ثبت‌نام عمره از کی است؟", "- از سامانه جامع\n<script>alert(1)</script>");
        var page = await SendPage.OpenAsync(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

        var response = await page.PostAsync(page.ValidValues(new Dictionary<string, string?> { ["Input.Text"] = "نیمه‌کاره" }), handler: "Guide");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var guide = page.Document.QuerySelector("[data-guide-target]")!;
        Assert.Contains("ثبت‌نام عمره از کی است؟", guide.QuerySelector("[data-testid=question] summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("از سامانه جامع", guide.QuerySelector("[data-testid=question] li")!.TextContent);
        Assert.Null(guide.QuerySelector("script"));
        Assert.Contains("&lt;script&gt;", guide.InnerHtml, StringComparison.Ordinal);
        Assert.Equal("نیمه‌کاره", page.Document.QuerySelector("#Input_Text")!.TextContent);
        Assert.Equal(0, await app.WithDbAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task Guide_ForTheScript_IsTheSameFragmentAndOpenedAnswersCountAsDeflection()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var other = await SubjectIdAsync(app, "سایر");
        await AddQuestionAsync(app, other, "پرسش", "پاسخ");
        var questionId = await app.WithDbAsync(db => db.SubjectQuestions.Select(q => q.Id).SingleAsync());
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await SendPage.OpenAsync(client);
        var key = page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_SubmissionKey")!.Value;
        var token = page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        var fragment = await client.GetAsync($"/services/guide?subject={other}");
        var none = await client.GetAsync("/services/guide?subject=999999");
        async Task<HttpResponseMessage> OpenedAsync(string? antiforgery) => await client.PostAsync("/services/guide?handler=Opened",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["questionId"] = questionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["submissionKey"] = key,
                ["__RequestVerificationToken"] = antiforgery ?? string.Empty,
            }));

        Assert.Equal(HttpStatusCode.OK, fragment.StatusCode);
        Assert.DoesNotContain("<html", await fragment.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("پرسش", await fragment.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, none.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await OpenedAsync(null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await OpenedAsync(token)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await OpenedAsync(token)).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.AnswerViews.CountAsync()));
        var catalogue = new ServiceCatalogueProbe(app);
        Assert.Equal((1, 1), await catalogue.DeflectionAsync());

        // Sending that same form afterwards means the answer did not settle it.
        Assert.Equal(HttpStatusCode.Redirect, (await page.PostAsync(page.ValidValues())).StatusCode);
        Assert.Equal((1, 0), await catalogue.DeflectionAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RequestType_IsRequiredStoredAndShownToStaff(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var world = await StaffWorld.CreateAsync(app);
        var page = await SendPage.OpenAsync(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

        var missing = await page.PostAsync(page.ValidValues(new Dictionary<string, string?> { ["Input.RequestType"] = null }));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(Core.Requests.Submission.SubmissionMessages.RequestTypeRequired, page.FieldError("Input_RequestType"));
        Assert.Equal(HttpStatusCode.Redirect, (await page.PostAsync(page.ValidValues(new Dictionary<string, string?> { ["Input.RequestType"] = "Complaint" }))).StatusCode);

        var stored = await app.WithDbAsync(db => db.Requests.SingleAsync());
        Assert.Equal(RequestType.Complaint, stored.Type);
        var expert = await app.SignInAsync("tehran.expert");
        Assert.Equal("شکایت", (await expert.GetPageAsync($"/staff/requests/{stored.Id}")).QuerySelector("[data-testid=request-type]")!.TextContent);
        var complaints = await expert.GetPageAsync("/staff/inbox?type=Complaint");
        var suggestions = await expert.GetPageAsync("/staff/inbox?type=Suggestion");
        Assert.Single(complaints.QuerySelectorAll("[data-testid=inbox-row]"));
        Assert.Empty(suggestions.QuerySelectorAll("[data-testid=inbox-row]"));
        _ = world;
    }

    [Fact]
    public async Task AdminCatalogue_EditsEntryAndQuestionsAudited_AndRefusesBadCodes()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        var other = await SubjectIdAsync(app, "سایر");
        var url = $"/staff/admin/subjects/{other}/catalogue";

        var bad = await admin.PostPageFormAsync(url, "[data-testid=entry-form]", new Dictionary<string, string?>
        {
            ["Entry.ServiceCode"] = "<script>",
            ["Entry.Description"] = "شرحی که نباید گم شود",
        });
        var badPage = await bad.AssertPageAsync(HttpStatusCode.BadRequest);
        Assert.Equal(ServiceCode.InvalidMessage, badPage.QuerySelector("#Entry_ServiceCode-error")!.TextContent.Trim());
        Assert.Equal("شرحی که نباید گم شود", badPage.QuerySelector("#Entry_Description")!.TextContent);

        await (await admin.PostPageFormAsync(url, "[data-testid=entry-form]", new Dictionary<string, string?>
        {
            ["Entry.ServiceCode"] = "hd-۹۰۱",
            ["Entry.Description"] = "<b>شرح</b>",
            ["Entry.Cost"] = "رایگان",
        })).AssertRedirectAsync();
        await (await admin.PostPageFormAsync(url, "[data-testid=add-question-form]", new Dictionary<string, string?>
        {
            ["NewQuestion.Question"] = "پرسش تازه",
            ["NewQuestion.Answer"] = "پاسخ تازه",
        })).AssertRedirectAsync();

        var subject = await app.WithDbAsync(db => db.Subjects.SingleAsync(s => s.Id == other));
        Assert.Equal("HD-901", subject.ServiceCode);
        Assert.Equal("رایگان", subject.Cost);
        var entry = await Html.ParseAsync(await app.CreateClient().GetAsync("/services/HD-901"));
        Assert.Contains("&lt;b&gt;شرح&lt;/b&gt;", entry.QuerySelector("[data-testid=service-entry]")!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal("پرسش تازه", entry.QuerySelector("[data-testid=question] summary")!.TextContent);

        var otherCode = await app.WithDbAsync(db => db.Subjects.Where(s => s.Id != other).Select(s => s.ServiceCode!).FirstAsync());
        var taken = await admin.PostPageFormAsync(url, "[data-testid=entry-form]", new Dictionary<string, string?> { ["Entry.ServiceCode"] = otherCode });
        Assert.Equal(ServiceCode.TakenMessage, (await taken.AssertPageAsync(HttpStatusCode.BadRequest)).QuerySelector("#Entry_ServiceCode-error")!.TextContent.Trim());

        var actions = await app.WithDbAsync(db => db.AuditEntries.Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditActions.CatalogueUpdate, actions);
        Assert.Contains(AuditActions.QuestionCreate, actions);
        var experts = await app.SignInAsync("tehran.expert");
        Assert.NotEqual(HttpStatusCode.OK, (await experts.GetAsync(url)).StatusCode);
    }
}

/// <summary>Reads the deflection figure through the app's own service.</summary>
internal sealed class ServiceCatalogueProbe(HajDeskFactory app)
{
    public async Task<(int Opened, int Left)> DeflectionAsync()
    {
        using var scope = app.Services.CreateScope();
        var catalogue = scope.ServiceProvider.GetRequiredService<Web.Catalogue.ServiceCatalogue>();
        return await catalogue.DeflectionAsync(DateTime.UtcNow.AddDays(-1), CancellationToken.None);
    }
}
