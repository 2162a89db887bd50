using System.Net;
using HajDesk.Core.Notifications;
using HajDesk.Core.Requests;
using HajDesk.Core.Retention;
using HajDesk.Core.Surveys;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.PageTests.Requests;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HajDesk.Web.Tests.Retention;

/// <summary>The retention policy on the real database of each provider: what is anonymised, what is kept, and that runs repeat safely.</summary>
public class RetentionServiceTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    /// <summary>Requests of one test: closed long ago (with a file, messages, an outbox row and a survey), open, closed recently.</summary>
    private sealed record World(long Old, long Open, long Recent, Guid OldFile, Guid RecentFile);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RunAsync_ClosedLongerThanThePeriod_AnonymisedAndFileGone_OthersUntouched_SecondRunNoOp(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var world = await ArrangeAsync(app, months: 6);
        var before = await SnapshotAsync(app, world.Open, world.Recent);

        var first = await RunAsync(app);

        Assert.Equal(new RetentionRunResult(1, 1, true), first);
        await app.WithDbAsync(async db =>
        {
            var old = await db.Requests.AsNoTracking().Include(r => r.Events).SingleAsync(r => r.Id == world.Old);
            Assert.Equal(RetentionRules.NationalCode, old.NationalCode);
            Assert.Equal(RetentionRules.Name, old.FirstName);
            Assert.Equal(RetentionRules.Name, old.LastName);
            Assert.Equal(DateOnly.MinValue, old.BirthDate);
            Assert.Equal(RetentionRules.Mobile, old.Mobile);
            Assert.Null(old.Email);
            Assert.Null(old.LandlineNumber);
            Assert.Null(old.RatingComment);
            Assert.Equal(RetentionRules.RequestText, old.Text);
            Assert.All(old.Events.Where(e => e.Text is not null), e => Assert.Equal(RetentionRules.EventText, e.Text));
            Assert.NotNull(old.AnonymisedAt);
            // Kept for the statistics.
            Assert.Equal(RequestStatus.Closed, old.Status);
            Assert.Equal(5, old.Rating);
            Assert.Equal(RequestType.Complaint, old.Type);
            Assert.Equal(3, old.Events.Count);
            // The file and its bytes are gone, and so is the outbox row with the mobile number.
            Assert.False(await db.Attachments.AnyAsync(a => a.Id == world.OldFile));
            Assert.False(await db.AttachmentContents.AnyAsync(c => c.AttachmentId == world.OldFile));
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.RequestId == world.Old));
            Assert.Null((await db.SurveyInvitations.AsNoTracking().SingleAsync(s => s.RequestId == world.Old)).Comment);
            Assert.True(await db.AttachmentContents.AnyAsync(c => c.AttachmentId == world.RecentFile));
        });
        Assert.Equal(before, await SnapshotAsync(app, world.Open, world.Recent));
        var audit = await AuditAsync(app);
        var entry = Assert.Single(audit);
        Assert.Equal(RetentionActor.System.UserName, entry.UserName);
        Assert.Contains("۱ درخواست", entry.Details, StringComparison.Ordinal);

        var second = await RunAsync(app);

        Assert.Equal(new RetentionRunResult(0, 0, true), second);
        Assert.Single(await AuditAsync(app));
        Assert.Equal(before, await SnapshotAsync(app, world.Open, world.Recent));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PreviewAsync_CountsWhatWouldChange_AndChangesNothing(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var world = await ArrangeAsync(app, months: null);
        var before = await SnapshotAsync(app, world.Old, world.Open, world.Recent);

        var preview = await app.WithDbAsync(db => Service(db).PreviewAsync(6, CancellationToken.None));
        var off = await RunAsync(app);

        Assert.Equal(1, preview.Requests);
        Assert.Equal(1, preview.Files);
        Assert.Equal(SampleFiles.Pdf().Length, preview.FileBytes);
        Assert.Equal(3, preview.Texts);
        Assert.Equal(preview.OldestClosedAt, preview.NewestClosedAt);
        Assert.True(preview.OldestClosedAt < DateTime.UtcNow.AddMonths(-6));
        Assert.Equal(new RetentionRunResult(0, 0, true), off);
        Assert.Equal(before, await SnapshotAsync(app, world.Old, world.Open, world.Recent));
        Assert.Empty(await AuditAsync(app));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RunAsync_TwoProcessesAtOnce_AnonymiseEachRequestOnce(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        await app.WithDbAsync(async db =>
        {
            db.RetentionSettings.Add(new RetentionSettings { Months = 1 });
            for (var i = 0; i < 12; i++)
            {
                db.Requests.Add(Closed(db, DateTime.UtcNow.AddMonths(-3)));
            }

            await db.SaveChangesAsync();
        });

        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => app.WithDbAsync(db => Service(db).RunAsync(RetentionActor.System, batchSize: 2))));
        // Whatever a run left to the other (after collisions) is done by the next run.
        var rest = await RunAsync(app);

        Assert.Equal(12, runs.Sum(r => r.Requests) + rest.Requests);
        Assert.Equal(12, await app.WithDbAsync(db => db.Requests.CountAsync(r => r.AnonymisedAt != null)));
        var counted = (await AuditAsync(app)).Sum(a => int.Parse(Core.Persian.PersianText.ToAsciiDigits(a.Details!.Split(' ')[0]), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(12, counted);
    }

    [Fact]
    public async Task FollowUp_AfterAnonymisation_FindsNothingWithTheOldNationalCodeAndTrackingCode()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await SendPage.OpenAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, (await page.PostAsync(page.ValidValues())).StatusCode);
        var (trackingCode, nationalCode) = await app.WithDbAsync(async db =>
        {
            var r = await db.Requests.SingleAsync();
            r.Status = RequestStatus.Closed;
            r.ClosedAt = DateTime.UtcNow.AddYears(-2);
            db.RetentionSettings.Add(new RetentionSettings { Months = 12 });
            await db.SaveChangesAsync();
            return (r.TrackingCode, r.NationalCode);
        });
        Assert.Equal(HttpStatusCode.Redirect, (await TrackAsync(app, nationalCode, trackingCode)).StatusCode);

        Assert.Equal(1, (await RunAsync(app)).Requests);

        var response = await TrackAsync(app, nationalCode, trackingCode);
        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Redirect, (await TrackAsync(app, RetentionRules.NationalCode, trackingCode)).StatusCode);
    }

    private static async Task<HttpResponseMessage> TrackAsync(HajDeskFactory app, string nationalCode, string trackingCode)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = (await client.GetDocumentAsync("/requests/track")).Form("#track-form");
        return await client.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["NationalCode"] = nationalCode,
            ["TrackingCode"] = trackingCode,
            ["CaptchaAnswer"] = HajDeskFactory.TestCaptchaCode,
        });
    }

    private static RetentionService Service(Core.Data.HajDeskDbContext db) => new(db, TimeProvider.System);

    private static async Task<RetentionRunResult> RunAsync(HajDeskFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RetentionService>().RunAsync(RetentionActor.System);
    }

    private static Task<List<Core.Audit.AuditEntry>> AuditAsync(HajDeskFactory app) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == RetentionService.AuditAction).OrderBy(a => a.Id).ToListAsync());

    private static ServiceRequest Closed(Core.Data.HajDeskDbContext db, DateTime closedAt)
    {
        var r = TestRequests.Build(db, status: RequestStatus.Closed, createdAt: closedAt.AddDays(-10));
        r.ClosedAt = closedAt;
        r.UpdatedAt = closedAt;
        return r;
    }

    private static Task<World> ArrangeAsync(HajDeskFactory app, int? months) => app.WithDbAsync(async db =>
    {
        if (months is not null)
        {
            db.RetentionSettings.Add(new RetentionSettings { Months = months });
        }

        var now = DateTime.UtcNow;
        var old = Closed(db, now.AddMonths(-7));
        old.Type = RequestType.Complaint;
        old.Email = "m.rezaei@example.com";
        old.LandlineAreaCode = "021";
        old.LandlineNumber = "22334455";
        old.Rating = 5;
        old.RatingComment = "از آقای کریمی ممنونم";
        old.Events.Add(new RequestEvent { Kind = RequestEventKind.CitizenMessage, At = now.AddMonths(-8), VisibleToCitizen = true, Text = "من محمد رضایی هستم" });
        old.Events.Add(new RequestEvent { Kind = RequestEventKind.Answered, At = now.AddMonths(-8), VisibleToCitizen = true, Text = "آقای رضایی، پاسخ شما این است", ActorName = "کارشناس" });
        old.Events.Add(new RequestEvent { Kind = RequestEventKind.Closed, At = now.AddMonths(-7), VisibleToCitizen = true });
        var open = TestRequests.Build(db, status: RequestStatus.InProgress, createdAt: now.AddYears(-2));
        var recent = Closed(db, now.AddMonths(-5));
        db.Requests.AddRange(old, open, recent);
        await db.SaveChangesAsync();

        Attachment File(long requestId) => new()
        {
            Id = Guid.NewGuid(),
            RequestId = requestId,
            FileName = "شناسنامه.pdf",
            ContentType = "application/pdf",
            Length = SampleFiles.Pdf().Length,
            Sha256 = new string('0', 64),
            CreatedAt = now,
            Content = new AttachmentContent { Data = SampleFiles.Pdf() },
        };

        var oldFile = File(old.Id);
        var recentFile = File(recent.Id);
        db.Attachments.AddRange(oldFile, recentFile, File(open.Id));
        db.OutboxMessages.Add(new OutboxMessage
        {
            Channel = NotificationChannel.Sms,
            Template = "request.closed",
            Recipient = old.Mobile,
            Body = "درخواست شما بسته شد",
            RequestId = old.Id,
            Status = OutboxStatus.Sent,
            CreatedAt = now.AddMonths(-7),
            NextAttemptAt = now.AddMonths(-7),
        });
        var (survey, _) = SurveyInvitation.Create(old.Id, now.AddMonths(-7));
        survey.Comment = "نظر آقای رضایی";
        db.SurveyInvitations.Add(survey);
        await db.SaveChangesAsync();
        return new World(old.Id, open.Id, recent.Id, oldFile.Id, recentFile.Id);
    });

    /// <summary>Everything of the given requests that anonymisation would change, as one string.</summary>
    private static Task<string> SnapshotAsync(HajDeskFactory app, params long[] ids) => app.WithDbAsync(async db =>
    {
        var requests = await db.Requests.AsNoTracking().Where(r => ids.Contains(r.Id)).OrderBy(r => r.Id)
            .Select(r => $"{r.Id}|{r.NationalCode}|{r.FirstName}|{r.LastName}|{r.BirthDate}|{r.Mobile}|{r.Email}|{r.Text}|{r.RatingComment}|{r.Version}|{r.AnonymisedAt}")
            .ToListAsync();
        var events = await db.RequestEvents.AsNoTracking().Where(e => ids.Contains(e.RequestId)).OrderBy(e => e.Id).Select(e => e.Text).ToListAsync();
        var files = await db.AttachmentContents.AsNoTracking().CountAsync(c => db.Attachments.Any(a => a.Id == c.AttachmentId && ids.Contains(a.RequestId!.Value)));
        var outbox = await db.OutboxMessages.AsNoTracking().CountAsync(m => ids.Contains(m.RequestId!.Value));
        return string.Join("\n", requests.Concat(events.Select(e => e ?? "-"))) + $"\n{files}|{outbox}";
    });
}
