using HajDesk.Core.Calendar;

namespace HajDesk.Web.Escalation;

public static class EscalationServiceCollectionExtensions
{
    /// <summary>The official calendar (cached for the process) and the escalation dispatcher with its options.</summary>
    public static IServiceCollection AddCalendarAndEscalation(this IServiceCollection services)
    {
        services.AddSingleton<WorkingCalendarStore>();
        services.AddOptions<EscalationOptions>().BindConfiguration(EscalationOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<EscalationRules>();
        services.AddScoped<Pages.Staff.Admin.Calendar.CalendarAdmin>();
        services.AddSingleton<EscalationDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<EscalationDispatcher>());
        return services;
    }
}
