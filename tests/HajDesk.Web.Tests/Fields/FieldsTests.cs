using System.Globalization;
using System.Net;
using HajDesk.Core.Fields;
using HajDesk.Core.Persian;
using HajDesk.Core.Reports;
using HajDesk.Core.Requests;
using HajDesk.Web.Staff;
using HajDesk.Web.Tests.Exports;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.Open311;
using HajDesk.Web.Tests.PageTests.Requests;
using HajDesk.Web.Tests.PageTests.Staff;
using HajDesk.Web.Tests.PageTests.Staff.Admin;
using HajDesk.Web.Tests.Reports;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.Fields;

/// <summary>
/// Fields per subject (issue 26 item 1): the administrators' page, the citizen's form, staff registration, the staff
/// request page, the follow-up page, the exports, Open311 and the report grouping — on both providers where data
/// is read or written.
/// </summary>
public class FieldsTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private const string Hajj = "حج تمتع";

    private const string Dispatch = "اعزام، کاروان و خدمات";

    /// <summary>The fields of the tests: «نوع سفر» (choice) on حج تمتع; «کد کاروان» (required text), «شماره فیش ثبت‌نام» (number) and «تاریخ اعزام» (date) on its sub-subject اعزام.</summary>
    private sealed record World(int HajjId, int DispatchId, int Travel, int Caravan, int Receipt, int Departure);

    private static async Task<World> DefineAsync(HajDeskFactory app) => await app.WithDbAsync(async db =>
    {
        var hajj = await db.Subjects.SingleAsync(s => s.Name == Hajj && s.ParentId == null);
        var dispatch = await db.Subjects.SingleAsync(s => s.Name == Dispatch && s.ParentId == hajj.Id);
        var travel = new SubjectField { SubjectId = hajj.Id, Label = "نوع سفر", Kind = FieldKind.Choice, Options = "هوایی\nزمینی", DisplayOrder = 1 };
        var caravan = new SubjectField { SubjectId = dispatch.Id, Label = "کد کاروان", Kind = FieldKind.Text, IsRequired = true, HelpText = "روی کارت کاروان", DisplayOrder = 1 };
        var receipt = new SubjectField { SubjectId = dispatch.Id, Label = "شماره فیش ثبت‌نام", Kind = FieldKind.Number, DisplayOrder = 2 };
        var departure = new SubjectField { SubjectId = dispatch.Id, Label = "تاریخ اعزام", Kind = FieldKind.Date, DisplayOrder = 3 };
        db.SubjectFields.AddRange(travel, caravan, receipt, departure);
        await db.SaveChangesAsync();
        return new World(hajj.Id, dispatch.Id, travel.Id, caravan.Id, receipt.Id, departure.Id);
    });

    private static string Name(int fieldId) => $"Input.Fields[{fieldId.ToString(CultureInfo.InvariantCulture)}]";

    private static string Id(int fieldId) => $"Input_Fields_{fieldId.ToString(CultureInfo.InvariantCulture)}_";

    private static string Invariant(int id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Admin_AddsFieldsFromTheSubjectsRow_ChangesAndRetiresThem_Audited()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        var dispatch = await app.WithDbAsync(db => db.Subjects.Where(s => s.Name == Dispatch).Select(s => s.Id).SingleAsync());
        var url = $"/staff/admin/subjects/{dispatch}/fields";

        var subjects = await admin.GetPageAsync("/staff/admin/subjects");
        Assert.Contains(subjects.QuerySelectorAll("a[data-testid=fields-link]"), a => a.GetAttribute("href") == url && a.TextContent.Trim() == "فیلدهای درخواست");

        // Bad definitions come back with Persian messages and what was typed.
        var bad = await (await admin.PostPageFormAsync(url, "[data-testid=add-field-form]", new Dictionary<string, string?>
        {
            ["NewField.Label"] = "",
            ["NewField.Kind"] = "Choice",
            ["NewField.HelpText"] = "<script>alert(1)</script>",
            ["NewField.Options"] = "فقط یکی",
        })).AssertPageAsync(HttpStatusCode.BadRequest);
        Assert.Equal("عنوان فیلد را بنویسید.", bad.TextOf("#NewField_Label-error"));
        Assert.StartsWith("برای فیلد فهرستی دست‌کم دو گزینه", bad.TextOf("#NewField_Options-error"));
        Assert.Equal("<script>alert(1)</script>", bad.QuerySelector("#NewField_HelpText")!.GetAttribute("value"));
        var forged = await (await admin.PostPageFormAsync(url, "[data-testid=add-field-form]", new Dictionary<string, string?>
        {
            ["NewField.Label"] = "کد",
            ["NewField.Kind"] = "Everything",
        })).AssertPageAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("نوع فیلد را انتخاب کنید", forged.TextOf("#NewField_Kind-error"));

        await (await admin.PostPageFormAsync(url, "[data-testid=add-field-form]", new Dictionary<string, string?>
        {
            ["NewField.Label"] = "کد كاروان",
            ["NewField.Kind"] = "Text",
            ["NewField.IsRequired"] = "true",
        })).AssertRedirectAsync();
        await (await admin.PostPageFormAsync(url, "[data-testid=add-field-form]", new Dictionary<string, string?>
        {
            ["NewField.Label"] = "نوع سفر",
            ["NewField.Kind"] = "Choice",
            ["NewField.Options"] = "هوایی\r\nزمینی",
        })).AssertRedirectAsync();

        var fields = await app.WithDbAsync(db => db.SubjectFields.Where(f => f.SubjectId == dispatch).OrderBy(f => f.DisplayOrder).ToListAsync());
        Assert.Equal([("کد کاروان", FieldKind.Text, true, 1), ("نوع سفر", FieldKind.Choice, false, 2)],
            fields.Select(f => (f.Label, f.Kind, f.IsRequired, f.DisplayOrder)));
        Assert.Equal(["هوایی", "زمینی"], fields[1].OptionList);

        // Renamed and retired through its own form (the kind cannot change).
        var page = await admin.GetPageAsync(url);
        var form = page.Form($"[data-testid=field-form][data-field-id='{fields[0].Id}']");
        await (await admin.PostFormAsync(form, new Dictionary<string, string?>
        {
            ["EditedField.Label"] = "شناسه کاروان",
            ["EditedField.IsActive"] = null,
            ["EditedField.DisplayOrder"] = "۳",
        })).AssertRedirectAsync();
        var retired = await app.WithDbAsync(db => db.SubjectFields.SingleAsync(f => f.Id == fields[0].Id));
        Assert.Equal(("شناسه کاروان", false, FieldKind.Text, 3), (retired.Label, retired.IsActive, retired.Kind, retired.DisplayOrder));
        Assert.NotNull((await admin.GetPageAsync(url)).QuerySelector($"[data-field-id='{fields[0].Id}'] [data-testid=retired]"));

        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action.StartsWith("field.")).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal([AuditActions.FieldCreate, AuditActions.FieldCreate, AuditActions.FieldUpdate], audit.Select(a => a.Action));
        Assert.Contains("بازنشسته", audit[2].Details, StringComparison.Ordinal);

        var expert = await app.SignInAsync("tehran.expert");
        Assert.NotEqual(HttpStatusCode.OK, (await expert.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/staff/admin/subjects/999999/fields")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_AsksTheSubjectsFields_ChecksThemInPersian_StoresThem_AndKeepsThemAfterARenameAndRetirement(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var world = await DefineAsync(app);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await SendPage.OpenAsync(client);
        var chosen = new Dictionary<string, string?> { ["Input.SubjectId"] = Invariant(world.HajjId), ["Input.SubSubjectId"] = Invariant(world.DispatchId) };

        // Without JavaScript, the guide's step shows the fields: the main subject's first.
        Assert.Equal(HttpStatusCode.OK, (await page.PostAsync(page.ValidValues(chosen), handler: "Guide")).StatusCode);
        Assert.Equal(["نوع سفر", "کد کاروان (الزامی)", "شماره فیش ثبت‌نام", "تاریخ اعزام"],
            page.Document.QuerySelectorAll("[data-testid=request-field] label").Select(l => l.TextContent.Replace("*", "", StringComparison.Ordinal).Trim().Replace("  ", " ", StringComparison.Ordinal)));
        Assert.Equal("روی کارت کاروان", page.Document.GetElementById(Id(world.Caravan) + "-help")!.TextContent.Trim());

        // Wrong values: Persian messages, what was typed kept, nothing stored.
        var wrong = page.ValidValues(new Dictionary<string, string?>(chosen)
        {
            [Name(world.Caravan)] = " ",
            [Name(world.Receipt)] = "دوازده",
            [Name(world.Departure)] = "۱۴۰۴/۱۲/۳۰",
            [Name(world.Travel)] = "دریایی",
        });
        Assert.Equal(HttpStatusCode.BadRequest, (await page.PostAsync(wrong)).StatusCode);
        Assert.Equal("«کد کاروان» را وارد کنید.", page.FieldError(Id(world.Caravan)));
        Assert.StartsWith("«شماره فیش ثبت‌نام» باید عدد باشد", page.FieldError(Id(world.Receipt)));
        Assert.Contains("تاریخ درستی نیست", page.FieldError(Id(world.Departure)), StringComparison.Ordinal);
        Assert.Contains("در فهرست نیست", page.FieldError(Id(world.Travel)), StringComparison.Ordinal);
        Assert.Equal("دوازده", page.Document.GetElementById(Id(world.Receipt))!.GetAttribute("value"));
        Assert.Equal("true", page.Document.GetElementById(Id(world.Receipt))!.GetAttribute("aria-invalid"));
        Assert.Contains("«کد کاروان» را وارد کنید.", page.SummaryErrors);
        Assert.Equal(0, await app.WithDbAsync(db => db.Requests.CountAsync()));

        var right = page.ValidValues(new Dictionary<string, string?>(chosen)
        {
            [Name(world.Caravan)] = "کاروان ۱۲۳ <b>",
            [Name(world.Receipt)] = "۱۲٬۳۴۵",
            [Name(world.Departure)] = "١٤٠٤/٣/١٥",
            [Name(world.Travel)] = "زمینی",
        });
        Assert.Equal(HttpStatusCode.Redirect, (await page.PostAsync(right)).StatusCode);
        var request = await app.WithDbAsync(db => db.Requests.Include(r => r.FieldValues).SingleAsync());
        Assert.Equal(
            [("نوع سفر", FieldKind.Choice, "زمینی"), ("کد کاروان", FieldKind.Text, "کاروان ۱۲۳ <b>"), ("شماره فیش ثبت‌نام", FieldKind.Number, "12345"), ("تاریخ اعزام", FieldKind.Date, "1404/03/15")],
            request.FieldValues.OrderBy(v => v.DisplayOrder).Select(v => (v.Label, v.Kind, v.Value)));

        // The administrator renames «کد کاروان» and retires it: new forms no longer ask it, the request keeps it.
        await app.WithDbAsync(async db =>
        {
            var caravan = await db.SubjectFields.SingleAsync(f => f.Id == world.Caravan);
            (caravan.Label, caravan.IsActive) = ("شناسه کاروان", false);
            await db.SaveChangesAsync();
        });
        var fresh = await SendPage.OpenAsync(client);
        await fresh.PostAsync(fresh.ValidValues(chosen), handler: "Guide");
        Assert.Null(fresh.Document.GetElementById(Id(world.Caravan)));
        Assert.NotNull(fresh.Document.GetElementById(Id(world.Receipt)));

        var staff = await StaffWorld.CreateAsync(app);
        var expert = await app.SignInAsync(staff.TehranExpert.UserName!);
        var shown = await expert.GetPageAsync($"/staff/requests/{request.Id}");
        var values = shown.QuerySelectorAll("[data-testid=field-values] dt").Zip(shown.QuerySelectorAll("[data-testid=field-values] dd"))
            .Select(p => (p.First.TextContent.Trim(), p.Second.TextContent.Trim())).ToList();
        Assert.Equal([("نوع سفر", "زمینی"), ("کد کاروان", "کاروان ۱۲۳ <b>"), ("شماره فیش ثبت‌نام", "۱۲۳۴۵"), ("تاریخ اعزام", "۱۴۰۴/۰۳/۱۵")], values);
        Assert.Contains("&lt;b&gt;", shown.QuerySelector("[data-testid=field-values]")!.InnerHtml, StringComparison.Ordinal);

        var citizen = app.CreateClient();
        var track = await citizen.SubmitAsync((await citizen.GetDocumentAsync("/requests/track")).Form("#track-form"), new Dictionary<string, string?>
        {
            ["NationalCode"] = "0499370899",
            ["TrackingCode"] = request.TrackingCode,
            ["CaptchaAnswer"] = HajDeskFactory.TestCaptchaCode,
        });
        var followUp = await Html.ParseAsync(track);
        Assert.Equal(["نوع سفر", "کد کاروان", "شماره فیش ثبت‌نام", "تاریخ اعزام"],
            followUp.QuerySelectorAll("[data-testid=field-values] dt").Select(d => d.TextContent.Trim()));
    }

    [Fact]
    public async Task StaffRegister_ShowsTheFieldsWithoutScript_ChecksAndStoresThem()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await DefineAsync(app);
        var staff = await StaffWorld.CreateAsync(app);
        var expert = await app.SignInAsync(staff.TehranExpert.UserName!);
        var page = await expert.GetPageAsync("/staff/requests/register");
        Assert.Empty(page.QuerySelectorAll("[data-testid=request-field]"));
        var values = new Dictionary<string, string?>
        {
            ["Channel"] = nameof(RequestChannel.Phone111),
            ["Input.BirthDay"] = "۱۲",
            ["Input.BirthMonth"] = "4",
            ["Input.BirthYear"] = "۱۳۶۵",
            ["Input.NationalCode"] = "0499370899",
            ["Input.ProvinceId"] = Invariant(await app.WithDbAsync(db => db.Provinces.Where(p => p.Code == "Tehran").Select(p => p.Id).SingleAsync())),
            ["Input.Mobile"] = "09121234567",
            ["Input.SubjectId"] = Invariant(world.HajjId),
            ["Input.SubSubjectId"] = Invariant(world.DispatchId),
            ["Input.Text"] = "تماس‌گیرنده درباره اعزام پرسید.",
        };

        var shown = await Html.ParseAsync(await Html.SubmitMultipartAsync(expert, page.Form("[data-testid=register-form]"), values, null, "/staff/requests/register?handler=Fields"));
        Assert.Equal(4, shown.QuerySelectorAll("[data-testid=request-field]").Length);
        Assert.Equal("تماس‌گیرنده درباره اعزام پرسید.", shown.GetElementById("Input_Text")!.TextContent);

        var refused = await StaffClient.SubmitMultipartAsync(expert, shown.Form("[data-testid=register-form]"), values);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var again = await Html.ParseAsync(refused);
        Assert.Equal("«کد کاروان» را وارد کنید.", again.GetElementById(Id(world.Caravan) + "-error")!.TextContent.Trim());

        values[Name(world.Caravan)] = "K-۷۷";
        values[Name(world.Departure)] = "1404/01/05";
        Assert.Equal(HttpStatusCode.Redirect, (await StaffClient.SubmitMultipartAsync(expert, again.Form("[data-testid=register-form]"), values)).StatusCode);
        var stored = await app.WithDbAsync(db => db.RequestFieldValues.OrderBy(v => v.DisplayOrder).Select(v => new { v.FieldId, v.Value }).ToListAsync());
        Assert.Equal([(world.Caravan, "K-۷۷"), (world.Departure, "1404/01/05")], stored.Select(v => (v.FieldId!.Value, v.Value)));

        // The scripts' fragment: the same partial.
        var fragment = await app.CreateClient().GetAsync($"/requests/fields?subject={world.HajjId}&sub={world.DispatchId}");
        Assert.Equal(4, (await Html.ParseAsync(fragment)).QuerySelectorAll("[data-testid=request-field]").Length);
        Assert.Equal(HttpStatusCode.NoContent, (await app.CreateClient().GetAsync($"/requests/fields?subject={world.DispatchId}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Open311_ListsTheFieldsAsAttributesWithStandardDatatypes_AndPostChecksAndStoresThem(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var world = await DefineAsync(app);
        var code = await app.WithDbAsync(db => db.Subjects.Where(s => s.Id == world.DispatchId).Select(s => s.ServiceCode!).SingleAsync());
        var client = app.CreateClient();

        var json = await client.GetStringAsync($"/open311/v2/services/{code}.json");
        var definition = Open311TestKit.AssertSchema("service-definition", json);
        Open311TestKit.AssertXmlMatchesJson(await client.GetStringAsync($"/open311/v2/services/{code}.xml"), "service_definition", null, definition);
        var attributes = definition.GetProperty("attributes").EnumerateArray().ToList();
        var fields = attributes.Where(a => a.GetProperty("code").GetString()!.StartsWith("field_", StringComparison.Ordinal))
            .Select(a => (a.GetProperty("code").GetString(), a.GetProperty("datatype").GetString(), a.GetProperty("required").GetBoolean(), a.GetProperty("description").GetString()))
            .ToList();
        Assert.Equal(
            [($"field_{world.Travel}", "singlevaluelist", false, "نوع سفر"), ($"field_{world.Caravan}", "string", true, "کد کاروان"),
                ($"field_{world.Receipt}", "number", false, "شماره فیش ثبت‌نام"), ($"field_{world.Departure}", "datetime", false, "تاریخ اعزام")],
            fields);
        var travel = attributes.Single(a => a.GetProperty("code").GetString() == $"field_{world.Travel}");
        Assert.Equal(["هوایی", "زمینی"], travel.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("key").GetString()));
        var services = Open311TestKit.AssertSchema("services", await client.GetStringAsync("/open311/v2/services.json"));
        Assert.True(services.EnumerateArray().Single(s => s.GetProperty("service_code").GetString() == code).GetProperty("metadata").GetBoolean());

        var key = await Open311TestKit.IssueKeyAsync(app);
        var request = await Open311TestKit.ValidRequestAsync(app, key);
        request["service_code"] = code;
        request[$"attribute[field_{world.Receipt}]"] = "abc";
        request[$"attribute[field_{world.Travel}]"] = "forged";
        request[$"attribute[field_{world.Departure}]"] = "2025-06-05";
        var refused = await Open311TestKit.PostRequestAsync(client, request);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = Open311TestKit.AssertSchema("errors", await refused.Content.ReadAsStringAsync());
        var descriptions = errors.EnumerateArray().Select(e => e.GetProperty("description").GetString()!).ToList();
        Assert.Contains(descriptions, d => d.StartsWith("«کد کاروان» را وارد کنید.", StringComparison.Ordinal) && d.Contains($"attribute[field_{world.Caravan}]", StringComparison.Ordinal));
        Assert.Contains(descriptions, d => d.Contains("باید عدد باشد", StringComparison.Ordinal) && d.Contains($"attribute[field_{world.Receipt}]", StringComparison.Ordinal));
        Assert.Contains(descriptions, d => d.Contains("در فهرست نیست", StringComparison.Ordinal));

        request[$"attribute[field_{world.Caravan}]"] = "۴۴۲";
        request[$"attribute[field_{world.Receipt}]"] = "۹۸";
        request[$"attribute[field_{world.Travel}]"] = "هوایی";
        var created = await Open311TestKit.PostRequestAsync(client, request);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var stored = await app.WithDbAsync(db => db.RequestFieldValues.OrderBy(v => v.DisplayOrder).Select(v => v.Value).ToListAsync());
        // 2025-06-05 is 15 Khordad 1404.
        Assert.Equal(["هوایی", "۴۴۲", "98", "1404/03/15"], stored);

        request[$"attribute[field_{world.HajjId * 1000}]"] = "x";
        var unknown = await Open311TestKit.PostRequestAsync(client, request, idempotencyKey: "other");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ReportByChoiceField_AgreesWithHandWrittenSql_AndTheExportsCarryTheValues(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        await ReportSeed.SeedAsync(app, 200);
        var world = await DefineAsync(app);
        // Requests of حج تمتع answer «نوع سفر» in turn: هوایی, زمینی, an option since removed, or nothing.
        await app.WithDbAsync(async db =>
        {
            var ids = await db.Requests.Where(r => r.SubjectId == world.HajjId).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync();
            string?[] answers = ["هوایی", "زمینی", "هوایی", "دریایی", null];
            for (var i = 0; i < ids.Count; i++)
            {
                if (answers[i % answers.Length] is { } answer)
                {
                    db.RequestFieldValues.Add(new RequestFieldValue { RequestId = ids[i], FieldId = world.Travel, Label = "نوع سفر", Kind = FieldKind.Choice, Value = answer, DisplayOrder = 1 });
                }
            }

            await db.SaveChangesAsync();
        });
        var field = await app.WithDbAsync(db => db.SubjectFields.AsNoTracking().SingleAsync(f => f.Id == world.Travel));
        var range = JalaliDateRange.Parse("1403/10/01", "1404/12/29");

        var report = await app.WithDbAsync(db => ReportQueriesTests.Queries(db).ComputeByFieldAsync(
            new ReportFilter(range, null, null, null, ReportFilter.ForStaff(ReportQueriesTests.Admin)), field));

        var key = $"COALESCE((SELECT v.\"Value\" FROM \"RequestFieldValues\" v WHERE v.\"RequestId\" = \"Requests\".\"Id\" AND v.\"FieldId\" = {world.Travel}), '')";
        var expected = await app.WithDbAsync(db => ReportQueriesTests.CountBySqlAsync(db, key, range.StartUtc!.Value, range.EndUtc!.Value,
            $" AND (\"SubjectId\" = {world.HajjId} OR \"SubSubjectId\" = {world.HajjId})"));
        Assert.Equal(["هوایی", "زمینی", "دریایی", ""], report.Rows.Select(r => r.Key));
        Assert.Equal("بدون پاسخ", report.Rows[^1].Label);
        Assert.True(expected.Count == 4 && expected.Values.All(c => c.Received > 0), string.Join(", ", expected.Keys));
        foreach (var row in report.Rows)
        {
            ReportQueriesTests.AssertSame(expected[row.Key], row.Figures);
        }

        ReportQueriesTests.AssertSame(expected.Values.Aggregate(ReportQueriesTests.Add), report.Total);

        // With the finished months summarised, «بدون پاسخ» is the subject's total from the summary less the answered
        // rows counted live: the same figures.
        Assert.True(await app.WithDbAsync(db => ReportSummary.RefreshAsync(db, ReportQueriesTests.Now)) > 0);
        var summarised = await app.WithDbAsync(db => ReportQueriesTests.Queries(db).ComputeByFieldAsync(
            new ReportFilter(range, null, null, null, ReportFilter.ForStaff(ReportQueriesTests.Admin)), field));
        Assert.Equal(report.Rows.Select(r => r.Key), summarised.Rows.Select(r => r.Key));
        foreach (var row in summarised.Rows)
        {
            ReportQueriesTests.AssertSame(expected[row.Key], row.Figures);
        }

        // The dashboard offers the field as a view; the inbox's export has the values.
        var staff = await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync(staff.Admin.UserName!);
        var dashboard = await admin.GetPageAsync($"/staff/reports?From=1403/10/01&To=1404/12/29&View=field-{world.Travel}");
        Assert.Equal(["هوایی", "زمینی", "دریایی", "بدون پاسخ"],
            dashboard.QuerySelectorAll("[data-testid=report-rows] tbody th").Select(t => t.TextContent.Trim()));
        Assert.Equal(PersianText.ToPersianDigits(Invariant(report.Total.Received)),
            dashboard.QuerySelector("[data-testid=report-total] tbody td")!.TextContent.Trim());

        var csv = ExportFiles.ReadCsv(await (await admin.GetAsync("/staff/inbox?handler=export&format=csv")).Content.ReadAsByteArrayAsync());
        var column = Array.IndexOf(csv[0], "فیلدهای درخواست");
        Assert.True(column > 0);
        var answers = await app.WithDbAsync(db => db.RequestFieldValues.Where(v => v.FieldId == world.Travel)
            .Select(v => new { v.Request!.TrackingCode, v.Value }).ToListAsync());
        var byCode = answers.ToDictionary(a => PersianText.ToPersianDigits(a.TrackingCode), a => "نوع سفر: " + a.Value);
        var exported = csv.Skip(1).Where(row => row[column].Length > 0).ToList();
        Assert.NotEmpty(exported);
        Assert.All(exported, row => Assert.Equal(byCode[row[0]], row[column]));
        Assert.All(csv.Skip(1).Where(row => byCode.ContainsKey(row[0])), row => Assert.NotEmpty(row[column]));
        var xlsx = ExportFiles.ReadXlsx(await (await admin.GetAsync("/staff/inbox?handler=export&format=xlsx")).Content.ReadAsByteArrayAsync());
        Assert.Contains(xlsx.Values.Single().Skip(1), row => row.Contains("نوع سفر: دریایی"));
    }
}
