using HajDesk.Core.Data;
using HajDesk.Core.Notifications;
using HajDesk.Core.Requests;
using HajDesk.Core.Surveys;
using HajDesk.Core.Webhooks;
using HajDesk.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Notifications;

/// <summary>
/// What citizens (and, optionally, staff) are told when something happens to a request. Each method only ADDS
/// <see cref="OutboxMessage"/> rows to the scope's <see cref="HajDeskDbContext"/>: call it before the caller's own
/// <c>SaveChangesAsync</c>, which then commits the change and its messages in one transaction; the dispatcher sends
/// them afterwards. If the save fails, nothing is sent.
/// </summary>
/// <remarks>
/// <para>
/// Messages hold the citizen's first name, the tracking code and the follow-up address, never the request's or the
/// answer's text, the national code or any other personal data: an SMS can be read by whoever holds the phone.
/// </para>
/// <para>
/// Calling a method again for the same request in the same scope, before the save succeeded, replaces the messages
/// of the earlier call (a save retried after a tracking-code collision must not send the discarded code).
/// </para>
/// <para>
/// For a request that is being created, <see cref="OutboxMessage.RequestId"/> stays null: the request has no id until
/// the same commit. The other methods set it.
/// </para>
/// </remarks>
public sealed class RequestNotifications(
    HajDeskDbContext db,
    MessageTemplateStore templates,
    OutboxSignal signal,
    TimeProvider time,
    IOptions<NotificationOptions> options,
    IOptions<OrganizationOptions> organization,
    Webhooks.WebhookOutbox webhooks,
    StaffEmails staffEmails)
{
    private readonly Dictionary<(ServiceRequest Request, string Template), List<OutboxMessage>> added = [];
    private bool subscribed;

    /// <summary>
    /// A request was sent: SMS to the mobile with the tracking code and how to follow it up, the same by e-mail
    /// when the citizen gave an address; with <c>Notifications:NotifyStaffOnNewRequest</c>, an e-mail to each
    /// expert and supervisor of the province (experts limited to other subjects excepted).
    /// </summary>
    public void RequestReceived(ServiceRequest r)
    {
        var messages = CitizenMessages(r, MessageTemplates.RequestReceived);
        if (options.Value.NotifyStaffOnNewRequest)
        {
            messages.AddRange(StaffMessages(r));
        }

        Replace(r, MessageTemplates.RequestReceived, messages);
        webhooks.Raise(r, WebhookEvent.Received);
    }

    /// <summary>
    /// Turns the notices the request's transitions asked for (<see cref="ServiceRequest.PendingNotices"/>) into
    /// outbox rows for the caller's save — the citizen's messages and the webhook subscribers' deliveries — and
    /// forgets them.
    /// </summary>
    public void Send(ServiceRequest r)
    {
        ArgumentNullException.ThrowIfNull(r);
        foreach (var notice in r.PendingNotices)
        {
            webhooks.Raise(r, notice switch
            {
                RequestNotice.Answered => WebhookEvent.Answered,
                RequestNotice.Referred => WebhookEvent.Referred,
                RequestNotice.Reopened => WebhookEvent.Reopened,
                RequestNotice.InfoRequested => WebhookEvent.WaitingForCitizen,
                RequestNotice.Closed => WebhookEvent.Closed,
                _ => throw new InvalidOperationException($"No webhook event for the notice {notice}."),
            });

            switch (notice)
            {
                case RequestNotice.Answered:
                    RequestAnswered(r);
                    InviteToSurvey(r);
                    break;
                case RequestNotice.Closed:
                    InviteToSurvey(r);
                    break;
                case RequestNotice.Referred:
                    RequestReferred(r);
                    break;
                case RequestNotice.Reopened:
                    RequestReopened(r);
                    break;
                case RequestNotice.InfoRequested:
                    Replace(r, MessageTemplates.RequestInfoRequested, CitizenMessages(r, MessageTemplates.RequestInfoRequested));
                    break;
            }
        }

        r.ClearPendingNotices();
    }

    /// <summary>Staff answered the request: the citizen is told there is an answer to read on the follow-up page.</summary>
    public void RequestAnswered(ServiceRequest r) =>
        Replace(r, MessageTemplates.RequestAnswered, CitizenMessages(r, MessageTemplates.RequestAnswered));

    /// <summary>Staff referred the request to another province or subject.</summary>
    public void RequestReferred(ServiceRequest r) =>
        Replace(r, MessageTemplates.RequestReferred, CitizenMessages(r, MessageTemplates.RequestReferred));

    /// <summary>The request was reopened (after the citizen's objection, or by staff).</summary>
    public void RequestReopened(ServiceRequest r) =>
        Replace(r, MessageTemplates.RequestReopened, CitizenMessages(r, MessageTemplates.RequestReopened));

    /// <summary>
    /// The request was answered or closed: the citizen is invited, once per request, to the satisfaction survey by a
    /// one-time link (<see cref="SurveyInvitation"/>; the token is in the message only, its hash in the database).
    /// </summary>
    public void InviteToSurvey(ServiceRequest r)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (r.Id == 0 || added.ContainsKey((r, MessageTemplates.SurveyInvite))
            || db.SurveyInvitations.Any(i => i.RequestId == r.Id))
        {
            return;
        }

        var (invitation, token) = SurveyInvitation.Create(r.Id, time.GetUtcNow().UtcDateTime);
        db.SurveyInvitations.Add(invitation);
        Replace(r, MessageTemplates.SurveyInvite, CitizenMessages(r, MessageTemplates.SurveyInvite,
            values => values[MessageTemplates.Placeholders.SurveyUrl] = options.Value.SurveyUrl(token)));
    }

    private List<OutboxMessage> CitizenMessages(ServiceRequest r, string key, Action<Dictionary<string, string>>? moreValues = null)
    {
        var template = templates.Get(key);
        var values = CitizenValues(r, options.Value, organization.Value);
        moreValues?.Invoke(values);
        var messages = new List<OutboxMessage>();
        if (!string.IsNullOrWhiteSpace(r.Mobile))
        {
            messages.Add(NewMessage(r, key, NotificationChannel.Sms, r.Mobile, null, RenderSms(template.SmsText, values), null));
        }

        if (!string.IsNullOrWhiteSpace(r.Email))
        {
            messages.Add(NewEmail(r, key, r.Email, template, values));
        }

        return messages;
    }

    private List<OutboxMessage> StaffMessages(ServiceRequest r)
    {
        // A short read inside the caller's save; only when staff notifications are turned on.
        var recipients = db.Users
            .Where(RequestRules.Covering(r.ProvinceId, r.SubjectId))
            .Where(u => u.Email != null && u.Email != string.Empty)
            .Select(u => u.Email!)
            .Distinct()
            .ToList();
        if (recipients.Count == 0)
        {
            return [];
        }

        var provinceName = r.Province?.Name
            ?? db.Provinces.Where(p => p.Id == r.ProvinceId).Select(p => p.Name).FirstOrDefault()
            ?? string.Empty;
        var values = staffEmails.Values(provinceName);
        values[MessageTemplates.Placeholders.TrackingCode] = MessageTemplates.FormatTrackingCode(r.TrackingCode);
        return staffEmails.Build(MessageTemplates.StaffNewRequest, recipients, values, r.Id == 0 ? null : r.Id);
    }

    /// <summary>The values of the citizen templates' placeholders for a request.</summary>
    internal static Dictionary<string, string> CitizenValues(ServiceRequest r, NotificationOptions options, OrganizationOptions organization) => new()
    {
        [MessageTemplates.Placeholders.FirstName] = r.FirstName,
        [MessageTemplates.Placeholders.TrackingCode] = MessageTemplates.FormatTrackingCode(r.TrackingCode),
        [MessageTemplates.Placeholders.FollowUpUrl] = options.FollowUpUrl,
        [MessageTemplates.Placeholders.Organization] = organization.Name,
        [MessageTemplates.Placeholders.ServiceName] = organization.ServiceName,
    };

    /// <summary>
    /// Renders an SMS. When a long first name would take the text past two segments, only its first word is used;
    /// if even that is too long the text goes out as it is (a third segment costs more but loses nothing).
    /// </summary>
    internal static string RenderSms(string template, Dictionary<string, string> values)
    {
        var text = MessageTemplates.Render(template, values);
        if (text.Length <= MessageTemplates.MaxSmsLength
            || !values.TryGetValue(MessageTemplates.Placeholders.FirstName, out var name)
            || name.Split(' ', StringSplitOptions.RemoveEmptyEntries) is not [var firstWord, _, ..])
        {
            return text;
        }

        var shorter = MessageTemplates.Render(template, new Dictionary<string, string>(values)
        {
            [MessageTemplates.Placeholders.FirstName] = firstWord,
        });
        return shorter.Length <= MessageTemplates.MaxSmsLength ? shorter : text;
    }

    private OutboxMessage NewEmail(ServiceRequest r, string key, string recipient, MessageTemplate template, Dictionary<string, string> values)
    {
        var (subject, text, html) = MessageTemplates.RenderEmail(template, values, $"{organization.Value.ServiceName} {organization.Value.Name}");
        return NewMessage(r, key, NotificationChannel.Email, recipient, subject, text, html);
    }

    private OutboxMessage NewMessage(ServiceRequest r, string key, NotificationChannel channel, string recipient,
        string? subject, string body, string? html)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new OutboxMessage
        {
            Channel = channel,
            Template = key,
            Recipient = recipient.Trim(),
            Subject = subject,
            Body = body,
            HtmlBody = html,
            RequestId = r.Id == 0 ? null : r.Id,
            IdempotencyKey = Guid.NewGuid(),
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }

    private void Replace(ServiceRequest r, string key, List<OutboxMessage> messages)
    {
        if (added.TryGetValue((r, key), out var earlier))
        {
            foreach (var message in earlier)
            {
                var entry = db.Entry(message);
                if (entry.State == Microsoft.EntityFrameworkCore.EntityState.Added)
                {
                    entry.State = Microsoft.EntityFrameworkCore.EntityState.Detached;
                }
            }
        }

        added[(r, key)] = messages;
        db.OutboxMessages.AddRange(messages);
        if (!subscribed)
        {
            subscribed = true;
            db.SavedChanges += (_, _) => signal.Notify();
        }
    }
}
