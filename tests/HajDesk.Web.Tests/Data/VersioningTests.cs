using HajDesk.Core.Data;
using HajDesk.Core.Staff;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.Data;

/// <summary>The one optimistic-concurrency mechanism (<see cref="IVersioned"/>) on both providers' real databases.</summary>
public class VersioningTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SaveChanges_NewRowAndEachChange_VersionStartsAtOneAndMovesByOne(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var id = await app.WithDbAsync(async db =>
        {
            var canned = new CannedAnswer { Title = "عنوان", Text = "متن" };
            db.CannedAnswers.Add(canned);
            await db.SaveChangesAsync();
            return canned.Id;
        });
        await app.WithDbAsync(async db =>
        {
            var canned = await db.CannedAnswers.SingleAsync(c => c.Id == id);
            canned.Text = "متن دوم";
            await db.SaveChangesAsync();
        });

        Assert.Equal(2, await app.WithDbAsync(db => db.CannedAnswers.Where(c => c.Id == id).Select(c => c.Version).SingleAsync()));
        // Seeded reference rows and the migration's existing rows start at 1 as well.
        Assert.All(await app.WithDbAsync(db => db.Provinces.Select(p => p.Version).ToListAsync()), v => Assert.Equal(1, v));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SaveChanges_RowChangedByAnotherContextMeanwhile_ThrowsAndKeepsTheFirstChange(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        await app.WithDbAsync(async first =>
        {
            var subject = await first.Subjects.OrderBy(s => s.Id).FirstAsync();
            await app.WithDbAsync(async second =>
            {
                var same = await second.Subjects.SingleAsync(s => s.Id == subject.Id);
                same.Name = "نام نخست";
                await second.SaveChangesAsync();
            });

            subject.Name = "نام دوم";
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => first.SaveChangesAsync());
        });

        Assert.Contains("نام نخست", await app.WithDbAsync(db => db.Subjects.Select(s => s.Name).ToListAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ExpectVersion_StaleFormOrDependantChange_ThrowsOrMovesTheOwnersVersion(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var world = await Web.Tests.PageTests.Staff.StaffWorld.CreateAsync(app);
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.Include(u => u.Subjects).SingleAsync(u => u.Id == world.TehranExpert.Id);
            Assert.Throws<DbUpdateConcurrencyException>(() => db.ExpectVersion(user, user.Version - 1));

            var before = user.Version;
            db.ExpectVersion(user, before);
            db.StaffSubjects.Add(new StaffSubject { StaffUserId = user.Id, SubjectId = world.SubjectX });
            await db.SaveChangesAsync();
            Assert.Equal(before + 1, user.Version);
        });
    }
}
