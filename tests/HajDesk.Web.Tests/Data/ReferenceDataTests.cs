using HajDesk.Core.Data;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.Data;

/// <summary>Reference data seeding, once per database provider.</summary>
public class ReferenceDataTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Seed_Twice_Leaves31ProvincesAndOneCopyOfEachSubject(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        _ = app.Server; // start-up seeds once

        var insertedAgain = await app.WithDbAsync(db => ReferenceDataSeeder.SeedAsync(db));

        Assert.Equal(0, insertedAgain);
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(31, await db.Provinces.CountAsync());
            Assert.Equal("021", (await db.Provinces.SingleAsync(p => p.Code == "Tehran")).AreaCode);
            Assert.Equal("011", (await db.Provinces.SingleAsync(p => p.Code == "Mazandaran")).AreaCode);
            Assert.Equal("056", (await db.Provinces.SingleAsync(p => p.Code == "South Khorasan")).AreaCode);

            var subjects = await db.Subjects.ToListAsync();
            Assert.Equal(subjects.Count, subjects.Select(s => (s.ParentId, s.Name)).Distinct().Count());
            var mains = subjects.Where(s => s.ParentId is null).ToList();
            Assert.Equal(8, mains.Count);
            Assert.Equal(19, subjects.Count(s => s.ParentId is not null));
            var hajj = mains.Single(s => s.Name == "حج تمتع");
            Assert.Equal(5, subjects.Count(s => s.ParentId == hajj.Id));
            Assert.True(subjects.Single(s => s.Name == "انتقال فیش").AttachmentRequired);
            Assert.DoesNotContain(subjects, s => s.ParentId == mains.Single(m => m.Name == "سایر").Id);
        });
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Seed_AfterAdministratorEdits_KeepsTheEditsAcrossRestart(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using (var first = new HajDeskFactory(database, ownsDatabase: false))
        {
            _ = first.Server;
            await first.WithDbAsync(async db =>
            {
                var tehran = await db.Provinces.SingleAsync(p => p.Code == "Tehran");
                tehran.Name = "استان تهران";
                var hajj = await db.Subjects.SingleAsync(s => s.Name == "حج تمتع" && s.ParentId == null);
                hajj.Name = "حج واجب (تمتع)";
                var transfer = await db.Subjects.SingleAsync(s => s.Name == "انتقال فیش");
                transfer.IsActive = false;
                transfer.AttachmentRequired = false;
                db.Subjects.Remove(await db.Subjects.SingleAsync(s => s.Name == "پیشنهاد و انتقاد"));
                await db.SaveChangesAsync();
            });
        }

        await using var second = new HajDeskFactory(database);
        _ = second.Server; // start-up seeds again

        await second.WithDbAsync(async db =>
        {
            Assert.Equal("استان تهران", (await db.Provinces.SingleAsync(p => p.Code == "Tehran")).Name);
            Assert.Equal(31, await db.Provinces.CountAsync());
            Assert.True(await db.Subjects.AnyAsync(s => s.Name == "حج واجب (تمتع)"));
            Assert.False(await db.Subjects.AnyAsync(s => s.Name == "حج تمتع"));
            var transfer = await db.Subjects.SingleAsync(s => s.Name == "انتقال فیش");
            Assert.False(await db.Subjects.AnyAsync(s => s.Name == "پیشنهاد و انتقاد"));
            Assert.False(transfer.IsActive);
            Assert.False(transfer.AttachmentRequired);
        });
    }
}
