using System.Net;
using System.Text.Json;
using HajDesk.Core.Requests;
using HajDesk.Web.Open311;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.PageTests.Staff;
using Microsoft.EntityFrameworkCore;
using static HajDesk.Web.Tests.Open311.Open311TestKit;

namespace HajDesk.Web.Tests.Open311;

/// <summary>The Open311 GeoReport v2 API on the real app and a real database of each provider.</summary>
public class Open311ApiTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EveryResource_JsonMatchesSchemaAndXmlSaysTheSame(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var key = await IssueKeyAsync(app);
        var client = app.CreateClient();
        var post = await PostRequestAsync(client, await ValidRequestAsync(app, key));
        var created = AssertSchema("post-service-request", await post.Content.ReadAsStringAsync());
        var id = created[0].GetProperty("service_request_id").GetString()!;
        var services = AssertSchema("services", (await GetAsync(client, $"/open311/v2/services.json?api_key={key}")).Body);
        var code = services[0].GetProperty("service_code").GetString();

        var resources = new (string Path, string Schema, string Root, string? Item)[]
        {
            ("discovery", "discovery", "discovery", null),
            ("services", "services", "services", "service"),
            ($"services/{code}", "service-definition", "service_definition", null),
            ($"requests/{id}", "service-requests", "service_requests", "request"),
            ("requests", "service-requests", "service_requests", "request"),
        };
        foreach (var (path, schema, root, item) in resources)
        {
            var json = await GetAsync(client, $"/open311/v2/{path}.json?api_key={key}");
            var xml = await GetAsync(client, $"/open311/v2/{path}.xml?api_key={key}");
            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (json.Status, xml.Status));
            AssertXmlMatchesJson(xml.Body, root, item, AssertSchema(schema, json.Body));
        }

        var again = await PostRequestAsync(client, await ValidRequestAsync(app, key), "xml");
        var errors = await GetAsync(client, "/open311/v2/services.json?api_key=wrong");
        var errorsXml = await GetAsync(client, "/open311/v2/services.xml?api_key=wrong");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("service_requests", System.Xml.Linq.XDocument.Parse(await again.Content.ReadAsStringAsync()).Root!.Name.LocalName);
        AssertXmlMatchesJson(errorsXml.Body, "errors", "error", AssertSchema("errors", errors.Body));
    }

    [Fact]
    public async Task PostRequests_RequestType_IsOptionalReadByNameAndRefusedWhenUnknown()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var key = await IssueKeyAsync(app);
        var client = app.CreateClient();
        var complaint = await ValidRequestAsync(app, key);
        complaint["attribute[request_type]"] = "شکایت";
        var unknown = await ValidRequestAsync(app, key);
        unknown["attribute[request_type]"] = "3";

        Assert.Equal(HttpStatusCode.OK, (await PostRequestAsync(client, await ValidRequestAsync(app, key))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostRequestAsync(client, complaint)).StatusCode);
        var refused = await PostRequestAsync(client, unknown);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("attribute[request_type]", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var types = await app.WithDbAsync(db => db.Requests.OrderBy(r => r.Id).Select(r => r.Type).ToListAsync());
        Assert.Equal([RequestType.Request, RequestType.Complaint], types);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PostRequests_ValidRequest_InTehranInboxFollowedUpOnWebWithOutboxAndAudit(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var world = await StaffWorld.CreateAsync(app);
        var key = await IssueKeyAsync(app, "سامانه سامد");

        var response = await PostRequestAsync(app.CreateClient(), await ValidRequestAsync(app, key), idempotencyKey: "order-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var code = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement[0].GetProperty("service_request_id").GetString()!;
        var request = await app.WithDbAsync(db => db.Requests.SingleAsync(r => r.TrackingCode == code));
        Assert.Equal((RequestChannel.Api, "محمد"), (request.Channel, request.FirstName));
        Assert.NotNull(request.ApiKeyId);
        Assert.Null(request.CreatedById);
        Assert.True(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.Channel == Core.Notifications.NotificationChannel.Sms && m.Recipient == "09121234567" && m.Template == HajDesk.Web.Notifications.MessageTemplates.RequestReceived)));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "api.request.create" && a.RequestId == request.Id && a.UserName == "api:سامانه سامد")));

        var expert = await app.SignInAsync(world.TehranExpert.UserName!);
        var inbox = await expert.GetPageAsync("/staff/inbox?channel=Api");
        Assert.Contains(TrackingCode.Format(code), inbox.QuerySelector("[data-testid=inbox-list]")!.TextContent, StringComparison.Ordinal);
        var show = await expert.GetPageAsync($"/staff/requests/{request.Id}");
        Assert.StartsWith("API", show.QuerySelector("[data-testid=channel]")!.TextContent.Trim(), StringComparison.Ordinal);

        var citizen = app.CreateClient();
        var form = (await citizen.GetDocumentAsync("/requests/track")).Form("#track-form");
        var track = await citizen.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["NationalCode"] = "0499370899",
            ["TrackingCode"] = code,
            ["CaptchaAnswer"] = HajDeskFactory.TestCaptchaCode,
        });
        var result = await Html.ParseAsync(track);
        Assert.Equal("/requests/track/result", track.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("درخواست آزمایشی از سامانه دیگر", result.Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PostRequests_SameIdempotencyKeyTwice_CreatesOneRequestAndReturnsTheFirst(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var key = await IssueKeyAsync(app);
        var client = app.CreateClient();
        var fields = await ValidRequestAsync(app, key);

        var first = await (await PostRequestAsync(client, fields, idempotencyKey: "retry-42")).Content.ReadAsStringAsync();
        var second = await (await PostRequestAsync(client, fields, idempotencyKey: "retry-42")).Content.ReadAsStringAsync();
        var other = await (await PostRequestAsync(client, fields, idempotencyKey: "retry-43")).Content.ReadAsStringAsync();

        string Id(string body) => JsonDocument.Parse(body).RootElement[0].GetProperty("service_request_id").GetString()!;
        Assert.Equal(Id(first), Id(second));
        Assert.NotEqual(Id(first), Id(other));
        Assert.Equal(2, await app.WithDbAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task AnyCall_MissingWrongOrRevokedKey_Gets403WithErrorBody()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var key = await IssueKeyAsync(app);
        var client = app.CreateClient();
        var wrong = "hdk_" + new string('A', 43);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/open311/v2/services.json?api_key={key}")).StatusCode);
        await app.WithDbAsync(async db =>
        {
            await db.ApiKeys.ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, DateTime.UtcNow));
        });

        foreach (var url in new[] { "/open311/v2/requests.json", $"/open311/v2/services.json?api_key={wrong}", $"/open311/v2/services.json?api_key={key}", $"/open311/v2/requests.xml?api_key={key}" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains(Open311Errors.KeyMissingOrWrong, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var post = await PostRequestAsync(client, await ValidRequestAsync(app, key));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        AssertSchema("errors", await post.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.Requests.CountAsync()));
    }

    public static TheoryData<string, string, string> BadPosts => new()
    {
        { "attribute[national_code]", "۰۴۹۹۳۷۰۸۹۸", "کد ملی معتبر نیست" },
        { "attribute[national_code]", new string('1', 100_000), "کد ملی معتبر نیست" },
        { "attribute[birth_date]", "12-04", Open311Errors.BirthDateFormat },
        { "attribute[birth_date]", "١٣٦٥/١٣/١٢", "این تاریخ در تقویم وجود ندارد" },
        { "attribute[province]", "99999999999999999999", "استان انتخاب‌شده معتبر نیست" },
        { "attribute[mobile]", "<script>alert(1)</script>", "شماره تلفن همراه معتبر نیست" },
        { "attribute[email]", "\"/><x>@", "ایمیل معتبر نیست" },
        { "attribute[unknown]", "1", "ویژگی «attribute[unknown]» شناخته نیست" },
        { "service_code", "999999", "کد خدمت «999999» شناخته نیست" },
        { "service_code", "1 OR 1=1", "شناخته نیست" },
        { "description", new string('ب', 4001), "متن درخواست حداکثر" },
        { "description", "   ", "متن درخواست را بنویسید" },
    };

    [Theory]
    [MemberData(nameof(BadPosts))]
    public async Task PostRequests_BadParameter_Gets400WithPersianDescriptionAndStoresNothing(string field, string value, string expected)
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var key = await IssueKeyAsync(app);
        var fields = await ValidRequestAsync(app, key);
        fields[field] = value;

        var json = await PostRequestAsync(app.CreateClient(), fields);
        var xml = await PostRequestAsync(app.CreateClient(), fields, "xml");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (json.StatusCode, xml.StatusCode));
        var body = await json.Content.ReadAsStringAsync();
        AssertSchema("errors", body);
        Assert.Contains(expected, body, StringComparison.Ordinal);
        var xmlBody = await xml.Content.ReadAsStringAsync();
        Assert.Equal("errors", System.Xml.Linq.XDocument.Parse(xmlBody).Root!.Name.LocalName);
        Assert.DoesNotContain("<script>", xmlBody, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Requests.CountAsync()));
    }

    public static TheoryData<string, HttpStatusCode, string> BadGets => new()
    {
        { "requests/123456789012.json", HttpStatusCode.BadRequest, Open311Errors.RequestIdInvalid },
        { "requests/' OR 1=1 --.json", HttpStatusCode.BadRequest, Open311Errors.RequestIdInvalid },
        { "requests.json?start_date=%DB%B2%DB%B0%DB%B2%DB%B6-01-01", HttpStatusCode.BadRequest, Open311Errors.DateInvalid },
        { "requests.json?end_date=99999-01-01", HttpStatusCode.BadRequest, Open311Errors.DateInvalid },
        { "requests.json?start_date=2026-01-01&end_date=2026-12-01", HttpStatusCode.BadRequest, Open311Errors.DateSpan },
        { "requests.json?start_date=2026-03-01&end_date=2026-02-01", HttpStatusCode.BadRequest, Open311Errors.DateOrder },
        { "requests.json?status=pending", HttpStatusCode.BadRequest, Open311Errors.StatusInvalid },
        { "requests.json?service_code=abc", HttpStatusCode.BadRequest, "کد خدمت «abc» شناخته نیست" },
        { "services/424242.json", HttpStatusCode.NotFound, "کد خدمت «424242» شناخته نیست" },
        { "services.html", HttpStatusCode.BadRequest, Open311Errors.UnknownFormat },
        { "nothing.json", HttpStatusCode.NotFound, Open311Errors.NotFound },
    };

    [Theory]
    [MemberData(nameof(BadGets))]
    public async Task Get_BadParameter_GetsErrorWithPersianDescription(string path, HttpStatusCode status, string expected)
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var key = await IssueKeyAsync(app);

        var response = await app.CreateClient().GetAsync($"/open311/v2/{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}api_key={key}");

        Assert.Equal(status, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        AssertSchema("errors", body);
        Assert.Contains(expected, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnknownTrackingCode_Gets404()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var key = await IssueKeyAsync(app);

        var response = await app.CreateClient().GetAsync($"/open311/v2/requests/{TrackingCode.New()}.xml?api_key={key}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(Open311Errors.RequestNotFound, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCall_OverTheKeysLimit_Gets429WithErrorBodyWhileOtherKeysGoOn()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?> { ["RateLimits:ApiCallsPerMinute"] = "2" });
        var busy = await IssueKeyAsync(app, "پرکار");
        var calm = await IssueKeyAsync(app, "آرام");
        var client = app.CreateClient();

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/open311/v2/services.json?api_key={busy}")).StatusCode);
        }

        var refused = await client.GetAsync($"/open311/v2/services.xml?api_key={busy}");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(1), refused.Headers.RetryAfter?.Delta);
        Assert.Contains(Open311Errors.RateLimited, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/open311/v2/services.json?api_key={calm}")).StatusCode);
    }

    [Fact]
    public async Task GetRequests_StatusFilterAndAnswer_ClosedShowsThePublishedAnswerAndNoPersonalData()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var key = await IssueKeyAsync(app);
        var answered = await app.WithDbAsync(async db =>
        {
            var open = TestRequests.Build(db);
            var done = TestRequests.Build(db, status: RequestStatus.Answered);
            done.Events.Add(new RequestEvent { Kind = RequestEventKind.Answered, At = DateTime.UtcNow, VisibleToCitizen = true, Text = "پاسخ منتشرشده" });
            db.Requests.AddRange(open, done);
            await db.SaveChangesAsync();
            return done.TrackingCode;
        });

        var closed = AssertSchema("service-requests", await (await app.CreateClient().GetAsync($"/open311/v2/requests.json?status=closed&api_key={key}")).Content.ReadAsStringAsync());
        var all = await (await app.CreateClient().GetAsync($"/open311/v2/requests.json?status=open,closed&api_key={key}")).Content.ReadAsStringAsync();

        Assert.Equal(answered, Assert.Single(closed.EnumerateArray()).GetProperty("service_request_id").GetString());
        Assert.Equal("پاسخ منتشرشده", closed[0].GetProperty("status_notes").GetString());
        Assert.Equal(2, AssertSchema("service-requests", all).GetArrayLength());
        Assert.DoesNotContain("0499370899", all, StringComparison.Ordinal);
        Assert.DoesNotContain("رضایی", all, StringComparison.Ordinal);
        Assert.DoesNotContain("09121234567", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiAndDocsPage_DescribeEveryResource()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var client = app.CreateClient();

        var document = JsonDocument.Parse(await client.GetStringAsync(Open311Endpoints.OpenApiPath)).RootElement;
        var docs = await client.GetDocumentAsync("/api/docs");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/open311/v2/requests.{format}", paths);
        Assert.Contains("/open311/v2/services/{code}", paths);
        Assert.DoesNotContain(paths, p => !p.StartsWith("/open311/v2/", StringComparison.Ordinal));
        Assert.Equal(paths.Sum(p => document.GetProperty("paths").GetProperty(p).EnumerateObject().Count()), docs.QuerySelectorAll("[data-testid=api-operation]").Length);
        Assert.DoesNotContain(docs.QuerySelectorAll("script[src]"), s => s.GetAttribute("src")!.StartsWith("http", StringComparison.Ordinal));
    }
}
