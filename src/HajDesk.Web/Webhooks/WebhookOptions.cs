using System.ComponentModel.DataAnnotations;

namespace HajDesk.Web.Webhooks;

/// <summary>Webhook deliveries. Section <c>Webhooks</c>; see docs/api.md. The dispatcher runs where <c>Notifications:DispatcherEnabled</c> is on.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>How long one POST to a subscriber may take before it counts as failed.</summary>
    [Range(1, 120, ErrorMessage = "Webhooks:TimeoutSeconds must be between 1 and 120.")]
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>How long a claimed batch belongs to its dispatcher; more than twice the timeout.</summary>
    [Range(3, 86400, ErrorMessage = "Webhooks:LeaseSeconds must be between 3 and 86400.")]
    public double LeaseSeconds { get; set; } = 120;

    /// <summary>How long the dispatcher sleeps when nothing is due (a local commit wakes it earlier).</summary>
    [Range(0.01, 3600, ErrorMessage = "Webhooks:PollSeconds must be between 0.01 and 3600.")]
    public double PollSeconds { get; set; } = 5;

    [Range(1, 500, ErrorMessage = "Webhooks:BatchSize must be between 1 and 500.")]
    public int BatchSize { get; set; } = 20;

    /// <summary>Attempts before a delivery is given up.</summary>
    [Range(1, 100, ErrorMessage = "Webhooks:MaxAttempts must be between 1 and 100.")]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The wait after the first failure; each next wait is four times longer (±20%), at most <see cref="MaxRetrySeconds"/>.</summary>
    [Range(0.001, 86400, ErrorMessage = "Webhooks:FirstRetrySeconds must be between 0.001 and 86400.")]
    public double FirstRetrySeconds { get; set; } = 30;

    [Range(0.001, 604800, ErrorMessage = "Webhooks:MaxRetrySeconds must be between 0.001 and 604800.")]
    public double MaxRetrySeconds { get; set; } = 6 * 3600;

    /// <summary>
    /// Allow subscribers on loopback and private networks (a receiver on the same machine or the organisation's
    /// network). Off by default: an administrator's typo must not make the server post into its own network.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    internal TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    internal TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    internal TimeSpan PollInterval => TimeSpan.FromSeconds(PollSeconds);
}
