using HajDesk.Core.CivilRegistry;
using HajDesk.Web.CivilRegistry;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

// In the DI namespace, like the framework's own Add* methods, so Program.cs needs no using for it.
namespace Microsoft.Extensions.DependencyInjection;

public static class CivilRegistryServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ICivilRegistry"/>: the demo file's people when <c>CivilRegistry:Mode</c> is <c>Demo</c>
    /// (the default), the real service's HTTP client when it is <c>Http</c>. Settings are validated at start-up.
    /// </summary>
    public static IServiceCollection AddCivilRegistry(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(CivilRegistryOptions.Section);
        services.AddOptions<CivilRegistryOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();

        // Read eagerly: the mode decides what is registered.
        var mode = section[nameof(CivilRegistryOptions.Mode)] ?? CivilRegistryOptions.DemoMode;
        switch (mode)
        {
            case CivilRegistryOptions.DemoMode:
                services.AddSingleton(sp =>
                {
                    var file = sp.GetRequiredService<IOptions<CivilRegistryOptions>>().Value.DemoFile;
                    var root = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
                    return DemoCivilRegistry.Load(Path.GetFullPath(Path.Combine(root, file)));
                });
                services.AddSingleton<ICivilRegistry>(sp => sp.GetRequiredService<DemoCivilRegistry>());
                // Reads the file when the host starts, so that a bad file stops the start instead of a citizen's lookup.
                services.AddHostedService<DemoCivilRegistryStartup>();
                break;
            case CivilRegistryOptions.HttpMode:
                AddHttpCivilRegistry(services);
                break;
            default:
                throw new OptionsValidationException(CivilRegistryOptions.Section, typeof(CivilRegistryOptions),
                    [$"CivilRegistry:Mode is '{mode}'; it must be 'Demo' or 'Http'."]);
        }

        return services;
    }

    private static void AddHttpCivilRegistry(IServiceCollection services)
    {
        services.AddHttpClient<ICivilRegistry, HttpCivilRegistry>((sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<CivilRegistryOptions>>().Value;
                client.BaseAddress = new Uri(options.BaseUrl!.TrimEnd('/') + "/");
                if (!string.IsNullOrEmpty(options.ApiKey))
                {
                    client.DefaultRequestHeaders.Add(HttpCivilRegistry.ApiKeyHeader, options.ApiKey);
                }

                // A backstop behind the pipeline's total timeout that also covers reading the answer's body.
                client.Timeout = options.TotalTimeout + TimeSpan.FromSeconds(1);
                client.MaxResponseContentBufferSize = HttpCivilRegistry.MaxResponseBytes;
            })
            .RedactLoggedHeaders([HttpCivilRegistry.ApiKeyHeader])
            .AddResilienceHandler("civil-registry", static (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<CivilRegistryOptions>>().Value;

                // Outermost first: total timeout, retry, circuit breaker, per-attempt timeout.
                pipeline.AddTimeout(options.TotalTimeout);
                if (options.Retries > 0)
                {
                    // The inquiry only reads, so retrying its POST is safe (the contract says so).
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.Retries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = CivilRegistryOptions.RetryBaseDelay,
                        MaxDelay = CivilRegistryOptions.RetryMaxDelay,
                        // A citizen is waiting: a Retry-After of minutes is not honoured, the lookup fails instead.
                        ShouldRetryAfterHeader = false,
                    });
                }

                var samplingDuration = options.AttemptTimeout * 2;
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = options.CircuitBreakerMinimumThroughput,
                    SamplingDuration = samplingDuration > TimeSpan.FromSeconds(30) ? samplingDuration : TimeSpan.FromSeconds(30),
                    BreakDuration = TimeSpan.FromSeconds(options.CircuitBreakerBreakSeconds),
                });
                pipeline.AddTimeout(options.AttemptTimeout);
            });
    }
}
