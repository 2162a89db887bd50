using HajDesk.Core.Reports;

namespace HajDesk.Web.Reports;

public static class ReportsServiceCollectionExtensions
{
    /// <summary>The output-cache policy of the public statistics page.</summary>
    public const string PublicStatisticsCache = "public-statistics";

    /// <summary>The report figures (<see cref="ReportQueries"/>), the start-up count of old first answers and the public statistics.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddScoped<ReportQueries>();
        services.AddScoped<ReportComments>();
        services.AddHostedService<FirstAnswerBackfillService>();
        services.AddHostedService<ReportSummaryService>();
        services.AddSingleton<PublicStatistics>();
        // The public statistics page is the same for everyone all day: served from the output cache.
        services.AddOutputCache(o => o.AddPolicy(PublicStatisticsCache, b => b.Expire(TimeSpan.FromMinutes(10))));
        return services;
    }
}
