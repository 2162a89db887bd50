using HajDesk.Core.Data;
using HajDesk.Core.Notifications;
using HajDesk.Core.Requests;
using HajDesk.Core.Staff;
using HajDesk.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HajDesk.Web.Tests.Notifications;

/// <summary>The API the back office calls when staff answer, refer or reopen a request.</summary>
public class RequestNotificationsTests
{
    public static TheoryData<string> StaffEvents => [MessageTemplates.RequestAnswered, MessageTemplates.RequestReferred, MessageTemplates.RequestReopened];

    private static void Notify(RequestNotifications notifications, ServiceRequest request, string template)
    {
        switch (template)
        {
            case MessageTemplates.RequestAnswered:
                notifications.RequestAnswered(request);
                break;
            case MessageTemplates.RequestReferred:
                notifications.RequestReferred(request);
                break;
            case MessageTemplates.RequestReopened:
                notifications.RequestReopened(request);
                break;
            default:
                notifications.RequestReceived(request);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(StaffEvents))]
    public async Task StaffEvent_AddsSmsAndEmailPointingToTheFollowUpPage_WithoutTheAnswer(string template)
    {
        await using var app = await NotificationTestApp.CreateAsync();
        var request = await app.CreateRequestAsync(email: "citizen@example.com", notify: (_, _) => { });
        const string answer = "متن پاسخ کارشناس که نباید در پیام بیاید";

        await app.NotifyAsync(request.Id, (n, r) =>
        {
            r.Events.Add(new RequestEvent { Kind = RequestEventKind.Answered, At = DateTime.UtcNow, VisibleToCitizen = true, Text = answer });
            Notify(n, r, template);
        });

        var outbox = await app.OutboxAsync();
        Assert.Equal([NotificationChannel.Sms, NotificationChannel.Email], outbox.Select(m => m.Channel).ToArray());
        var code = MessageTemplates.FormatTrackingCode(request.TrackingCode);
        Assert.All(outbox, m =>
        {
            Assert.Equal(template, m.Template);
            Assert.Equal(request.Id, m.RequestId);
            Assert.Equal(OutboxStatus.Pending, m.Status);
            Assert.Contains(code, m.Body, StringComparison.Ordinal);
            Assert.Contains(NotificationTestApp.FollowUpUrl, m.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(answer, m.Body + m.Subject + m.HtmlBody, StringComparison.Ordinal);
        });
        Assert.Equal("09121234567", outbox[0].Recipient);
        Assert.True(outbox[0].Body.Length <= MessageTemplates.MaxSmsLength);
        Assert.Equal("citizen@example.com", outbox[1].Recipient);
        Assert.Contains(code, outbox[1].Subject, StringComparison.Ordinal);
        Assert.Contains(code, outbox[1].HtmlBody, StringComparison.Ordinal);
        CitizenPageNotificationTests.AssertNoPersonalData(outbox, request);
    }

    [Fact]
    public async Task Received_WithoutEmail_AddsOnlyTheSms()
    {
        await using var app = await NotificationTestApp.CreateAsync();

        await app.CreateRequestAsync();

        var sms = Assert.Single(await app.OutboxAsync());
        Assert.Equal(NotificationChannel.Sms, sms.Channel);
        // A request being created has no id until the same commit.
        Assert.Null(sms.RequestId);
    }

    [Fact]
    public async Task CalledAgainBeforeTheSave_ReplacesTheEarlierMessages()
    {
        await using var app = await NotificationTestApp.CreateAsync();
        string finalCode = string.Empty;

        await app.CreateRequestAsync(email: "citizen@example.com", notify: (n, r) =>
        {
            n.RequestReceived(r);
            r.TrackingCode = TrackingCode.New();
            finalCode = r.TrackingCode;
            n.RequestReceived(r);
        });

        var outbox = await app.OutboxAsync();
        Assert.Equal(2, outbox.Count);
        Assert.All(outbox, m => Assert.Contains(MessageTemplates.FormatTrackingCode(finalCode), m.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoEventsInOneScope_AreBothKept()
    {
        await using var app = await NotificationTestApp.CreateAsync();
        var request = await app.CreateRequestAsync(notify: (_, _) => { });

        await app.NotifyAsync(request.Id, (n, r) =>
        {
            n.RequestReferred(r);
            n.RequestAnswered(r);
        });

        Assert.Equal([MessageTemplates.RequestReferred, MessageTemplates.RequestAnswered],
            (await app.OutboxAsync()).Select(m => m.Template).ToArray());
    }

    [Fact]
    public async Task LongCompoundFirstName_IsShortenedToItsFirstWordInTheSmsOnly()
    {
        await using var app = await NotificationTestApp.CreateAsync();
        const string longName = "محمدامیرحسین غلامعلی";

        await app.CreateRequestAsync(email: "citizen@example.com", change: r => r.FirstName = longName);

        var outbox = await app.OutboxAsync();
        Assert.StartsWith("محمدامیرحسین گرامی،", outbox[0].Body, StringComparison.Ordinal);
        Assert.True(outbox[0].Body.Length <= MessageTemplates.MaxSmsLength);
        Assert.StartsWith(longName + " گرامی،", outbox[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Received_WithStaffNotifications_EmailsTheProvincesExpertsForTheSubject()
    {
        await using var app = await NotificationTestApp.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["Notifications:NotifyStaffOnNewRequest"] = "true",
        });
        await AddStaffAsync(app);

        var request = await app.CreateRequestAsync();

        var outbox = await app.OutboxAsync();
        var staff = outbox.Where(m => m.Template == MessageTemplates.StaffNewRequest).ToList();
        Assert.Equal(["expert@haj.example", "limited-same@haj.example", "supervisor@haj.example"], staff.Select(m => m.Recipient).Order().ToArray());
        Assert.All(staff, m =>
        {
            Assert.Equal(NotificationChannel.Email, m.Channel);
            Assert.Contains("تهران", m.Subject, StringComparison.Ordinal);
            Assert.Contains(MessageTemplates.FormatTrackingCode(request.TrackingCode), m.Body, StringComparison.Ordinal);
            Assert.Contains(NotificationTestApp.PublicBaseUrl + "/staff", m.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(request.FirstName, m.Body, StringComparison.Ordinal);
        });
        CitizenPageNotificationTests.AssertNoPersonalData(outbox, request);
    }

    [Fact]
    public async Task Received_StaffNotificationsOff_EmailsNoStaff()
    {
        await using var app = await NotificationTestApp.CreateAsync();
        await AddStaffAsync(app);

        await app.CreateRequestAsync();

        Assert.DoesNotContain(await app.OutboxAsync(), m => m.Template == MessageTemplates.StaffNewRequest);
    }

    private static Task AddStaffAsync(NotificationTestApp app) => app.WithDbAsync(async db =>
    {
        var tehran = await db.Provinces.SingleAsync(p => p.Code == "Tehran");
        var isfahan = await db.Provinces.SingleAsync(p => p.Code == "Isfahan");
        var other = await db.Subjects.SingleAsync(s => s.Name == "سایر" && s.ParentId == null);
        var someSubject = await db.Subjects.FirstAsync(s => s.ParentId == null && s.Id != other.Id);
        StaffUser User(string email, StaffRole role, int? province, bool disabled = false) => new()
        {
            UserName = email,
            Email = email,
            DisplayName = email,
            Role = role,
            ProvinceId = province,
            IsDisabled = disabled,
            CreatedAt = DateTime.UtcNow,
        };
        var limitedElsewhere = User("limited-other@haj.example", StaffRole.Expert, tehran.Id);
        limitedElsewhere.Subjects.Add(new StaffSubject { StaffUserId = limitedElsewhere.Id, SubjectId = someSubject.Id });
        var limitedHere = User("limited-same@haj.example", StaffRole.Expert, tehran.Id);
        limitedHere.Subjects.Add(new StaffSubject { StaffUserId = limitedHere.Id, SubjectId = other.Id });
        db.Users.AddRange(
            User("expert@haj.example", StaffRole.Expert, tehran.Id),
            User("supervisor@haj.example", StaffRole.Supervisor, tehran.Id),
            User("disabled@haj.example", StaffRole.Expert, tehran.Id, disabled: true),
            User("isfahan@haj.example", StaffRole.Expert, isfahan.Id),
            User("admin@haj.example", StaffRole.Administrator, null),
            limitedElsewhere,
            limitedHere);
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task EditedTemplate_IsUsedAtOnceByTheNextMessage()
    {
        await using var app = await NotificationTestApp.CreateAsync();
        var result = await app.WithAdminAsync(admin => admin.UpdateTemplateAsync(MessageTemplates.RequestReceived,
            new TemplateUpdate("درخواست {TrackingCode} ثبت شد.", "ثبت {TrackingCode}", "متن {TrackingCode}")));
        Assert.True(result.Succeeded);

        var request = await app.CreateRequestAsync();

        Assert.Equal($"درخواست {MessageTemplates.FormatTrackingCode(request.TrackingCode)} ثبت شد.", Assert.Single(await app.OutboxAsync()).Body);
    }

    [Fact]
    public async Task UnsavedScope_SendsNothing()
    {
        await using var app = await NotificationTestApp.CreateAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HajDeskDbContext>();
            var request = Infrastructure.TestRequests.Build(db);
            db.Requests.Add(request);
            scope.ServiceProvider.GetRequiredService<RequestNotifications>().RequestReceived(request);
        }

        Assert.Empty(await app.OutboxAsync());
    }
}
