using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using HajDesk.Core.Requests;
using HajDesk.Web.Tests.Infrastructure;

namespace HajDesk.Web.Tests.PageTests.Staff;

/// <summary>
/// The inbox search by words over the Persian search keys (issue 24, item 5), on both databases: names written with
/// a space, a ZWNJ or neither find each other, answers and internal notes are searched, the scope never widens.
/// </summary>
public class StaffInboxPersianSearchTests
{
    private const string Zwnj = "\u200C";

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static List<long> RowIds(IDocument page) =>
        page.QuerySelectorAll("[data-testid=inbox-row]").Select(r => long.Parse(r.GetAttribute("data-id")!, CultureInfo.InvariantCulture)).ToList();

    private static async Task<Func<string, Task<List<long>>>> SearcherAsync(HajDeskFactory app, string user)
    {
        var client = await app.SignInAsync(user);
        var inbox = await client.GetPageAsync("/staff/inbox");
        return async q =>
        {
            var response = await client.PostFormAsync(inbox.Form("[data-testid=search-form]"), new Dictionary<string, string?> { ["Q"] = q });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("/staff/inbox", response.RequestMessage!.RequestUri!.PathAndQuery);
            return RowIds(await Html.ParseAsync(response));
        };
    }

    private static Task AddEventAsync(HajDeskFactory app, long requestId, RequestEventKind kind, string text) => app.WithDbAsync(async db =>
    {
        db.RequestEvents.Add(new RequestEvent { RequestId = requestId, Kind = kind, At = DateTime.UtcNow, Text = text });
        await db.SaveChangesAsync();
    });

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Search_NameWithSpaceZwnjOrNeither_FindEachOther(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var world = await StaffWorld.CreateAsync(app);
        var joined = await world.Data.CreateRequestAsync("Tehran", configure: r => { r.FirstName = "محمدعلی"; r.LastName = "طباطبایی"; });
        var spaced = await world.Data.CreateRequestAsync("Tehran", configure: r => { r.FirstName = "محمد علی"; r.LastName = "كاظمي"; });
        var zwnj = await world.Data.CreateRequestAsync("Tehran", configure: r => { r.FirstName = "محمد" + Zwnj + "علی"; r.LastName = "احمدی"; });
        var other = await world.Data.CreateRequestAsync("Tehran", configure: r => { r.FirstName = "محمد"; r.LastName = "رضایی"; });
        var search = await SearcherAsync(app, "tehran.expert");
        List<long> all = [zwnj.Id, spaced.Id, joined.Id];

        Assert.Equal(all, await search("محمدعلی"));
        Assert.Equal(all, await search("محمد علی"));
        Assert.Equal(all, await search("محمد" + Zwnj + "علی"));
        Assert.Equal([joined.Id], await search("محمد علی طباطبائی")); // ئ for ی
        Assert.Equal([joined.Id], await search("طَباطَبایی")); // harakat
        Assert.Equal([spaced.Id], await search("محمدعلی کاظمی")); // Arabic kaf and yeh stored
        Assert.Equal([other.Id], await search("محمد رضائي"));
        Assert.Empty(await search("ناموجود"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Search_FindsWordsOfAnswersAndInternalNotes_NotOfOtherEntries(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var world = await StaffWorld.CreateAsync(app);
        var answered = await world.Data.CreateRequestAsync("Tehran");
        var noted = await world.Data.CreateRequestAsync("Tehran");
        var messaged = await world.Data.CreateRequestAsync("Tehran");
        await AddEventAsync(app, answered.Id, RequestEventKind.Answered, "پرواز شما به فرودگاه امام خمینی منتقل شد");
        await AddEventAsync(app, noted.Id, RequestEventKind.InternalNote, "با کارگزار زیارتی تماس گرفته شد؛ شماره ۴۵۶۷");
        await AddEventAsync(app, messaged.Id, RequestEventKind.CitizenMessage, "فرودگاه کاروانسرا");
        var search = await SearcherAsync(app, "tehran.expert");

        Assert.Equal([answered.Id], await search("فرودگاه امام"));
        Assert.Equal([answered.Id], await search("خمینی"));
        Assert.Equal([noted.Id], await search("کارگزار"));
        Assert.Equal([noted.Id], await search("كارگزار 4567")); // Arabic kaf, ASCII digits
        Assert.Empty(await search("کاروانسرا")); // a citizen's message is not an answer or a note
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Search_RequestsOutsideScope_AreNeverFound(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var world = await StaffWorld.CreateAsync(app);
        var tehran = await world.Data.CreateRequestAsync("Tehran", world.SubjectX, configure: r => r.FirstName = "محمد علی");
        var isfahan = await world.Data.CreateRequestAsync("Isfahan", world.SubjectX, configure: r => r.FirstName = "محمدعلی");
        var otherSubject = await world.Data.CreateRequestAsync("Tehran", world.SubjectY);
        await AddEventAsync(app, isfahan.Id, RequestEventKind.InternalNote, "یادداشت محرمانه اصفهان");
        await AddEventAsync(app, otherSubject.Id, RequestEventKind.Answered, "پاسخ محرمانه محمدعلی");

        Assert.Equal([tehran.Id], await (await SearcherAsync(app, "tehran.limited"))("محمدعلی"));
        Assert.Equal([otherSubject.Id, tehran.Id], await (await SearcherAsync(app, "tehran.expert"))("محمدعلی"));
        Assert.Empty(await (await SearcherAsync(app, "tehran.expert"))("محرمانه اصفهان"));
        Assert.Equal([isfahan.Id], await (await SearcherAsync(app, "isfahan.expert"))("محرمانه"));
        Assert.Equal([isfahan.Id], await (await SearcherAsync(app, "admin.test"))("محرمانه اصفهان"));
    }
}
