using HajDesk.Core.Calendar;
using HajDesk.Core.Reports;
using HajDesk.Core.Requests;
using HajDesk.Web.Reports;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HajDesk.Web.Tests.Reports;

/// <summary>
/// The start-up count of working days to the first answer, for requests answered before the column existed: counted
/// with the stored calendar (its holidays, Tehran days, the days waited for the citizen), in batches, once.
/// </summary>
public class FirstAnswerBackfillTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    /// <summary>Saturday 1404/02/20 (2025-05-10), 11:30 in Tehran.</summary>
    private static readonly DateTime Saturday = new(2025, 5, 10, 8, 0, 0, DateTimeKind.Utc);

    /// <summary>The Monday after it, made a holiday by the test.</summary>
    private static readonly DateOnly Holiday = new(2025, 5, 12);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RunAsync_UncountedAnswers_CountsWithTheCalendarInBatchesOnce(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        // The app's own run at start-up goes first, so that it cannot count the rows below behind the test's back.
        await app.Services.GetServices<IHostedService>().OfType<FirstAnswerBackfillService>().Single().ExecuteTask!;
        var ids = await app.WithDbAsync(async db =>
        {
            Assert.False(await db.CalendarSettings.Select(s => s.ThursdayIsWorkingDay).FirstOrDefaultAsync());
            Assert.False(await db.Holidays.AnyAsync(h => h.Date >= Holiday.AddDays(-2) && h.Date <= Holiday.AddDays(5)));
            db.Holidays.Add(new Holiday { Date = Holiday, Title = "تعطیلی آزمون", CreatedAt = DateTime.UtcNow });
            var nextSaturday = Saturday.AddDays(7);
            var rows = new Dictionary<string, ServiceRequest>
            {
                // Sunday, (Monday off), Tuesday, Wednesday, (Thursday and Friday off), Saturday.
                ["week"] = Answered(db, Saturday, nextSaturday),
                ["week again"] = Answered(db, Saturday, nextSaturday),
                ["three waited"] = Answered(db, Saturday, nextSaturday, waited: 3),
                ["same day"] = Answered(db, Saturday, Saturday.AddHours(4)),
                // 00:30 on Wednesday in Tehran, still Tuesday in UTC; answered the same Tehran day.
                ["after Tehran midnight"] = Answered(db, new DateTime(2025, 5, 13, 21, 0, 0, DateTimeKind.Utc), new DateTime(2025, 5, 14, 10, 0, 0, DateTimeKind.Utc)),
                ["counted"] = Answered(db, Saturday, nextSaturday, counted: 42),
                ["unanswered"] = TestRequests.Build(db, createdAt: Saturday),
            };
            db.Requests.AddRange(rows.Values);
            await db.SaveChangesAsync();
            return rows.ToDictionary(r => r.Key, r => (r.Value.Id, r.Value.Version));
        });

        var filled = await app.WithDbAsync(db => FirstAnswerBackfill.RunAsync(db, batchSize: 2));
        var again = await app.WithDbAsync(db => FirstAnswerBackfill.RunAsync(db, batchSize: 2));

        Assert.Equal(5, filled);
        Assert.Equal(0, again);
        var idList = ids.Values.Select(i => i.Id).ToList();
        var stored = await app.WithDbAsync(db => db.Requests.AsNoTracking().Where(r => idList.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, r => new { r.FirstAnswerWorkingDays, r.Version }));
        var days = ids.ToDictionary(i => i.Key, i => stored[i.Value.Id].FirstAnswerWorkingDays);
        Assert.Equal(
            new Dictionary<string, int?>
            {
                ["week"] = 4,
                ["week again"] = 4,
                ["three waited"] = 1,
                ["same day"] = 0,
                ["after Tehran midnight"] = 0,
                ["counted"] = 42,
                ["unanswered"] = null,
            },
            days);
        // Outside the request's version: a form open on one of them does not turn stale.
        Assert.All(ids.Values, i => Assert.Equal(i.Version, stored[i.Id].Version));
    }

    private static ServiceRequest Answered(Core.Data.HajDeskDbContext db, DateTime created, DateTime answered, int waited = 0, int? counted = null)
    {
        var request = TestRequests.Build(db, status: RequestStatus.Answered, createdAt: created);
        request.FirstAnsweredAt = request.AnsweredAt = answered;
        request.FirstAnsweredOnTime = true;
        request.WaitedWorkingDays = waited;
        request.FirstAnswerWorkingDays = counted;
        return request;
    }
}
