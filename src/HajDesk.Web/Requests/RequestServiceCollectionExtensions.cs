using HajDesk.Web.BulkWork;
using HajDesk.Web.Incidents;
using HajDesk.Web.Staff;

namespace HajDesk.Web.Requests;

public static class RequestServiceCollectionExtensions
{
    /// <summary>Saving request changes (staff and citizen), running staff actions on one request, many, or an incident's.</summary>
    public static IServiceCollection AddRequestChanges(this IServiceCollection services)
    {
        services.AddScoped<RequestChanges>();
        services.AddScoped<StaffRequestActions>();
        services.AddScoped<BulkRequestActions>();
        services.AddScoped<BulkCommands>();
        services.AddScoped<IncidentWork>();
        return services;
    }
}
