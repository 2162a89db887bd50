using HajDesk.Core.Notifications;

namespace HajDesk.Web.Notifications;

/// <summary>
/// Hands one message to a provider (SMS gateway, SMTP server, or the recording table). Registered as a keyed service
/// per <see cref="NotificationChannel"/>, chosen by <c>Notifications:Sms:Mode</c> and <c>Notifications:Email:Mode</c>.
/// </summary>
public interface INotificationSender
{
    /// <summary>
    /// Sends the message. Succeeds only when the provider accepted it; a failure's <see cref="SendResult.Error"/>
    /// must not contain the recipient or the text. Providers that can drop duplicates are given
    /// <see cref="OutboxMessage.IdempotencyKey"/>. Throws only when <paramref name="cancellationToken"/> is cancelled
    /// (or for a bug; the dispatcher records the exception's type as the error).
    /// </summary>
    Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>The provider's verdict on one message.</summary>
public sealed record SendResult(bool Accepted, string? ProviderMessageId, string? Error)
{
    public static SendResult Success(string? providerMessageId) => new(true, providerMessageId, null);

    public static SendResult Failure(string error) => new(false, null, error);
}
