namespace HajDesk.Web.Assignment;

public static class AssignmentServiceCollectionExtensions
{
    /// <summary>Automatic assignment (Core, called by submission), absences and their hand-over round.</summary>
    public static IServiceCollection AddAssignment(this IServiceCollection services)
    {
        services.AddOptions<AssignmentOptions>().BindConfiguration(AssignmentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Core.Assignment.AutoAssigner>();
        services.AddScoped<AbsenceWork>();
        services.AddHostedService<AbsenceHandOverWorker>();
        return services;
    }
}
