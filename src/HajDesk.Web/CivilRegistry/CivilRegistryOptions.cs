using System.ComponentModel.DataAnnotations;

namespace HajDesk.Web.CivilRegistry;

/// <summary>Where national codes are checked. Section <c>CivilRegistry</c>; see docs/civil-registry.md.</summary>
public sealed class CivilRegistryOptions : IValidatableObject
{
    public const string Section = "CivilRegistry";

    public const string DemoMode = "Demo";

    public const string HttpMode = "Http";

    /// <summary><c>Demo</c> (default: the people of <see cref="DemoFile"/>) or <c>Http</c> (the real service).</summary>
    [Required(ErrorMessage = "CivilRegistry:Mode is required.")]
    [RegularExpression("^(Demo|Http)$", ErrorMessage = "CivilRegistry:Mode must be 'Demo' or 'Http'.")]
    public string Mode { get; set; } = DemoMode;

    /// <summary>The demo people's CSV file, relative to the content root (or absolute).</summary>
    public string DemoFile { get; set; } = "CivilRegistry/demo-people.csv";

    /// <summary>The registry service's address, e.g. <c>https://registry.example/api</c>; required in Http mode.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Sent as the <c>X-Api-Key</c> header when set.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long one attempt may take.</summary>
    [Range(0.05, 120, ErrorMessage = "CivilRegistry:TimeoutSeconds must be between 0.05 and 120.")]
    public double TimeoutSeconds { get; set; } = 5;

    /// <summary>How many times a transient failure (5xx, 408, 429, timeout, network error) is retried.</summary>
    [Range(0, 5, ErrorMessage = "CivilRegistry:Retries must be between 0 and 5.")]
    public int Retries { get; set; } = 2;

    /// <summary>
    /// The circuit opens when at least this many attempts were made in the sampling window (30 seconds, or twice the
    /// attempt timeout if longer) and at least half of them failed.
    /// </summary>
    [Range(2, 10_000, ErrorMessage = "CivilRegistry:CircuitBreakerMinimumThroughput must be between 2 and 10000.")]
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    /// <summary>How long an open circuit answers Unavailable without calling the service.</summary>
    [Range(0.5, 3600, ErrorMessage = "CivilRegistry:CircuitBreakerBreakSeconds must be between 0.5 and 3600.")]
    public double CircuitBreakerBreakSeconds { get; set; } = 30;

    /// <summary>The first retry waits about this long; each next one about twice as long, capped at two seconds.</summary>
    internal static readonly TimeSpan RetryBaseDelay = TimeSpan.FromMilliseconds(200);

    internal static readonly TimeSpan RetryMaxDelay = TimeSpan.FromSeconds(2);

    internal TimeSpan AttemptTimeout => TimeSpan.FromSeconds(TimeoutSeconds);

    /// <summary>Every attempt at its full timeout plus the longest waits between them: a hard cap on one lookup.</summary>
    internal TimeSpan TotalTimeout => (AttemptTimeout * (Retries + 1)) + (RetryMaxDelay * Retries) + TimeSpan.FromSeconds(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Mode == HttpMode)
        {
            if (string.IsNullOrWhiteSpace(BaseUrl))
            {
                yield return new ValidationResult(
                    "CivilRegistry:BaseUrl is required when CivilRegistry:Mode is 'Http'.", [nameof(BaseUrl)]);
            }
            else if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                yield return new ValidationResult(
                    $"CivilRegistry:BaseUrl '{BaseUrl}' must be an absolute http or https address.", [nameof(BaseUrl)]);
            }
        }
        else if (Mode == DemoMode && string.IsNullOrWhiteSpace(DemoFile))
        {
            yield return new ValidationResult(
                "CivilRegistry:DemoFile is required when CivilRegistry:Mode is 'Demo'.", [nameof(DemoFile)]);
        }
    }
}
