using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Operations;

/// <summary>
/// How a node stops: on SIGTERM (systemd, <c>kill</c>, <c>deploy/run.sh</c>) or Ctrl+C the host stops taking new
/// connections, lets the requests in flight finish — a send with its documents included — and the background
/// services give back what they hold (the outbox dispatcher releases its claims), then exits; whatever is still
/// running after <c>Shutdown:TimeoutSeconds</c> is cut. Under systemd the host also reports ready and stopping
/// (<c>Type=notify</c>, see <c>deploy/hajdesk.service</c>).
/// </summary>
public static class GracefulShutdown
{
    public const string TimeoutSetting = "Shutdown:TimeoutSeconds";

    public const int DefaultTimeoutSeconds = 30;

    public static WebApplicationBuilder AddGracefulShutdown(this WebApplicationBuilder builder)
    {
        var seconds = builder.Configuration.GetValue(TimeoutSetting, DefaultTimeoutSeconds);
        if (seconds is < 1 or > 3600)
        {
            throw new InvalidOperationException($"{TimeoutSetting} must be between 1 and 3600 seconds; it is {seconds}.");
        }

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(seconds));
        // systemd: Type=notify start-up and stop notifications, and log lines without the console's colours. Nothing
        // changes when the process is not a systemd service.
        builder.Services.AddSystemd();
        builder.Services.AddHostedService<ShutdownLog>();
        return builder;
    }

    /// <summary>Logs when stopping begins and how long draining took: the figure a rolling restart waits for.</summary>
    private sealed class ShutdownLog(IHostApplicationLifetime lifetime, IOptions<HostOptions> options,
        IHostEnvironment environment, ILogger<ShutdownLog> logger) : IHostedService
    {
        private long stoppingAt;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStarted.Register(() =>
                logger.LogInformation("HajDesk {Version} started; content root {ContentRoot}", AppVersion.Text, environment.ContentRootPath));
            lifetime.ApplicationStopping.Register(() =>
            {
                stoppingAt = Stopwatch.GetTimestamp();
                logger.LogInformation("HajDesk {Version} stopping: no new connections; requests in flight have {TimeoutSeconds} s to finish",
                    AppVersion.Text, options.Value.ShutdownTimeout.TotalSeconds);
            });
            lifetime.ApplicationStopped.Register(() =>
                logger.LogInformation("HajDesk stopped; draining took {DrainMilliseconds:F0} ms", Stopwatch.GetElapsedTime(stoppingAt).TotalMilliseconds));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
