using System.Runtime.CompilerServices;
using HajDesk.Core.CivilRegistry;
using HajDesk.Core.Data;
using HajDesk.Core.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using OpenTelemetry.Metrics;

namespace HajDesk.Web.Operations;

/// <summary>
/// Logs as JSON on request (<c>Logging:Json=true</c>), the desk's metrics (<see cref="DeskMetrics"/>), and, when
/// <c>Management:Urls</c> names an address, OpenTelemetry metrics (ASP.NET Core, runtime, Npgsql, the desk's own)
/// served for Prometheus at <c>/metrics</c> on that address only.
/// </summary>
public static class Observability
{
    public const string ManagementUrlsSetting = "Management:Urls";

    public static WebApplicationBuilder AddDeskObservability(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue("Logging:Json", false))
        {
            // One JSON object a line, for a log shipper; the same messages, so still no personal data.
            builder.Logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        }

        var services = builder.Services;
        services.AddSingleton<DeskGauges>();
        services.AddSingleton<DeskMetrics>();
        services.AddSingleton<SubmittedRequestsCounter>();
        services.ConfigureDbContext<HajDeskDbContext>((sp, db) => db.AddInterceptors(sp.GetRequiredService<SubmittedRequestsCounter>()));
        DecorateCivilRegistry(services);

        var management = builder.Configuration[ManagementUrlsSetting];
        if (string.IsNullOrWhiteSpace(management))
        {
            return builder;
        }

        var ports = ManagementPorts.Parse(management);
        services.AddSingleton(ports);
        // Kestrel listens on the public addresses and the management ones; the latter answer /metrics and health only.
        var publicUrls = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey);
        builder.WebHost.UseUrls(string.IsNullOrWhiteSpace(publicUrls) ? management : publicUrls + ";" + management);
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(DeskMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddNpgsqlInstrumentation()
            .AddPrometheusExporter());
        services.AddHostedService<DeskGaugeSampler>();
        return builder;
    }

    /// <summary>
    /// On a management port, <c>/metrics</c> and <c>/health/*</c> and nothing else; on any other port no
    /// <c>/metrics</c> at all (the public proxy forwards only to the public port, so it can never reach it).
    /// </summary>
    public static WebApplication UseManagementEndpoint(this WebApplication app)
    {
        if (app.Services.GetService<ManagementPorts>() is not { } ports)
        {
            return app;
        }

        app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            ports.Contains(context.Connection.LocalPort) && context.Request.Path == "/metrics");
        app.Use((context, next) =>
        {
            if (ports.Contains(context.Connection.LocalPort) && !context.Request.Path.StartsWithSegments("/health"))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
        return app;
    }

    private static void DecorateCivilRegistry(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(ICivilRegistry));
        if (registered is null)
        {
            return;
        }

        services.Remove(registered);
        services.Add(new ServiceDescriptor(typeof(ICivilRegistry), sp => new MeteredCivilRegistry(
            registered.ImplementationFactory is { } factory ? (ICivilRegistry)factory(sp)
                : registered.ImplementationInstance is ICivilRegistry instance ? instance
                : (ICivilRegistry)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!),
            sp.GetRequiredService<DeskMetrics>()), registered.Lifetime));
    }
}

/// <summary>The ports of <c>Management:Urls</c>.</summary>
public sealed class ManagementPorts(IReadOnlySet<int> ports)
{
    public bool Contains(int port) => ports.Contains(port);

    public static ManagementPorts Parse(string urls)
    {
        var ports = new HashSet<int>();
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                throw new InvalidOperationException(
                    $"{Observability.ManagementUrlsSetting} must list addresses, e.g. http://127.0.0.1:9464; '{url}' is not one.");
            }

            ports.Add(uri.Port);
        }

        return new ManagementPorts(ports);
    }
}

/// <summary>Counts requests committed (new <see cref="ServiceRequest"/> rows), whatever path created them.</summary>
internal sealed class SubmittedRequestsCounter(DeskMetrics metrics) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<RequestChannel>> adding = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Remember(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Count(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Count(eventData.Context);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Remember(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // Each new request by the channel it records: the citizen's form, the API, or staff registering a call,
        // a visit, a letter or a سامد case.
        var added = context.ChangeTracker.Entries<ServiceRequest>().Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity.Channel).ToList();
        if (added.Count > 0)
        {
            adding.AddOrUpdate(context, added);
        }
    }

    private void Count(DbContext? context)
    {
        if (context is not null && adding.TryGetValue(context, out var added))
        {
            adding.Remove(context);
            foreach (var channel in added)
            {
                metrics.RequestSubmitted(channel);
            }
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            adding.Remove(context);
        }
    }
}
