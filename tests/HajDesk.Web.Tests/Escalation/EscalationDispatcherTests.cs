using HajDesk.Core.Calendar;
using HajDesk.Core.Escalation;
using HajDesk.Core.Requests;
using HajDesk.Core.Staff;
using HajDesk.Web.Escalation;
using HajDesk.Web.Notifications;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.Notifications;
using HajDesk.Web.Tests.PageTests.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HajDesk.Web.Tests.Escalation;

/// <summary>Escalation driven by a controllable clock, with two app processes' dispatchers on one database.</summary>
public class EscalationDispatcherTests
{
    /// <summary>Saturday 2026-05-09, 10:00 in Tehran: after the digest hour.</summary>
    private static readonly DateTimeOffset SaturdayMorning = new(2026, 5, 9, 6, 30, 0, TimeSpan.Zero);

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Postgres, DatabaseProvider.Sqlite];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RunOnceAsync_TwoDispatchers_SendEachWarningAndAlertOnceAndNothingForClosedOrWaiting(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new TestClock(SaturdayMorning);
        await using var first = NotificationTestApp.ForDatabase(database, clock: clock);
        await using var second = NotificationTestApp.ForDatabase(database, clock: clock);
        var staff = new StaffTestData(first);
        var expert = await staff.CreateStaffAsync("esc.expert", StaffRole.Expert, "Tehran");
        await staff.CreateStaffAsync("esc.supervisor", StaffRole.Supervisor, "Tehran");
        await staff.CreateStaffAsync("esc.admin", StaffRole.Administrator);
        await first.WithDbAsync(db => db.Users.ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, u => u.UserName + "@haj.ir")));

        var now = SaturdayMorning.UtcDateTime;
        var today = WorkingCalendar.TehranDay(now);
        var ids = await first.WithDbAsync(async db =>
        {
            ServiceRequest Add(RequestStatus status, DateTime due, string? assigned = null)
            {
                var r = TestRequests.Build(db, status: status, createdAt: now.AddDays(-20));
                r.DueAt = due;
                r.AssignedToId = assigned;
                db.Requests.Add(r);
                return r;
            }

            var dueSoon = Add(RequestStatus.InProgress, WorkingCalendar.EndOfDayUtc(today), expert.Id);
            var justOverdue = Add(RequestStatus.InProgress, now.AddHours(-12), expert.Id);
            var longOverdue = Add(RequestStatus.Submitted, now.AddDays(-10));
            var closed = Add(RequestStatus.Closed, now.AddDays(-10), expert.Id);
            var answered = Add(RequestStatus.Answered, now.AddDays(-10), expert.Id);
            var waiting = Add(RequestStatus.WaitingForCitizen, now.AddDays(-10), expert.Id);
            await db.SaveChangesAsync();
            return (DueSoon: dueSoon.Id, JustOverdue: justOverdue.Id, LongOverdue: longOverdue.Id, Quiet: new[] { closed.Id, answered.Id, waiting.Id });
        });

        var dispatchers = new[] { first, second }.Select(a => a.Services.GetRequiredService<EscalationDispatcher>()).ToList();
        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(dispatchers.Select(d => d.RunOnceAsync(CancellationToken.None)));
        }

        var marks = await first.WithDbAsync(db => db.EscalationMarks.AsNoTracking().Select(m => new { m.RequestId, m.Threshold }).ToListAsync());
        Assert.Equal(
            new[]
            {
                (ids.DueSoon, EscalationThreshold.Warning),
                (ids.JustOverdue, EscalationThreshold.Overdue),
                (ids.LongOverdue, EscalationThreshold.Administrators),
                (ids.LongOverdue, EscalationThreshold.Overdue),
            }.Order(),
            marks.Select(m => (m.RequestId, m.Threshold)).Order());

        var events = await first.WithDbAsync(db => db.RequestEvents.AsNoTracking()
            .Where(e => e.Kind == RequestEventKind.DueSoonWarning || e.Kind == RequestEventKind.OverdueAlert || e.Kind == RequestEventKind.AdminAlert)
            .Select(e => new { e.RequestId, e.Kind, e.VisibleToCitizen }).ToListAsync());
        Assert.Equal(4, events.Count);
        Assert.All(events, e => Assert.False(e.VisibleToCitizen));
        Assert.DoesNotContain(events, e => ids.Quiet.Contains(e.RequestId));

        var outbox = await first.OutboxAsync();
        Assert.Equal(["esc.expert@haj.ir"], outbox.Where(m => m.Template == MessageTemplates.StaffDueSoon).Select(m => m.Recipient));
        Assert.Equal(2, outbox.Count(m => m.Template == MessageTemplates.StaffOverdue && m.Recipient == "esc.supervisor@haj.ir"));
        Assert.Equal(["esc.admin@haj.ir"], outbox.Where(m => m.Template == MessageTemplates.StaffOverdueAdministrators).Select(m => m.Recipient));
        var digest = Assert.Single(outbox, m => m.Template == MessageTemplates.StaffOverdueDigest);
        Assert.Equal("esc.supervisor@haj.ir", digest.Recipient);
        Assert.DoesNotContain(outbox, m => m.RequestId is long id && ids.Quiet.Contains(id));
        Assert.DoesNotContain("0499370899", string.Concat(outbox.Select(m => m.Body)), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ApplyAsync_HolidayAddedThenDeleted_MovesDueDateLaterButNeverEarlier(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var created = SaturdayMorning.UtcDateTime;
        var id = await app.WithDbAsync(async db =>
        {
            var r = TestRequests.Build(db, createdAt: created);
            r.ResponseDays = 2;
            r.DueAt = WorkingCalendar.Default.AddWorkingDays(created, 2);
            db.Requests.Add(r);
            await db.SaveChangesAsync();
            return r.Id;
        });
        var promised = await app.WithDbAsync(db => db.Requests.Where(r => r.Id == id).Select(r => r.DueAt).SingleAsync());
        var sunday = WorkingCalendar.TehranDay(created).AddDays(1);

        var moved = await app.WithDbAsync(db => DeadlineRecalculation.ApplyAsync(db, new WorkingCalendar(false, [sunday])));
        var later = await app.WithDbAsync(db => db.Requests.Where(r => r.Id == id).Select(r => r.DueAt).SingleAsync());
        Assert.Equal(1, moved);
        Assert.Equal(WorkingCalendar.Default.AddWorkingDays(promised, 1), later);

        // The holiday deleted again, or Thursday made a working day: the promise stays where it is.
        Assert.Equal(0, await app.WithDbAsync(db => DeadlineRecalculation.ApplyAsync(db, new WorkingCalendar(true, []))));
        Assert.Equal(later, await app.WithDbAsync(db => db.Requests.Where(r => r.Id == id).Select(r => r.DueAt).SingleAsync()));
    }
}
