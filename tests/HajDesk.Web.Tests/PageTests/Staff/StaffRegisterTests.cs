using System.Globalization;
using System.Net;
using HajDesk.Core.Requests;
using HajDesk.Web.Pages.Staff.Requests;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.PageTests.Staff;

/// <summary>«ثبت درخواست برای متقاضی»: the real form, posted with its antiforgery token, on both providers.</summary>
public class StaffRegisterTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static async Task<Dictionary<string, string?>> ValuesAsync(HajDeskFactory app, string province) => new()
    {
        ["Channel"] = nameof(RequestChannel.Phone111),
        ["Input.BirthDay"] = "۱۲",
        ["Input.BirthMonth"] = "4",
        ["Input.BirthYear"] = "۱۳۶۵",
        ["Input.NationalCode"] = "0499370899",
        ["Input.ProvinceId"] = (await app.WithDbAsync(db => db.Provinces.Where(p => p.Code == province).Select(p => p.Id).SingleAsync())).ToString(CultureInfo.InvariantCulture),
        ["Input.Mobile"] = "09121234567",
        ["Input.SubjectId"] = (await app.WithDbAsync(db => db.Subjects.Where(s => s.Name == "سایر" && s.ParentId == null).Select(s => s.Id).SingleAsync())).ToString(CultureInfo.InvariantCulture),
        ["Input.Text"] = "تماس‌گیرنده ۱۱۱ درباره ثبت‌نام پرسید.",
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Post_ExpertRegistersForCaller_StoresChannelCreatorSmsAndCitizenFollowsUp(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var world = await StaffWorld.CreateAsync(app);
        var expert = await app.SignInAsync(world.TehranExpert.UserName!);
        var form = (await expert.GetPageAsync("/staff/requests/register")).Form("[data-testid=register-form]");

        var response = await expert.SubmitMultipartAsync(form, await ValuesAsync(app, "Tehran"));
        var replay = await expert.SubmitMultipartAsync(form, await ValuesAsync(app, "Tehran"));

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (response.StatusCode, replay.StatusCode));
        var request = await app.WithDbAsync(db => db.Requests.Include(r => r.Events).SingleAsync());
        Assert.Equal((RequestChannel.Phone111, world.TehranExpert.Id, "محمد"), (request.Channel, request.CreatedById, request.FirstName));
        Assert.Equal(world.TehranExpert.Id, request.Events.Single().ActorId);
        Assert.True(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.Channel == Core.Notifications.NotificationChannel.Sms && m.Recipient == "09121234567")));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "request.register" && a.RequestId == request.Id)));
        var done = await expert.GetPageAsync("/staff/requests/register");
        Assert.Equal(TrackingCode.Format(request.TrackingCode), done.QuerySelector("[data-testid=registered-code]")!.TextContent.Trim());
        var inbox = await expert.GetPageAsync("/staff/inbox?channel=Phone111");
        Assert.Equal("تلفن ۱۱۱", inbox.QuerySelector("[data-testid=channel]")!.TextContent.Trim());
        Assert.Null((await expert.GetPageAsync("/staff/inbox?channel=Letter")).QuerySelector("[data-testid=inbox-row]"));

        var citizen = app.CreateClient();
        var track = await citizen.SubmitAsync((await citizen.GetDocumentAsync("/requests/track")).Form("#track-form"), new Dictionary<string, string?>
        {
            ["NationalCode"] = "0499370899",
            ["TrackingCode"] = request.TrackingCode,
            ["CaptchaAnswer"] = HajDeskFactory.TestCaptchaCode,
        });
        Assert.Equal("/requests/track/result", track.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("تماس‌گیرنده ۱۱۱ درباره ثبت‌نام پرسید.", (await Html.ParseAsync(track)).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_OtherProvinceOrNoChannel_Refused400AndStoresNothing()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var expert = await app.SignInAsync(world.TehranExpert.UserName!);
        var page = await expert.GetPageAsync("/staff/requests/register");
        var values = await ValuesAsync(app, "Isfahan");
        values["Channel"] = "Api";

        var response = await expert.SubmitMultipartAsync(page.Form("[data-testid=register-form]"), values);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var shown = await Html.ParseAsync(response);
        Assert.Equal(RegisterModel.OutsideProvince, shown.GetElementById("Input_ProvinceId-error")!.TextContent.Trim());
        Assert.Equal(RegisterModel.ChannelRequired, shown.GetElementById("Channel-error")!.TextContent.Trim());
        Assert.Equal("تماس‌گیرنده ۱۱۱ درباره ثبت‌نام پرسید.", shown.GetElementById("Input_Text")!.TextContent);
        Assert.Single(page.QuerySelectorAll("#Input_ProvinceId option[value]:not([value=''])"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task ApiKeysPage_IssueShowsKeyOnceAndRevokeRefusesIt()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync(world.Admin.UserName!);
        var page = await admin.GetPageAsync("/staff/admin/api-keys");

        var issued = await Html.ParseAsync(await admin.SubmitAsync(page.Form("[data-testid=api-key-form]"), new Dictionary<string, string?> { ["Name"] = "سامانه سامد" }));
        var key = issued.QuerySelector("[data-testid=new-key-value]")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync($"/open311/v2/services.json?api_key={key}")).StatusCode);
        var list = await admin.GetPageAsync("/staff/admin/api-keys");
        Assert.Null(list.QuerySelector("[data-testid=new-key-value]"));
        Assert.DoesNotContain(key, list.Body!.InnerHtml, StringComparison.Ordinal);

        var revoked = await admin.SubmitAsync(list.Form("[data-testid=revoke-form]"));

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.CreateClient().GetAsync($"/open311/v2/services.json?api_key={key}")).StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "api-key.create" || a.Action == "api-key.revoke")));
    }
}
