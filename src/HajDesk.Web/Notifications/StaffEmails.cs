using HajDesk.Core.Notifications;
using HajDesk.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Notifications;

/// <summary>
/// The one builder of e-mails to staff — a new request in their scope (<see cref="RequestNotifications"/>), and
/// escalation's warnings, alerts and digests: the administrators' template rendered as text and as HTML under the
/// organisation's heading, one outbox row per address.
/// </summary>
public sealed class StaffEmails(
    MessageTemplateStore templates, TimeProvider time, IOptions<NotificationOptions> options, IOptions<OrganizationOptions> organization)
{
    /// <summary>The placeholders every staff e-mail fills: the province, the staff desk's address, the organisation.</summary>
    public Dictionary<string, string> Values(string provinceName) => new()
    {
        [MessageTemplates.Placeholders.ProvinceName] = provinceName,
        [MessageTemplates.Placeholders.StaffUrl] = options.Value.StaffUrl,
        [MessageTemplates.Placeholders.Organization] = organization.Value.Name,
        [MessageTemplates.Placeholders.ServiceName] = organization.Value.ServiceName,
    };

    /// <summary>The e-mails of template <paramref name="key"/> to each of <paramref name="recipients"/>.</summary>
    /// <param name="key">The template (<see cref="MessageTemplates"/>).</param>
    /// <param name="recipients">The addresses; none gives no message.</param>
    /// <param name="values">The placeholders' values (<see cref="Values"/> and the template's own).</param>
    /// <param name="requestId">The request the e-mail is about, if it has an id yet.</param>
    public List<OutboxMessage> Build(string key, IReadOnlyCollection<string> recipients, IReadOnlyDictionary<string, string> values, long? requestId)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        if (recipients.Count == 0)
        {
            return [];
        }

        var (subject, text, html) = MessageTemplates.RenderEmail(templates.Get(key), values, $"{organization.Value.ServiceName} {organization.Value.Name}");
        var now = time.GetUtcNow().UtcDateTime;
        return [.. recipients.Select(email => new OutboxMessage
        {
            Channel = NotificationChannel.Email,
            Template = key,
            Recipient = email.Trim(),
            Subject = subject,
            Body = text,
            HtmlBody = html,
            RequestId = requestId,
            IdempotencyKey = Guid.NewGuid(),
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        })];
    }
}
