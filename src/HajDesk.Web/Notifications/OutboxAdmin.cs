using System.Globalization;
using HajDesk.Core.Data;
using HajDesk.Core.Notifications;
using HajDesk.Core.Persian;
using HajDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Notifications;

/// <summary>One outbox message as an administrator sees it: the recipient masked, no text.</summary>
public sealed record OutboxEntry(
    long Id,
    NotificationChannel Channel,
    string Template,
    string Recipient,
    OutboxStatus Status,
    int Attempts,
    DateTime CreatedAt,
    DateTime NextAttemptAt,
    DateTime? SentAt,
    bool Claimed,
    string? LastError,
    long? RequestId);

/// <summary>One page of a list, pages numbered from 1.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public int PageCount => TotalCount == 0 ? 1 : (TotalCount + PageSize - 1) / PageSize;
}

/// <summary>How many messages are in each state.</summary>
public sealed record OutboxCounts(int Pending, int Sent, int Failed);

/// <summary>
/// A template's three texts as an administrator submits them, and the version of the template the form was drawn
/// from (<see cref="IVersioned"/>; null skips the check).
/// </summary>
public sealed record TemplateUpdate(string? SmsText, string? EmailSubject, string? EmailText, int? Version = null);

/// <summary>The outcome of saving a template: Persian errors keyed by field (<c>SmsText</c>, <c>EmailSubject</c>, <c>EmailText</c>).</summary>
public sealed record TemplateUpdateResult(IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// What the administrator pages (under <c>/staff/admin</c>) need of the outbox: lists, retrying a failed message and
/// editing the message templates. Authorization is the caller's: every operation here is for administrators.
/// </summary>
public sealed class OutboxAdmin(
    HajDeskDbContext db,
    MessageTemplateStore templates,
    OutboxSignal signal,
    TimeProvider time,
    IOptions<NotificationOptions> options,
    IOptions<OrganizationOptions> organization)
{
    public const int MaxPageSize = 200;

    /// <summary>The first name used to check an SMS template's length (names over 20 characters are shortened when sent).</summary>
    public const string SampleFirstName = "امیرحسین";

    /// <summary>A tracking code used to check an SMS template's length; every code has the same length.</summary>
    public const string SampleTrackingCode = "482133905176";

    public async Task<OutboxCounts> CountsAsync(CancellationToken cancellationToken = default)
    {
        var counts = await db.OutboxMessages.GroupBy(m => m.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int Of(OutboxStatus status) => counts.FirstOrDefault(c => c.Status == status)?.Count ?? 0;
        return new OutboxCounts(Of(OutboxStatus.Pending), Of(OutboxStatus.Sent), Of(OutboxStatus.Failed));
    }

    /// <summary>
    /// Messages in one state: <c>Pending</c> in the order they will be tried, <c>Failed</c> and <c>Sent</c> newest first.
    /// </summary>
    public async Task<PagedList<OutboxEntry>> ListAsync(OutboxStatus status, int page = 1, int pageSize = 50,
        CancellationToken cancellationToken = default)
    {
        (page, pageSize) = Clamp(page, pageSize);
        var query = db.OutboxMessages.AsNoTracking().Where(m => m.Status == status);
        var total = await query.CountAsync(cancellationToken);
        query = status == OutboxStatus.Pending
            ? query.OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            : query.OrderByDescending(m => m.Id);
        var now = time.GetUtcNow().UtcDateTime;
        var rows = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var items = rows.Select(m => new OutboxEntry(m.Id, m.Channel, m.Template, MaskRecipient(m.Recipient), m.Status,
            m.Attempts, m.CreatedAt, m.NextAttemptAt, m.SentAt, m.LockedUntil > now, m.LastError, m.RequestId)).ToList();
        return new PagedList<OutboxEntry>(items, page, pageSize, total);
    }

    /// <summary>What the recording sender kept (development and demonstrations), newest first.</summary>
    public async Task<PagedList<RecordedMessage>> ListRecordedAsync(int page = 1, int pageSize = 50,
        CancellationToken cancellationToken = default)
    {
        (page, pageSize) = Clamp(page, pageSize);
        var total = await db.RecordedMessages.CountAsync(cancellationToken);
        var items = await db.RecordedMessages.AsNoTracking().OrderByDescending(m => m.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PagedList<RecordedMessage>(items, page, pageSize, total);
    }

    /// <summary>
    /// Puts a <c>Failed</c> message back in the queue, due now; its attempt count is kept (it gets one more attempt,
    /// then fails again if that fails). Returns false when there is no failed message with this id.
    /// </summary>
    public async Task<bool> RetryAsync(long id, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var updated = await db.OutboxMessages.Where(m => m.Id == id && m.Status == OutboxStatus.Failed)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Pending)
                .SetProperty(m => m.NextAttemptAt, now)
                .SetProperty(m => m.LockedUntil, (DateTime?)null), cancellationToken);
        if (updated > 0)
        {
            signal.Notify();
        }

        return updated > 0;
    }

    /// <summary>Every template, in the order of <see cref="MessageTemplates.Keys"/>.</summary>
    public async Task<IReadOnlyList<MessageTemplate>> GetTemplatesAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.MessageTemplates.AsNoTracking().ToDictionaryAsync(t => t.Key, cancellationToken);
        return MessageTemplates.Keys.Select(k => rows.TryGetValue(k, out var row) ? row : MessageTemplates.Defaults[k]).ToList();
    }

    /// <summary>One template, or null for an unknown key.</summary>
    public async Task<MessageTemplate?> GetTemplateAsync(string key, CancellationToken cancellationToken = default) =>
        !MessageTemplates.Keys.Contains(key) ? null
            : await db.MessageTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Key == key, cancellationToken)
              ?? MessageTemplates.Defaults[key];

    /// <summary>The SMS text rendered with sample values (the configured address and organization), as a preview.</summary>
    public string PreviewSms(string key, string smsText) => MessageTemplates.Render(smsText, SampleValues(key));

    /// <summary>Checks a template without saving it.</summary>
    public IReadOnlyDictionary<string, string> Validate(string key, TemplateUpdate update)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!MessageTemplates.Keys.Contains(key))
        {
            errors[string.Empty] = "این الگوی پیام وجود ندارد.";
            return errors;
        }

        var allowed = MessageTemplates.PlaceholdersOf(key);
        Check(nameof(TemplateUpdate.SmsText), update.SmsText, "متن پیامک", MessageTemplate.MaxSmsTextLength);
        Check(nameof(TemplateUpdate.EmailSubject), update.EmailSubject, "موضوع ایمیل", MessageTemplate.MaxEmailSubjectLength);
        Check(nameof(TemplateUpdate.EmailText), update.EmailText, "متن ایمیل", MessageTemplate.MaxEmailTextLength);

        if (!errors.ContainsKey(nameof(TemplateUpdate.EmailSubject)) && update.EmailSubject!.Contains('\n', StringComparison.Ordinal))
        {
            errors[nameof(TemplateUpdate.EmailSubject)] = "موضوع ایمیل باید یک سطر باشد.";
        }

        if (!errors.ContainsKey(nameof(TemplateUpdate.SmsText)))
        {
            var rendered = PreviewSms(key, Normalize(update.SmsText));
            if (rendered.Length > MessageTemplates.MaxSmsLength)
            {
                errors[nameof(TemplateUpdate.SmsText)] =
                    $"پیامک با مقدارهای نمونه {Digits(rendered.Length)} نویسه می‌شود؛ حداکثر {Digits(MessageTemplates.MaxSmsLength)} نویسه (دو پیامک) مجاز است.";
            }
        }

        return errors;

        void Check(string field, string? text, string label, int maxLength)
        {
            var value = Normalize(text);
            if (value.Length == 0)
            {
                errors[field] = $"{label} را بنویسید.";
                return;
            }

            if (value.Length > maxLength)
            {
                errors[field] = $"{label} حداکثر {Digits(maxLength)} نویسه است.";
                return;
            }

            var unknown = MessageTemplates.PlaceholdersIn(value).Where(p => !allowed.Contains(p)).ToList();
            if (unknown.Count > 0)
            {
                errors[field] = $"{string.Join("، ", unknown.Select(p => "{" + p + "}"))} در این الگو شناخته نیست؛ مجاز: "
                                + string.Join("، ", allowed.Select(p => "{" + p + "}")) + ".";
            }
        }
    }

    /// <summary>Validates and saves a template; the new texts are used by this process at once, by others within 30 s.</summary>
    public async Task<TemplateUpdateResult> UpdateTemplateAsync(string key, TemplateUpdate update,
        CancellationToken cancellationToken = default)
    {
        var errors = Validate(key, update);
        if (errors.Count > 0)
        {
            return new TemplateUpdateResult(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var row = await db.MessageTemplates.FirstOrDefaultAsync(t => t.Key == key, cancellationToken);
        if (row is null)
        {
            row = new MessageTemplate { Key = key, SmsText = string.Empty, EmailSubject = string.Empty, EmailText = string.Empty };
            db.MessageTemplates.Add(row);
        }
        else if (update.Version is int version)
        {
            // A stale form throws DbUpdateConcurrencyException, which the page turns into the one conflict response.
            db.ExpectVersion(row, version);
        }

        row.SmsText = Normalize(update.SmsText);
        row.EmailSubject = Normalize(update.EmailSubject);
        row.EmailText = Normalize(update.EmailText);
        row.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await templates.RefreshAsync(cancellationToken);
        return new TemplateUpdateResult(new Dictionary<string, string>());
    }

    /// <summary><c>0912***4567</c> for a mobile, <c>a***@example.com</c> for an e-mail address.</summary>
    public static string MaskRecipient(string recipient)
    {
        var at = recipient.IndexOf('@', StringComparison.Ordinal);
        if (at > 0)
        {
            return recipient[..1] + "***" + recipient[at..];
        }

        return recipient.Length >= 8 ? recipient[..4] + "***" + recipient[^4..] : "***";
    }

    private Dictionary<string, string> SampleValues(string key)
    {
        var values = RequestNotifications.CitizenValues(
            new Core.Requests.ServiceRequest
            {
                TrackingCode = SampleTrackingCode,
                NationalCode = string.Empty,
                FirstName = SampleFirstName,
                LastName = string.Empty,
                Mobile = string.Empty,
                Text = string.Empty,
            },
            options.Value, organization.Value);
        if (key == MessageTemplates.StaffNewRequest)
        {
            values[MessageTemplates.Placeholders.ProvinceName] = "کهگیلویه و بویراحمد";
            values[MessageTemplates.Placeholders.StaffUrl] = options.Value.StaffUrl;
        }

        if (key == MessageTemplates.SurveyInvite)
        {
            // Every token has the same length, so the sample link is as long as a real one.
            values[MessageTemplates.Placeholders.SurveyUrl] = options.Value.SurveyUrl(new string('x', 32));
        }

        return values;
    }

    /// <summary>Line breaks become LF, Arabic letters Persian, the ends are trimmed.</summary>
    private static string Normalize(string? text) => PersianText.NormalizeText(text);

    private static string Digits(int value) => PersianText.ToPersianDigits(value.ToString(CultureInfo.InvariantCulture));

    private static (int Page, int PageSize) Clamp(int page, int pageSize) =>
        (Math.Max(1, page), Math.Clamp(pageSize, 1, MaxPageSize));
}
