using HajDesk.Core.Data;
using HajDesk.Core.Notifications;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests.Submission;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Notifications;
using HajDesk.Web.Staff;

namespace HajDesk.Web.Submission;

/// <summary>What became of «ارسال دوباره کد پیگیری».</summary>
public enum ReminderOutcome
{
    /// <summary>The SMS is in the outbox.</summary>
    Queued,

    /// <summary>This form was not told of an open request after passing its security code (a forged post).</summary>
    NotTold,

    /// <summary>The earlier request is no longer open (answered or closed meanwhile), or the typed fields changed.</summary>
    NoOpenRequest,

    /// <summary><c>RateLimits:OpenRequestReminders</c> for this request today (every node together).</summary>
    Throttled,
}

/// <summary>
/// The send form's answer to <see cref="SubmissionOutcome.OpenRequestExists"/> (issue 24): it remembers, per form,
/// that the form passed its security code and was told of an open request — so its two offers, the reminder and
/// «ثبت درخواست جدید», need no second code, and a post that skipped the first step gets neither — and it sends the
/// earlier request's tracking code again by SMS, through the outbox, to the mobile stored on that request.
/// </summary>
/// <remarks>
/// The mark (<see cref="SharedLimit.OpenRequestNoticeMark"/>) lives in the shared counters (every node sees it; no
/// personal data: the key is the form's random token) for 30 minutes; a form older than that starts again from «ارسال».
/// </remarks>
public sealed class OpenRequestReminders(
    SubmissionService submission,
    Throttle throttle,
    HajDeskDbContext db,
    AuditLog audit,
    OutboxSignal signal,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<OpenRequestNoticeOptions> options)
{
    public const string AuditAction = AuditActions.CitizenOpenRequestReminder;

    /// <summary>The SMS: the tracking code (Persian digits, in groups) and when the request was sent.</summary>
    public static string SmsText(string trackingCode, DateTime createdAt) =>
        $"کد پیگیری درخواست شما در میز خدمت حج و زیارت که {SentOn(createdAt)} ثبت شده است: "
        + IdentifierDigits.TrackingCode(trackingCode, IdentifierReader.Citizen)
        + " — این پیام را شما خواسته‌اید؛ اگر نه، نادیده بگیرید.";

    /// <summary>«در ۱۰ آذر ۱۴۰۵»: the day in Tehran an earlier request was sent.</summary>
    public static string SentOn(DateTime createdAt) =>
        "در " + JalaliDate.FormatLong(DateOnly.FromDateTime(JalaliDate.ToTehranLocal(createdAt)));

    /// <summary>Whether the send form tells of open requests at all (<see cref="OpenRequestNoticeOptions"/>).</summary>
    public bool Enabled => options.Value.Enabled;

    /// <summary>Marks this form as told (it passed its security code on the post that found the open request).</summary>
    public Task MarkToldAsync(Guid submissionKey, CancellationToken cancellationToken) =>
        throttle.MarkAsync(SharedLimit.OpenRequestNoticeMark, submissionKey.ToString("N"), cancellationToken);

    /// <summary>Whether this form was told of an open request within the mark's window (30 minutes, <see cref="LimitCatalogue"/>).</summary>
    public Task<bool> WasToldAsync(Guid submissionKey, CancellationToken cancellationToken) =>
        throttle.IsMarkedAsync(SharedLimit.OpenRequestNoticeMark, submissionKey.ToString("N"), cancellationToken);

    /// <summary>
    /// Sends the open request's tracking code to its stored mobile. The request is found again from the typed fields
    /// (never from an id the page could forge), limited per request per day, audited without code or mobile.
    /// </summary>
    /// <returns>The outcome and, when queued, the request's notice (its date and mobile, for the page to confirm).</returns>
    public async Task<(ReminderOutcome Outcome, OpenRequestNotice? Notice)> RemindAsync(
        Guid submissionKey, SubmissionInput input, CancellationToken cancellationToken)
    {
        if (!await WasToldAsync(submissionKey, cancellationToken))
        {
            return (ReminderOutcome.NotTold, null);
        }

        if (await submission.FindOpenRequestAsync(submissionKey, input, cancellationToken) is not { } earlier)
        {
            return (ReminderOutcome.NoOpenRequest, null);
        }

        if (!await throttle.TryAcquireAsync(SharedLimit.OpenRequestReminders, earlier.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken))
        {
            return (ReminderOutcome.Throttled, earlier.Notice);
        }

        var now = time.GetUtcNow().UtcDateTime;
        db.OutboxMessages.Add(new OutboxMessage
        {
            Channel = NotificationChannel.Sms,
            Template = "tracking.reminder",
            Recipient = earlier.Mobile,
            Body = SmsText(earlier.TrackingCode, earlier.CreatedAt),
            RequestId = earlier.Id,
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        audit.AddFor(null, null, AuditAction, earlier.Id, "یادآوری کد پیگیری درخواست باز به شماره همراه ثبت‌شده در آن، از فرم ارسال درخواست");
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return (ReminderOutcome.Queued, earlier.Notice);
    }
}
