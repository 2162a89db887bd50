namespace HajDesk.Core.Notifications;

public enum NotificationChannel
{
    Sms,
    Email,
}

public enum OutboxStatus
{
    Pending,
    Sent,

    /// <summary>Gave up after the last retry; an administrator may retry it.</summary>
    Failed,
}

/// <summary>
/// A message to send, written in the same transaction as the change that causes it and sent later by the
/// dispatcher (at least once; <see cref="IdempotencyKey"/> lets providers drop duplicates).
/// </summary>
public class OutboxMessage
{
    public long Id { get; set; }

    public NotificationChannel Channel { get; set; }

    /// <summary>Template key, e.g. <c>request.received</c>.</summary>
    public required string Template { get; set; }

    public required string Recipient { get; set; }

    public string? Subject { get; set; }

    public required string Body { get; set; }

    public string? HtmlBody { get; set; }

    public long? RequestId { get; set; }

    public Guid IdempotencyKey { get; set; } = Guid.NewGuid();

    public OutboxStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime NextAttemptAt { get; set; }

    /// <summary>Lease: a dispatcher that claimed the row owns it until then.</summary>
    public DateTime? LockedUntil { get; set; }

    public DateTime? SentAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>The provider's id for the sent message, when it gives one.</summary>
    public string? ProviderMessageId { get; set; }
}

/// <summary>A message the recording sender kept instead of sending (development default).</summary>
public class RecordedMessage
{
    public long Id { get; set; }

    public NotificationChannel Channel { get; set; }

    public required string Recipient { get; set; }

    public string? Subject { get; set; }

    public required string Body { get; set; }

    public string? HtmlBody { get; set; }

    public Guid IdempotencyKey { get; set; }

    public DateTime At { get; set; }
}

/// <summary>A Persian message text administrators can edit without a redeploy.</summary>
public class MessageTemplate : Data.IVersioned
{
    /// <summary>Longest SMS text an administrator may store (the column's size; sending has its own limit).</summary>
    public const int MaxSmsTextLength = 500;

    public const int MaxEmailSubjectLength = 300;

    public const int MaxEmailTextLength = 4000;

    /// <summary>Template key, e.g. <c>request.received</c>.</summary>
    public required string Key { get; set; }

    public required string SmsText { get; set; }

    public required string EmailSubject { get; set; }

    public required string EmailText { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }
}
