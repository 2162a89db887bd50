using HajDesk.Core.Retention;

namespace HajDesk.Web.Retention;

public static class RetentionServiceCollectionExtensions
{
    /// <summary>The retention policy (Core), its options and the background service that applies it.</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<RetentionService>();
        services.AddHostedService<RetentionWorker>();
        return services;
    }
}
