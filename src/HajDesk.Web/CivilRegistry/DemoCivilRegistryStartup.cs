namespace HajDesk.Web.CivilRegistry;

/// <summary>Loads the demo file as the host starts and says, loudly outside development, that the registry is a demo.</summary>
internal sealed class DemoCivilRegistryStartup(
    DemoCivilRegistry registry, IHostEnvironment environment, ILogger<DemoCivilRegistryStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (environment.IsProduction())
        {
            logger.LogWarning("CivilRegistry:Mode is 'Demo': national codes are checked against {Count} demo people, " +
                "not the civil registry", registry.Count);
        }
        else
        {
            logger.LogInformation("Demo civil registry with {Count} people", registry.Count);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
