using System.ComponentModel.DataAnnotations;

namespace HajDesk.Web.Notifications;

/// <summary>The outbox and its dispatcher. Section <c>Notifications</c>; see docs/notifications.md.</summary>
public sealed class NotificationOptions : IValidatableObject
{
    public const string Section = "Notifications";

    /// <summary>
    /// The public address of the citizen site, e.g. <c>https://hajdesk.haj.ir</c>; messages point to
    /// <c>{PublicBaseUrl}/requests/track</c>.
    /// </summary>
    public string PublicBaseUrl { get; set; } = string.Empty;

    /// <summary>Whether this process runs the dispatcher. Off only in tests, or on nodes that should never send.</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>How long the dispatcher sleeps when there is nothing due (a local commit wakes it earlier).</summary>
    [Range(0.01, 3600, ErrorMessage = "Notifications:PollSeconds must be between 0.01 and 3600.")]
    public double PollSeconds { get; set; } = 5;

    /// <summary>Messages claimed at once by one dispatcher.</summary>
    [Range(1, 500, ErrorMessage = "Notifications:BatchSize must be between 1 and 500.")]
    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// How long a claimed batch belongs to its dispatcher. A dispatcher that dies holding a lease delays those messages
    /// by at most this long; it must be far longer than one send's timeout.
    /// </summary>
    [Range(1, 86400, ErrorMessage = "Notifications:LeaseSeconds must be between 1 and 86400.")]
    public double LeaseSeconds { get; set; } = 300;

    /// <summary>Attempts before a message is given up (<c>Failed</c>); an administrator may retry it.</summary>
    [Range(1, 100, ErrorMessage = "Notifications:MaxAttempts must be between 1 and 100.")]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failure; each next wait is four times longer (with ±20% jitter).</summary>
    [Range(0.001, 86400, ErrorMessage = "Notifications:FirstRetrySeconds must be between 0.001 and 86400.")]
    public double FirstRetrySeconds { get; set; } = 30;

    /// <summary>The longest wait between two attempts.</summary>
    [Range(0.001, 604800, ErrorMessage = "Notifications:MaxRetrySeconds must be between 0.001 and 604800.")]
    public double MaxRetrySeconds { get; set; } = 6 * 3600;

    /// <summary>E-mail the experts and supervisors of the province when a request arrives there.</summary>
    public bool NotifyStaffOnNewRequest { get; set; }

    internal TimeSpan PollInterval => TimeSpan.FromSeconds(PollSeconds);

    internal TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    /// <summary><c>{PublicBaseUrl}/requests/track</c>: where citizens follow their requests up.</summary>
    internal string FollowUpUrl => PublicBaseUrl.TrimEnd('/') + "/requests/track";

    /// <summary><c>{PublicBaseUrl}/survey/{token}</c>: a citizen's one-time satisfaction survey.</summary>
    internal string SurveyUrl(string token) => PublicBaseUrl.TrimEnd('/') + "/survey/" + token;

    /// <summary><c>{PublicBaseUrl}/staff</c>: the back office.</summary>
    internal string StaffUrl => PublicBaseUrl.TrimEnd('/') + "/staff";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(PublicBaseUrl))
        {
            yield return new ValidationResult(
                "Notifications:PublicBaseUrl is required (the citizen site's address, e.g. https://hajdesk.example).",
                [nameof(PublicBaseUrl)]);
        }
        else if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                 || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            yield return new ValidationResult(
                $"Notifications:PublicBaseUrl '{PublicBaseUrl}' must be an absolute http or https address without query.",
                [nameof(PublicBaseUrl)]);
        }

        if (MaxRetrySeconds < FirstRetrySeconds)
        {
            yield return new ValidationResult(
                "Notifications:MaxRetrySeconds must not be less than Notifications:FirstRetrySeconds.", [nameof(MaxRetrySeconds)]);
        }
    }
}

/// <summary>How SMS are sent. Section <c>Notifications:Sms</c>.</summary>
public sealed class SmsOptions : IValidatableObject
{
    public const string Section = "Notifications:Sms";

    public const string RecordingMode = "Recording";

    public const string HttpMode = "Http";

    /// <summary><c>Recording</c> (default: kept in the database, nothing sent) or <c>Http</c> (the SMS gateway).</summary>
    [Required(ErrorMessage = "Notifications:Sms:Mode is required.")]
    [RegularExpression("^(Recording|Http)$", ErrorMessage = "Notifications:Sms:Mode must be 'Recording' or 'Http'.")]
    public string Mode { get; set; } = RecordingMode;

    /// <summary>The gateway's address, e.g. <c>https://api.kavenegar.com</c>; required in Http mode.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The gateway's API key (part of the request path); required in Http mode. Keep it out of files.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The sending line number (<c>sender</c>); required in Http mode.</summary>
    public string? Sender { get; set; }

    /// <summary>How long one call to the gateway may take; the outbox retries a call that timed out.</summary>
    [Range(0.05, 120, ErrorMessage = "Notifications:Sms:TimeoutSeconds must be between 0.05 and 120.")]
    public double TimeoutSeconds { get; set; } = 10;

    internal TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Mode != HttpMode)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(BaseUrl))
        {
            yield return new ValidationResult(
                "Notifications:Sms:BaseUrl is required when Notifications:Sms:Mode is 'Http'.", [nameof(BaseUrl)]);
        }
        else if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult(
                $"Notifications:Sms:BaseUrl '{BaseUrl}' must be an absolute http or https address.", [nameof(BaseUrl)]);
        }

        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            yield return new ValidationResult(
                "Notifications:Sms:ApiKey is required when Notifications:Sms:Mode is 'Http'.", [nameof(ApiKey)]);
        }

        if (string.IsNullOrWhiteSpace(Sender))
        {
            yield return new ValidationResult(
                "Notifications:Sms:Sender is required when Notifications:Sms:Mode is 'Http'.", [nameof(Sender)]);
        }
    }
}

/// <summary>How e-mail is sent. Section <c>Notifications:Email</c>.</summary>
public sealed class EmailOptions : IValidatableObject
{
    public const string Section = "Notifications:Email";

    public const string RecordingMode = "Recording";

    public const string SmtpMode = "Smtp";

    /// <summary><c>Recording</c> (default: kept in the database, nothing sent) or <c>Smtp</c>.</summary>
    [Required(ErrorMessage = "Notifications:Email:Mode is required.")]
    [RegularExpression("^(Recording|Smtp)$", ErrorMessage = "Notifications:Email:Mode must be 'Recording' or 'Smtp'.")]
    public string Mode { get; set; } = RecordingMode;

    /// <summary>The SMTP server's host name; required in Smtp mode.</summary>
    public string? Host { get; set; }

    [Range(1, 65535, ErrorMessage = "Notifications:Email:Port must be between 1 and 65535.")]
    public int Port { get; set; } = 587;

    /// <summary>
    /// Transport security: <c>None</c>, <c>StartTls</c> (default: upgrade with STARTTLS, refuse a server that cannot)
    /// or <c>SslOnConnect</c> (TLS from the first byte, usually port 465).
    /// </summary>
    [Required(ErrorMessage = "Notifications:Email:UseStartTls is required.")]
    [RegularExpression("^(None|StartTls|SslOnConnect)$",
        ErrorMessage = "Notifications:Email:UseStartTls must be 'None', 'StartTls' or 'SslOnConnect'.")]
    public string UseStartTls { get; set; } = "StartTls";

    /// <summary>Optional: authenticate with this user and <see cref="Password"/>.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender's address, e.g. <c>no-reply@haj.ir</c>; required in Smtp mode.</summary>
    public string? FromAddress { get; set; }

    /// <summary>The sender's display name; the organization's name when empty.</summary>
    public string? FromName { get; set; }

    /// <summary>How long connecting and sending one message may take in all.</summary>
    [Range(0.05, 600, ErrorMessage = "Notifications:Email:TimeoutSeconds must be between 0.05 and 600.")]
    public double TimeoutSeconds { get; set; } = 30;

    internal TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Mode != SmtpMode)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(Host))
        {
            yield return new ValidationResult(
                "Notifications:Email:Host is required when Notifications:Email:Mode is 'Smtp'.", [nameof(Host)]);
        }

        if (string.IsNullOrWhiteSpace(FromAddress))
        {
            yield return new ValidationResult(
                "Notifications:Email:FromAddress is required when Notifications:Email:Mode is 'Smtp'.", [nameof(FromAddress)]);
        }
        else if (!MimeKit.MailboxAddress.TryParse(FromAddress, out var from) || string.IsNullOrEmpty(from.Domain))
        {
            yield return new ValidationResult(
                $"Notifications:Email:FromAddress '{FromAddress}' is not an e-mail address.", [nameof(FromAddress)]);
        }

        if (string.IsNullOrEmpty(UserName) != string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult(
                "Notifications:Email:UserName and Notifications:Email:Password must be given together.", [nameof(UserName)]);
        }
    }
}
