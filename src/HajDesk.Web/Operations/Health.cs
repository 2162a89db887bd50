using HajDesk.Core.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Operations;

/// <summary>
/// The load balancer's and orchestrator's view of a node: <c>/health/live</c> says the process answers (no check
/// runs, so a database outage never gets healthy processes restarted) and <c>/health/ready</c> says it can serve:
/// the database answers and has no pending migration. Both answer a plain <c>Healthy</c>/<c>Unhealthy</c>
/// (200/503) that machines read; the reason is in the log, never in the answer. <c>/health/ready</c> adds a second
/// line, <c>version: 1.0.0+0123456789ab</c>, so a rolling restart (or a person) sees which build each node runs.
/// </summary>
public static class Health
{
    /// <summary>The tag of the checks that decide readiness.</summary>
    public const string ReadyTag = "ready";

    public static IServiceCollection AddDeskHealthChecks(this IServiceCollection services)
    {
        // One query answers both questions: reaching the history table needs a connection, and an unreachable
        // database throws, which the check reports as Unhealthy.
        services.AddHealthChecks().AddDbContextCheck<HajDeskDbContext>("database", tags: [ReadyTag],
            customTestQuery: async (db, cancellationToken) =>
                !(await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any());
        return services;
    }

    /// <summary>
    /// <c>/health/live</c>, <c>/health/ready</c>, and <c>/health</c> (the older address, the same as ready).
    /// </summary>
    public static IEndpointRouteBuilder MapDeskHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        var ready = new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = (context, report) =>
            {
                context.Response.ContentType = "text/plain; charset=utf-8";
                return context.Response.WriteAsync($"{report.Status}\nversion: {AppVersion.Text}\n");
            },
        };
        endpoints.MapHealthChecks("/health/ready", ready);
        endpoints.MapHealthChecks("/health", ready);
        return endpoints;
    }
}
