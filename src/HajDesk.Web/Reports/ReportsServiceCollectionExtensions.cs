using HajDesk.Core.Reports;

namespace HajDesk.Web.Reports;

public static class ReportsServiceCollectionExtensions
{
    /// <summary>The report figures (<see cref="ReportQueries"/>) and the start-up count of old first answers.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddScoped<ReportQueries>();
        services.AddHostedService<FirstAnswerBackfillService>();
        return services;
    }
}
