using System.Net;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests;
using HajDesk.Web.Exports;
using HajDesk.Web.Staff;
using HajDesk.Web.Tests.Exports;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HajDesk.Web.Tests.PageTests.Staff;

public class InboxExportTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static async Task<byte[]> DownloadAsync(HttpClient client, string url, string extension)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}");
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Matches($"^requests-1[34][0-9]{{2}}-[01][0-9]-[0-3][0-9]\\.{extension}$", disposition.FileName!.Trim('"'));
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static Task<List<Core.Audit.AuditEntry>> ExportAuditAsync(HajDeskFactory app) =>
        app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.InboxExport).OrderBy(a => a.Id).ToListAsync());

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ExportCsv_Supervisor_GetsTheirProvinceMaskedAndAudited(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var world = await StaffWorld.CreateAsync(app);
        var first = await world.Data.CreateRequestAsync("Tehran", world.SubjectX, configure: r =>
        {
            r.NationalCode = "0012345678";
            r.FirstName = "=HYPERLINK(\"http://example.test\",\"x\")";
            r.Rating = 4;
            r.CreatedAt = DateTime.UtcNow.AddMinutes(-5);
        });
        var second = await world.Data.CreateRequestAsync("Tehran", world.SubjectY, configure: r => r.AssignedToId = world.TehranExpert.Id);
        await world.Data.CreateRequestAsync("Isfahan", world.SubjectX);
        var client = await app.SignInAsync("tehran.supervisor");
        var inbox = await client.GetPageAsync("/staff/inbox");
        var link = inbox.QuerySelectorAll("[data-testid=export-links] a").Select(a => a.GetAttribute("href")!).Single(h => h.EndsWith("csv", StringComparison.Ordinal));

        var rows = ExportFiles.ReadCsv(await DownloadAsync(client, link, "csv"));

        Assert.Equal(RequestExport.Columns(false).Select(c => c.Header), rows[0]);
        Assert.Equal(
            [PersianText.ToPersianDigits(second.TrackingCode), PersianText.ToPersianDigits(first.TrackingCode)],
            rows.Skip(1).Select(r => r[0]));
        var firstRow = rows[2];
        Assert.Equal("۰۰۱۲****۷۸", firstRow[11]);
        Assert.Equal("۰۹۱۲*****۶۷", firstRow[13]);
        Assert.StartsWith("'=HYPERLINK(", firstRow[12], StringComparison.Ordinal);
        Assert.Equal("4", firstRow[14]);
        Assert.Equal("تهران", firstRow[3]);
        Assert.Equal(RequestExport.Date(first.CreatedAt), firstRow[1]);
        Assert.Equal("همکار tehran.expert", rows[1][10]);
        var audit = Assert.Single(await ExportAuditAsync(app));
        Assert.Equal("tehran.supervisor", audit.UserName);
        Assert.Contains("۲ ردیف", audit.Details, StringComparison.Ordinal);
        Assert.Contains("بدون فیلتر", audit.Details, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ExportXlsx_Administrator_GetsEveryProvinceInClear(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var world = await StaffWorld.CreateAsync(app);
        var tehran = await world.Data.CreateRequestAsync("Tehran", configure: r => r.NationalCode = "0012345678");
        var isfahan = await world.Data.CreateRequestAsync("Isfahan", configure: r => r.Status = RequestStatus.Answered);
        var client = await app.SignInAsync("admin.test");

        var sheets = ExportFiles.ReadXlsx(await DownloadAsync(client, "/staff/inbox?handler=export&format=xlsx", "xlsx"));

        var rows = sheets[InboxExport.SheetName];
        Assert.Equal(RequestExport.Columns(true).Select(c => c.Header), rows[0]);
        Assert.Equal(3, rows.Count);
        Assert.Equal(PersianText.ToPersianDigits(isfahan.TrackingCode), rows[1][0]);
        Assert.Equal("پاسخ داده شده", rows[1][8]);
        Assert.Equal("۰۰۱۲۳۴۵۶۷۸", rows[2][11]);
        Assert.Equal("۰۹۱۲۱۲۳۴۵۶۷", rows[2][13]);
        Assert.Equal(PersianText.ToPersianDigits(tehran.TrackingCode), rows[2][0]);
        Assert.Contains("۲ ردیف", Assert.Single(await ExportAuditAsync(app)).Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_Filters_AreTheInboxFilters()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var answered = await world.Data.CreateRequestAsync("Tehran", world.SubjectY, configure: r => r.Status = RequestStatus.Answered);
        await world.Data.CreateRequestAsync("Tehran", world.SubjectY);
        await world.Data.CreateRequestAsync("Tehran", world.SubjectX, configure: r => r.Status = RequestStatus.Answered);
        var client = await app.SignInAsync("tehran.expert");
        var inbox = await client.GetPageAsync($"/staff/inbox?status=Answered&subject={world.SubjectY}");
        var link = inbox.QuerySelectorAll("[data-testid=export-links] a").Select(a => a.GetAttribute("href")!).Single(h => h.EndsWith("csv", StringComparison.Ordinal));

        var rows = ExportFiles.ReadCsv(await DownloadAsync(client, link, "csv"));

        Assert.Equal([PersianText.ToPersianDigits(answered.TrackingCode)], rows.Skip(1).Select(r => r[0]));
        Assert.Contains("وضعیت: پاسخ داده شده", Assert.Single(await ExportAuditAsync(app)).Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_ForgedValues_NeverLeaveTheScope()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        await world.Data.CreateRequestAsync("Isfahan", world.SubjectY);
        var isfahanId = await world.Data.ProvinceIdAsync("Isfahan");
        var client = await app.SignInAsync("tehran.supervisor");

        // A province parameter the inbox does not have is ignored; the scope is the account's, not the address's.
        var rows = ExportFiles.ReadCsv(await DownloadAsync(client, $"/staff/inbox?handler=export&format=csv&province={isfahanId}&provinceId={isfahanId}&subject={world.SubjectY}", "csv"));
        Assert.Single(rows);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/staff/inbox?handler=export&format=pdf")).StatusCode);
        var badStatus = await client.GetAsync("/staff/inbox?handler=export&format=csv&status=Everything");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        var badDate = await client.GetAsync("/staff/inbox?handler=export&format=xlsx&from=" + Uri.EscapeDataString("۱۴۰۴/۱۳/۴۰"));
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Contains("تاریخ درستی نیست", await badDate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(await ExportAuditAsync(app));
        var anonymous = await app.NewClient().GetAsync("/staff/inbox?handler=export&format=csv");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }

    [Fact]
    public async Task Export_OverTheHourlyLimit_IsRefusedWith429()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?> { ["RateLimits:ExportsPerHour"] = "2" });
        var world = await StaffWorld.CreateAsync(app);
        await world.Data.CreateRequestAsync("Tehran");
        var client = await app.SignInAsync("tehran.expert");
        const string url = "/staff/inbox?handler=export&format=csv";

        await DownloadAsync(client, url, "csv");
        await DownloadAsync(client, url, "csv");
        var refused = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(2, (await ExportAuditAsync(app)).Count);
        // Another person's share is their own.
        await DownloadAsync(await app.SignInAsync("tehran.supervisor"), url, "csv");
    }

    [Fact]
    public async Task Send_ClientGoneMidway_AuditsTheRowsSentAsUnfinished()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var export = scope.ServiceProvider.GetRequiredService<TableExport>();
        using var aborted = new CancellationTokenSource();
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestAborted = aborted.Token };
        http.Response.Body = new MemoryStream();

        async IAsyncEnumerable<int> Rows()
        {
            for (var i = 1; i <= 3; i++)
            {
                await Task.Yield();
                yield return i;
            }

            // The database query is cancelled with the request when the client goes away.
            await aborted.CancelAsync();
            aborted.Token.ThrowIfCancellationRequested();
        }

        var sent = await export.SendAsync(http, new ExportRequest(AuditActions.InboxExport, "requests", ExportFormat.Csv, "بدون فیلتر"),
            ExportSheet.Of<int>("ردیف‌ها", [new("شماره", i => ExportCell.Of(i))], Rows()));

        Assert.Equal(3, sent);
        var audit = Assert.Single(await ExportAuditAsync(app));
        Assert.Contains("ناتمام", audit.Details, StringComparison.Ordinal);
        Assert.Contains("۳ ردیف", audit.Details, StringComparison.Ordinal);
    }
}
