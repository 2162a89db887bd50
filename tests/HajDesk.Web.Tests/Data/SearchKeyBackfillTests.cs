using HajDesk.Core.Persian;
using HajDesk.Core.Requests;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.PageTests.Staff;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.Data;

/// <summary>The search keys on both providers' real databases: stored on save, and written for earlier rows by the backfill.</summary>
public class SearchKeyBackfillTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Backfill_RowsWithoutKeys_GetThemOnceAndOthersAreLeftAlone(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var data = new StaffTestData(app);
        var old = await data.CreateRequestAsync(configure: r => { r.FirstName = "محمد علی"; r.LastName = "طباطبائی"; r.Text = "فيش ۱۲"; });
        var keyed = await data.CreateRequestAsync();
        var (answerId, noteId, messageId) = await app.WithDbAsync(async db =>
        {
            var answer = new RequestEvent { RequestId = old.Id, Kind = RequestEventKind.Answered, At = DateTime.UtcNow, Text = "پاسخ كامل" };
            var note = new RequestEvent { RequestId = old.Id, Kind = RequestEventKind.InternalNote, At = DateTime.UtcNow, Text = "یادداشت" };
            var message = new RequestEvent { RequestId = old.Id, Kind = RequestEventKind.CitizenMessage, At = DateTime.UtcNow, Text = "پیام" };
            db.RequestEvents.AddRange(answer, note, message);
            await db.SaveChangesAsync();
            return (answer.Id, note.Id, message.Id);
        });
        // Stored on save:
        Assert.Equal("محمدعلیطباطبایی", await app.WithDbAsync(db => db.Requests.Where(r => r.Id == old.Id).Select(r => r.NameKey).SingleAsync()));
        Assert.Equal("پاسخکامل", await app.WithDbAsync(db => db.RequestEvents.Where(e => e.Id == answerId).Select(e => e.SearchKey).SingleAsync()));

        // As rows written before the migration: no keys.
        await app.WithDbAsync(async db =>
        {
            await db.Requests.Where(r => r.Id == old.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.NameKey, (string?)null).SetProperty(r => r.TextKey, (string?)null));
            await db.RequestEvents.Where(e => e.RequestId == old.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.SearchKey, (string?)null));
        });
        var versionBefore = await app.WithDbAsync(db => db.Requests.Where(r => r.Id == old.Id).Select(r => r.Version).SingleAsync());

        var filled = await app.WithDbAsync(db => SearchKeyBackfill.RunAsync(db, batchSize: 1));
        var again = await app.WithDbAsync(db => SearchKeyBackfill.RunAsync(db));

        Assert.Equal(3, filled); // the request, its answer and its note
        Assert.Equal(0, again);
        var request = await app.WithDbAsync(db => db.Requests.AsNoTracking().SingleAsync(r => r.Id == old.Id));
        Assert.Equal("محمدعلیطباطبایی", request.NameKey);
        Assert.Equal(SearchKey.Of("فیش 12"), request.TextKey);
        Assert.Equal(versionBefore, request.Version); // outside the request's version: no open form turns stale
        var keys = await app.WithDbAsync(db => db.RequestEvents.Where(e => e.RequestId == old.Id).ToDictionaryAsync(e => e.Id, e => e.SearchKey));
        Assert.Equal("پاسخکامل", keys[answerId]);
        Assert.Equal("یادداشت", keys[noteId]);
        Assert.Null(keys[messageId]);
        Assert.Equal(keyed.NameKey, await app.WithDbAsync(db => db.Requests.Where(r => r.Id == keyed.Id).Select(r => r.NameKey).SingleAsync()));
    }
}
