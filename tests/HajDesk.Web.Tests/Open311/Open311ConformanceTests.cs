using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using HajDesk.Core.Catalogue;
using HajDesk.Core.Requests;
using HajDesk.Web.Open311;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static HajDesk.Web.Tests.Open311.Open311TestKit;

namespace HajDesk.Web.Tests.Open311;

/// <summary>
/// GeoReport v2 as the standard says it: every endpoint walked with and without a key, in both formats, with the
/// media types discovery advertises; catalogue service codes; several service codes; the key in a header; the
/// poller's <c>updated_after</c>.
/// </summary>
public class Open311ConformanceTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private sealed record Call(string Name, HttpMethod Method, string Path, bool KeyRequired, string Schema);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EveryEndpoint_WithAndWithoutKey_AnswersAsGeoReportV2Says(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var key = await IssueKeyAsync(app);
        var client = app.CreateClient();
        var created = JsonDocument.Parse(await (await PostRequestAsync(client, await ValidRequestAsync(app, key))).Content.ReadAsStringAsync()).RootElement;
        var id = created[0].GetProperty("service_request_id").GetString()!;
        var discovery = AssertSchema("discovery", await client.GetStringAsync("/open311/v2/discovery.json"));
        var advertised = discovery.GetProperty("endpoints")[0].GetProperty("formats").EnumerateArray().Select(f => f.GetString()).ToList();
        var code = await app.WithDbAsync(db => db.Subjects.Where(s => s.Name == "سایر" && s.ParentId == null).Select(s => s.ServiceCode).SingleAsync());

        var calls = new Call[]
        {
            new("discovery", HttpMethod.Get, "discovery", false, "discovery"),
            new("service list", HttpMethod.Get, "services", false, "services"),
            new("service definition", HttpMethod.Get, $"services/{code}", false, "service-definition"),
            new("get service requests", HttpMethod.Get, "requests", true, "service-requests"),
            new("get service request", HttpMethod.Get, $"requests/{id}", true, "service-requests"),
            new("post service request", HttpMethod.Post, "requests", true, "post-service-request"),
        };
        foreach (var call in calls)
        {
            foreach (var format in new[] { "json", "xml" })
            {
                foreach (var withKey in new[] { true, false })
                {
                    var fields = await ValidRequestAsync(app, key);
                    fields.Remove("api_key");
                    var message = new HttpRequestMessage(call.Method, $"/open311/v2/{call.Path}.{format}{(withKey && call.Method == HttpMethod.Get ? "?api_key=" + key : string.Empty)}");
                    if (call.Method == HttpMethod.Post)
                    {
                        if (withKey)
                        {
                            fields["api_key"] = key;
                        }

                        message.Content = new FormUrlEncodedContent(fields);
                    }

                    var response = await client.SendAsync(message);
                    var body = await response.Content.ReadAsStringAsync();
                    var what = $"{call.Name} .{format} {(withKey ? "with" : "without")} a key";
                    var expected = withKey || !call.KeyRequired ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
                    Assert.True(expected == response.StatusCode, $"{what}: {response.StatusCode} {body}");
                    var mediaType = response.Content.Headers.ContentType!.MediaType;
                    Assert.Equal(format == "json" ? "application/json" : "text/xml", mediaType);
                    Assert.Contains(mediaType, advertised);
                    if (format == "xml")
                    {
                        Assert.NotNull(XDocument.Parse(body).Root);
                    }
                    else
                    {
                        AssertSchema(expected == HttpStatusCode.OK ? call.Schema : "errors", body);
                    }
                }
            }
        }

        // A key sent where none is needed must still be good; the header carries it as well as the parameter.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/open311/v2/services.json?api_key=hdk_wrong")).StatusCode);
        var byHeader = new HttpRequestMessage(HttpMethod.Get, $"/open311/v2/requests/{id}.json");
        byHeader.Headers.Add(Open311Api.KeyHeader, key);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(byHeader)).StatusCode);
        var postByHeader = new HttpRequestMessage(HttpMethod.Post, "/open311/v2/requests.json")
        {
            Content = new FormUrlEncodedContent((await ValidRequestAsync(app, key)).Where(f => f.Key != "api_key")),
        };
        postByHeader.Headers.Add(Open311Api.KeyHeader, key);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(postByHeader)).StatusCode);

        // Calls with a key are audited under it; the public calls without one are not.
        var audited = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.UserName == "api:سامانه آزمایشی").Select(a => a.Action).ToListAsync());
        Assert.Equal(2, audited.Count(a => a == "api.services"));
        Assert.Equal(3, audited.Count(a => a == "api.request.view"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ServiceCodes_AreTheCataloguesCodes_OldIdsStillAccepted_SeveralFilteredAtOnce(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var key = await IssueKeyAsync(app);
        var client = app.CreateClient();
        var subjects = await app.WithDbAsync(db => db.Subjects.AsNoTracking().ToListAsync());
        var other = subjects.Single(s => s.Name == "سایر" && s.ParentId == null);
        await app.WithDbAsync(db => db.Subjects.Where(s => s.Id == other.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.ServiceCode, "HD-OTHER")));

        var services = AssertSchema("services", await client.GetStringAsync("/open311/v2/services.json"));
        var codes = services.EnumerateArray().Select(s => s.GetProperty("service_code").GetString()!).ToList();
        Assert.All(codes, c => Assert.True(ServiceCode.TryNormalize(c, out var n) && n == c, c));
        Assert.Contains("HD-OTHER", codes);
        Assert.Equal(codes.Count, codes.Distinct().Count());

        // The definition by catalogue code (any case) and by the old id says the same.
        var byCode = await client.GetStringAsync("/open311/v2/services/hd-other.json");
        var byId = await client.GetStringAsync($"/open311/v2/services/{other.Id.ToString(CultureInfo.InvariantCulture)}.json");
        Assert.Equal(byCode, byId);
        Assert.Equal("HD-OTHER", AssertSchema("service-definition", byCode).GetProperty("service_code").GetString());

        var fields = await ValidRequestAsync(app, key);
        fields["service_code"] = "HD-OTHER";
        Assert.Equal(HttpStatusCode.OK, (await PostRequestAsync(client, fields)).StatusCode);
        var second = subjects.First(s => s.ParentId != null && s.IsActive && !s.AttachmentRequired);
        var third = subjects.Last(s => s.ParentId != null && s.IsActive && !s.AttachmentRequired && s.Id != second.Id);
        await app.WithDbAsync(async db =>
        {
            foreach (var subject in new[] { second, third })
            {
                var request = TestRequests.Build(db);
                (request.SubjectId, request.SubSubjectId) = (subject.ParentId!.Value, subject.Id);
                db.Requests.Add(request);
            }

            await db.SaveChangesAsync();
        });

        var both = AssertSchema("service-requests", await client.GetStringAsync($"/open311/v2/requests.json?api_key={key}&service_code=HD-OTHER,{second.Id}"));
        Assert.Equal(new[] { "HD-OTHER", second.ServiceCode }.Order(StringComparer.Ordinal), both.EnumerateArray().Select(r => r.GetProperty("service_code").GetString()).Order(StringComparer.Ordinal));
        var unknown = await client.GetAsync($"/open311/v2/requests.json?api_key={key}&service_code=HD-OTHER,NOPE-1");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("NOPE-1", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task UpdatedAfter_GivesWhatChangedSince_OldestChangeFirst_WhateverItsSubmissionDate(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var key = await IssueKeyAsync(app);
        var now = DateTime.UtcNow;
        var (oldButChanged, recent, quiet) = await app.WithDbAsync(async db =>
        {
            var a = TestRequests.Build(db, createdAt: now.AddDays(-200), status: RequestStatus.Answered);
            a.UpdatedAt = now.AddHours(-1);
            var b = TestRequests.Build(db, createdAt: now.AddDays(-2));
            b.UpdatedAt = now.AddHours(-2);
            var c = TestRequests.Build(db, createdAt: now.AddDays(-3));
            c.UpdatedAt = now.AddDays(-3);
            db.Requests.AddRange(a, b, c);
            await db.SaveChangesAsync();
            return (a.TrackingCode, b.TrackingCode, c.TrackingCode);
        });
        static string Iso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var since = Iso(now.AddDays(-1));
        var client = app.CreateClient();

        var changed = AssertSchema("service-requests", await client.GetStringAsync($"/open311/v2/requests.json?api_key={key}&updated_after={since}"));
        var window = AssertSchema("service-requests", await client.GetStringAsync(
            $"/open311/v2/requests.json?api_key={key}&updated_after={since}&updated_before={Iso(now.AddMinutes(-90))}"));
        var plain = AssertSchema("service-requests", await client.GetStringAsync($"/open311/v2/requests.json?api_key={key}"));

        static List<string?> Ids(JsonElement list) => [.. list.EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString())];
        Assert.Equal([recent, oldButChanged], Ids(changed));
        Assert.Equal([recent], Ids(window));
        Assert.Equal([recent, quiet], Ids(plain));
        var bad = await client.GetAsync($"/open311/v2/requests.json?api_key={key}&updated_after=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains(Open311Errors.UpdatedInvalid, await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicCalls_WithoutKey_AreLimitedPerAddressWithRetryAfter()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?> { ["RateLimits:ApiCallsPerMinute"] = "2" });
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/open311/v2/services.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/open311/v2/services.xml")).StatusCode);
        var refused = await client.GetAsync("/open311/v2/services.json");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(1), refused.Headers.RetryAfter?.Delta);
        Assert.Contains(Open311Errors.RateLimited, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
