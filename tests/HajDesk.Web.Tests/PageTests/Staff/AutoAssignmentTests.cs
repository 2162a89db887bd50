using System.Net;
using AngleSharp.Dom;
using HajDesk.Core.Assignment;
using HajDesk.Core.Requests;
using HajDesk.Core.Staff;
using HajDesk.Web.Assignment;
using HajDesk.Web.Staff;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.PageTests.Requests;
using HajDesk.Web.Tests.PageTests.Staff.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HajDesk.Web.Tests.PageTests.Staff;

/// <summary>Automatic assignment of new requests (round robin, fewest open), absences and their hand-over.</summary>
public class AutoAssignmentTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static Task SetModeAsync(HajDeskFactory app, AssignmentMode mode) => app.WithDbAsync(async db =>
    {
        var tehran = await db.Provinces.SingleAsync(p => p.Code == "Tehran");
        tehran.AssignmentMode = mode;
        await db.SaveChangesAsync();
    });

    /// <summary>Builds a new Tehran request as submission would, lets the assigner choose, saves; returns the assignee.</summary>
    private static async Task<string?> NewRequestAsync(HajDeskFactory app, DateTime now)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Data.HajDeskDbContext>();
        var request = TestRequests.Build(db);
        await scope.ServiceProvider.GetRequiredService<AutoAssigner>().AssignAsync(request, now, CancellationToken.None);
        db.Requests.Add(request);
        await db.SaveChangesAsync();
        return request.AssignedToId;
    }

    private static async Task<(StaffWorld World, StaffUser Second)> TehranExpertsAsync(HajDeskFactory app)
    {
        var world = await StaffWorld.CreateAsync(app);
        var second = await world.Data.CreateStaffAsync("tehran.expert2", StaffRole.Expert, "Tehran");
        // The limited expert covers another subject than «سایر»: only the two unlimited ones take these requests.
        return (world, second);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RoundRobin_GivesNewRequestsToTheCoveringExpertsInTurn_SkippingTheAbsent(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var (world, second) = await TehranExpertsAsync(app);
        await SetModeAsync(app, AssignmentMode.RoundRobin);
        var now = DateTime.UtcNow;

        var first = await NewRequestAsync(app, now);
        var next = await NewRequestAsync(app, now.AddSeconds(1));
        var third = await NewRequestAsync(app, now.AddSeconds(2));

        // «سایر» is covered by the two unlimited Tehran experts (the limited one covers another subject): in turn.
        Assert.Equal(new[] { world.TehranExpert.Id, second.Id }.Order(), new[] { first, next }.Order());
        Assert.Equal(first, third);

        // Supervisors are never chosen; the assignment is a transition with its own internal event.
        Assert.DoesNotContain(world.TehranSupervisor.Id, new[] { first, next, third });
        var stored = await app.WithDbAsync(db => db.Requests.AsNoTracking().Include(r => r.Events).OrderBy(r => r.Id).LastAsync());
        Assert.Equal(RequestStatus.InProgress, stored.Status);
        Assert.Contains("به‌طور خودکار", Assert.Single(stored.Events, e => e.Kind == RequestEventKind.Assigned).Text, StringComparison.Ordinal);

        // An absent expert is skipped while the absence lasts.
        var today = Core.Calendar.WorkingCalendar.TehranDay(now);
        await app.WithDbAsync(async db =>
        {
            db.StaffAbsences.Add(new StaffAbsence { StaffUserId = second.Id, From = today, To = today.AddDays(2), CreatedAt = now });
            await db.SaveChangesAsync();
        });
        for (var i = 0; i < 4; i++)
        {
            Assert.NotEqual(second.Id, await NewRequestAsync(app, now.AddMinutes(1 + i)));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task FewestOpen_GivesTheNewRequestToTheLeastLoadedExpert_AndOffLeavesItInTheQueue(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var (world, second) = await TehranExpertsAsync(app);
        await app.WithDbAsync(async db =>
        {
            foreach (var expert in new[] { world.TehranExpert.Id, world.TehranExpert.Id, world.TehranLimitedExpert.Id })
            {
                var busy = TestRequests.Build(db, status: RequestStatus.InProgress);
                busy.AssignedToId = expert;
                db.Requests.Add(busy);
            }

            await db.SaveChangesAsync();
        });

        Assert.Null(await NewRequestAsync(app, DateTime.UtcNow));
        await SetModeAsync(app, AssignmentMode.FewestOpen);
        Assert.Equal(second.Id, await NewRequestAsync(app, DateTime.UtcNow));
    }

    [Fact]
    public async Task SentForm_InAProvinceWithAutomaticAssignment_ArrivesAssigned()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var (world, _) = await TehranExpertsAsync(app);
        await SetModeAsync(app, AssignmentMode.RoundRobin);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await SendPage.OpenAsync(client);

        var response = await page.PostAsync(page.ValidValues());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await app.WithDbAsync(db => db.Requests.AsNoTracking().SingleAsync());
        Assert.Equal(RequestStatus.InProgress, stored.Status);
        Assert.NotNull(stored.AssignedToId);
        Assert.NotEqual(world.TehranSupervisor.Id, stored.AssignedToId);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Absence_FromToday_HandsTheOpenRequestsToTheColleague_OnceEvenWithTwoRounds(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var (world, second) = await TehranExpertsAsync(app);
        var held = await world.Data.CreateRequestAsync(configure: r => (r.Status, r.AssignedToId) = (RequestStatus.InProgress, world.TehranExpert.Id));
        var answered = await world.Data.CreateRequestAsync(configure: r => (r.Status, r.AssignedToId) = (RequestStatus.Answered, world.TehranExpert.Id));
        var supervisor = await app.SignInAsync("tehran.supervisor");
        var today = Core.Persian.PersianText.ToPersianDigits(Core.Persian.JalaliDate.FormatNumeric(Core.Persian.JalaliDate.TodayInTehran(TimeProvider.System)));

        var saved = await supervisor.PostPageFormAsync("/staff/absences", "[data-testid=absence-form]", new Dictionary<string, string?>
        {
            ["StaffUserId"] = world.TehranExpert.Id,
            ["From"] = today,
            ["To"] = today,
            ["HandOverToId"] = second.Id,
        });
        await saved.AssertRedirectAsync();

        var stored = await app.WithDbAsync(db => db.Requests.AsNoTracking().Include(r => r.Events).Where(r => r.Id == held.Id || r.Id == answered.Id).ToDictionaryAsync(r => r.Id));
        Assert.Equal(second.Id, stored[held.Id].AssignedToId);
        Assert.Contains("به سبب غیبت", stored[held.Id].Events.Single(e => e.Kind == RequestEventKind.Assigned).Text, StringComparison.Ordinal);
        Assert.Equal(world.TehranExpert.Id, stored[answered.Id].AssignedToId);
        Assert.Single(await app.AuditAsync(AuditActions.AbsenceCreate));
        Assert.Single(await app.AuditAsync(AuditActions.AbsenceHandOver));

        // The background round (on this or another node) finds nothing more to do.
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<AbsenceWork>().HandOverDueAsync(CancellationToken.None));
        Assert.Single(await app.AuditAsync(AuditActions.AbsenceHandOver));
    }

    [Fact]
    public async Task Absence_WithoutColleague_ReturnsRequestsToTheQueue()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var held = await world.Data.CreateRequestAsync(configure: r => (r.Status, r.AssignedToId) = (RequestStatus.InProgress, world.TehranExpert.Id));
        var expert = await app.SignInAsync("tehran.expert");
        var today = Core.Persian.JalaliDate.FormatNumeric(Core.Persian.JalaliDate.TodayInTehran(TimeProvider.System));

        await (await expert.PostPageFormAsync("/staff/absences", "[data-testid=absence-form]", new Dictionary<string, string?>
        {
            ["From"] = today,
            ["To"] = today,
        })).AssertRedirectAsync();

        var stored = await app.WithDbAsync(db => db.Requests.AsNoTracking().SingleAsync(r => r.Id == held.Id));
        Assert.Equal((RequestStatus.Submitted, (string?)null), (stored.Status, stored.AssignedToId));
    }

    [Theory]
    [InlineData("۱۴۰۵/۱۳/۰۱", "۱۴۰۵/۰۱/۰۱", AbsenceRules.DatesInvalid)]
    [InlineData("<script>", "", AbsenceRules.DatesInvalid)]
    [InlineData("1400/01/10", "1400/01/05", AbsenceRules.EndBeforeStart)]
    [InlineData("1400/01/01", "1400/01/05", AbsenceRules.InThePast)]
    public async Task Absence_WrongDates_Get400AndAPersianMessage(string from, string to, string message)
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var expert = await app.SignInAsync("tehran.expert");

        var page = await (await expert.PostPageFormAsync("/staff/absences", "[data-testid=absence-form]", new Dictionary<string, string?>
        {
            ["From"] = from,
            ["To"] = to,
        })).AssertPageAsync(HttpStatusCode.BadRequest);

        Assert.Contains(message, page.TextOf("[data-testid=errors]"), StringComparison.Ordinal);
        Assert.Equal(from, page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#From")!.Value);
        Assert.Empty(await app.WithDbAsync(db => db.StaffAbsences.ToListAsync()));
    }

    [Fact]
    public async Task Absence_OfAnotherProvincesExpert_OrAColleagueOfAnotherProvince_IsRefused()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var supervisor = await app.SignInAsync("tehran.supervisor");
        var today = Core.Persian.JalaliDate.FormatNumeric(Core.Persian.JalaliDate.TodayInTehran(TimeProvider.System));

        var otherProvince = await (await supervisor.PostPageFormAsync("/staff/absences", "[data-testid=absence-form]", new Dictionary<string, string?>
        {
            ["StaffUserId"] = world.IsfahanExpert.Id,
            ["From"] = today,
            ["To"] = today,
        })).AssertPageAsync(HttpStatusCode.BadRequest);
        Assert.Contains(AbsenceRules.NotAllowed, otherProvince.TextOf("[data-testid=errors]"), StringComparison.Ordinal);

        var colleague = await (await supervisor.PostPageFormAsync("/staff/absences", "[data-testid=absence-form]", new Dictionary<string, string?>
        {
            ["StaffUserId"] = world.TehranExpert.Id,
            ["From"] = today,
            ["To"] = today,
            ["HandOverToId"] = world.IsfahanExpert.Id,
        })).AssertPageAsync(HttpStatusCode.BadRequest);
        Assert.Contains(AbsenceRules.ColleagueInvalid, colleague.TextOf("[data-testid=errors]"), StringComparison.Ordinal);
        Assert.Empty(await app.WithDbAsync(db => db.StaffAbsences.ToListAsync()));
    }
}
