using HajDesk.Web.Staff;

namespace HajDesk.Web.Requests;

public static class RequestServiceCollectionExtensions
{
    /// <summary>Saving request changes (staff and citizen) and running staff actions on requests.</summary>
    public static IServiceCollection AddRequestChanges(this IServiceCollection services)
    {
        services.AddScoped<RequestChanges>();
        services.AddScoped<StaffRequestActions>();
        return services;
    }
}
