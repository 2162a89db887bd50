using System.Net;
using AngleSharp.Dom;
using HajDesk.Core.Requests;
using HajDesk.Core.Retention;
using HajDesk.Web.Staff;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.PageTests.Staff.Admin;

/// <summary>
/// <c>/staff/admin/retention</c>: the period in any digits, absurd values refused in Persian, a dry run that changes
/// nothing, a run now, every change audited. (Administrators only: see <see cref="AdminAccessTests"/>.)
/// </summary>
public class AdminRetentionTests
{
    private const string Url = "/staff/admin/retention";

    [Fact]
    public async Task Post_PeriodInPersianDigits_IsSavedAndAudited_AndEmptyTurnsItOff()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        Assert.Contains("خاموش", (await admin.GetPageAsync(Url)).TextOf("[data-testid=policy]"), StringComparison.Ordinal);

        await (await admin.PostPageFormAsync(Url, "[data-testid=retention-form]", new Dictionary<string, string?> { ["Months"] = " ۱۸ " }))
            .AssertRedirectAsync();

        Assert.Equal(18, await app.WithDbAsync(db => db.RetentionSettings.Select(s => s.Months).SingleAsync()));
        var page = await admin.GetPageAsync(Url);
        Assert.Contains("۱۸ ماه", page.TextOf("[data-testid=policy]"), StringComparison.Ordinal);
        Assert.Equal("دوره نگهداری ذخیره شد.", page.TextOf("[data-testid=done]"));

        await (await admin.PostPageFormAsync(Url, "[data-testid=retention-form]", new Dictionary<string, string?> { ["Months"] = "" }))
            .AssertRedirectAsync();

        Assert.Null(await app.WithDbAsync(db => db.RetentionSettings.Select(s => s.Months).SingleAsync()));
        var audit = await app.AuditAsync(AuditActions.RetentionUpdate);
        Assert.Equal(["خاموش → ۱۸ ماه پس از بسته شدن", "۱۸ ماه پس از بسته شدن → خاموش"], audit.Select(a => a.Details));
        Assert.All(audit, a => Assert.Equal("admin.test", a.UserName));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("۱۲۱")]
    [InlineData("99999999999999999999")]
    [InlineData("-6")]
    [InlineData("<b>شش</b>")]
    public async Task Post_AbsurdPeriod_IsRefusedInPersian_TypedValueKept_NothingSaved(string typed)
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");

        foreach (var handler in new[] { string.Empty, "?handler=Preview" })
        {
            var form = (await admin.GetPageAsync(Url)).Form("[data-testid=retention-form]");
            var page = await (await admin.PostWithTokenAsync(form, Url + handler, new Dictionary<string, string?> { ["Months"] = typed, ["Version"] = "0" }))
                .AssertPageAsync(HttpStatusCode.BadRequest);

            Assert.Contains(RetentionRules.PeriodOutOfRange, page.TextOf("[data-testid=errors]"), StringComparison.Ordinal);
            Assert.Equal(typed, page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Months")!.Value);
            Assert.Equal("true", page.QuerySelector("#Months")!.GetAttribute("aria-invalid"));
        }

        Assert.False(await app.WithDbAsync(db => db.RetentionSettings.AnyAsync()));
        Assert.Empty(await app.AuditAsync(AuditActions.RetentionUpdate));
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefused_NothingSaved()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");

        var response = await admin.PostAsync(Url, new FormUrlEncodedContent(new Dictionary<string, string> { ["Months"] = "6" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.RetentionSettings.AnyAsync()));
    }

    [Fact]
    public async Task Preview_ThenRun_CountsFirstWithoutChanging_ThenAnonymisesAndShowsTheRun()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var id = await app.WithDbAsync(async db =>
        {
            var r = TestRequests.Build(db, status: RequestStatus.Closed, createdAt: DateTime.UtcNow.AddYears(-3));
            r.ClosedAt = DateTime.UtcNow.AddYears(-2);
            db.Requests.Add(r);
            db.Requests.Add(TestRequests.Build(db, status: RequestStatus.InProgress, createdAt: DateTime.UtcNow.AddYears(-3)));
            await db.SaveChangesAsync();
            return r.Id;
        });
        var admin = await app.SignInAsync("admin.test");
        var form = (await admin.GetPageAsync(Url)).Form("[data-testid=retention-form]");
        Assert.Null((await admin.GetPageAsync(Url)).QuerySelector("[data-testid=run-form]"));

        var preview = await (await admin.PostWithTokenAsync(form, Url + "?handler=Preview", new Dictionary<string, string?> { ["Months"] = "١٢", ["Version"] = "0" }))
            .AssertPageAsync(HttpStatusCode.OK);

        Assert.Equal("۱", preview.TextOf("[data-testid=preview-requests]"));
        Assert.Equal("۱", preview.TextOf("[data-testid=preview-texts]"));
        Assert.False(await app.WithDbAsync(db => db.Requests.AnyAsync(r => r.AnonymisedAt != null)));
        Assert.False(await app.WithDbAsync(db => db.RetentionSettings.AnyAsync()));

        await (await admin.PostPageFormAsync(Url, "[data-testid=retention-form]", new Dictionary<string, string?> { ["Months"] = "12" })).AssertRedirectAsync();
        var location = await (await admin.PostPageFormAsync(Url, "[data-testid=run-form]")).AssertRedirectAsync();

        Assert.Equal("/staff/admin/retention#flash", location);
        Assert.Equal(RetentionRules.NationalCode, await app.WithDbAsync(db => db.Requests.Where(r => r.Id == id).Select(r => r.NationalCode).SingleAsync()));
        var page = await admin.GetPageAsync(location);
        Assert.Contains("۱ درخواست بسته‌شده ناشناس شد", page.TextOf("[data-testid=done]"), StringComparison.Ordinal);
        Assert.Contains("admin.test", page.TextOf("[data-testid=runs]"), StringComparison.Ordinal);
        var run = Assert.Single(await app.AuditAsync(RetentionService.AuditAction));
        Assert.Equal("admin.test", run.UserName);
        Assert.Contains("۱ درخواست", run.Details, StringComparison.Ordinal);
    }
}
