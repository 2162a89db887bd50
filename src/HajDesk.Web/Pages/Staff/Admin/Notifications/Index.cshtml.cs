using System.Globalization;
using HajDesk.Core.Data;
using HajDesk.Core.Notifications;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Notifications;
using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HajDesk.Web.Pages.Staff.Admin.Notifications;

/// <summary>
/// <c>/staff/admin/notifications</c>: the SMS and e-mail outbox — waiting, failed (with «ارسال دوباره»), sent — what
/// the recording sender kept instead of sending, and the message texts. Recipients are masked; message bodies are
/// shown only for recorded messages (development and demonstrations).
/// </summary>
[NoStore]
public class IndexModel(OutboxAdmin outbox, AuditLog audit, HajDeskDbContext db) : PageModel
{
    public const int PageSize = 50;

    /// <summary><c>pending</c>, <c>failed</c>, <c>sent</c>, <c>recorded</c> or <c>templates</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty]
    public long Id { get; set; }

    public OutboxCounts Counts { get; private set; } = new(0, 0, 0);

    public PagedList<OutboxEntry>? Messages { get; private set; }

    public PagedList<RecordedMessage>? Recorded { get; private set; }

    public IReadOnlyList<MessageTemplate> Templates { get; private set; } = [];

    public string CurrentView => View is "failed" or "sent" or "recorded" or "templates" ? View : "pending";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Counts = await outbox.CountsAsync(cancellationToken);
        var page = Math.Max(1, PageNumber);
        switch (CurrentView)
        {
            case "recorded":
                Recorded = await outbox.ListRecordedAsync(page, PageSize, cancellationToken);
                break;
            case "templates":
                Templates = await outbox.GetTemplatesAsync(cancellationToken);
                break;
            default:
                Messages = await outbox.ListAsync(CurrentView switch
                {
                    "failed" => OutboxStatus.Failed,
                    "sent" => OutboxStatus.Sent,
                    _ => OutboxStatus.Pending,
                }, page, PageSize, cancellationToken);
                break;
        }
    }

    /// <summary>Puts a failed message back in the queue.</summary>
    public async Task<IActionResult> OnPostRetryAsync(CancellationToken cancellationToken)
    {
        // The retry is one conditional UPDATE (safe against a dispatcher on another node); the audit row follows it.
        if (!await outbox.RetryAsync(Id, cancellationToken))
        {
            return NotFound();
        }

        audit.Add(AuditActions.NotificationRetry, null, $"پیام {Id.ToString(CultureInfo.InvariantCulture)}");
        await db.SaveChangesAsync(cancellationToken);
        this.Flash("پیام دوباره در صف ارسال قرار گرفت.");
        return RedirectToPage("Index", new { view = "failed" });
    }

    public static string Digits(int n) => Core.Persian.PersianText.ToPersianDigits(n.ToString(CultureInfo.InvariantCulture));

    public static string ChannelText(NotificationChannel channel) => channel == NotificationChannel.Sms ? "پیامک" : "ایمیل";

    public static string TemplateTitle(string key) => key switch
    {
        MessageTemplates.RequestReceived => "دریافت درخواست",
        MessageTemplates.RequestAnswered => "پاسخ به درخواست",
        MessageTemplates.RequestReferred => "ارجاع درخواست",
        MessageTemplates.RequestReopened => "بازگشایی درخواست",
        MessageTemplates.SurveyInvite => "دعوت به نظرسنجی",
        MessageTemplates.StaffNewRequest => "درخواست تازه (برای کارکنان)",
        _ => key,
    };
}
