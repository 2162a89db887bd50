using System.Globalization;
using HajDesk.Core.Data;
using HajDesk.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Notifications;

/// <summary>
/// The development default for both channels: keeps a <see cref="RecordedMessage"/> row instead of sending, so that a
/// newcomer can see what would have gone out. A message recorded once is not recorded again when retried.
/// </summary>
internal sealed class RecordingSender(HajDeskDbContext db, TimeProvider time) : INotificationSender
{
    public async Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var existing = await db.RecordedMessages.AsNoTracking()
            .Where(m => m.IdempotencyKey == message.IdempotencyKey)
            .Select(m => (long?)m.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is null)
        {
            var recorded = new RecordedMessage
            {
                Channel = message.Channel,
                Recipient = message.Recipient,
                Subject = message.Subject,
                Body = message.Body,
                HtmlBody = message.HtmlBody,
                IdempotencyKey = message.IdempotencyKey,
                At = time.GetUtcNow().UtcDateTime,
            };
            db.RecordedMessages.Add(recorded);
            await db.SaveChangesAsync(cancellationToken);
            db.Entry(recorded).State = EntityState.Detached;
            existing = recorded.Id;
        }

        return SendResult.Success("recorded:" + existing.Value.ToString(CultureInfo.InvariantCulture));
    }
}
