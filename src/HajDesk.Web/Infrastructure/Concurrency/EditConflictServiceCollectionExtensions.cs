using HajDesk.Web.Infrastructure.Concurrency;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HajDesk.Web.Infrastructure;

/// <summary>Registration of the one conflict response (<see cref="EditConflictFilter"/>).</summary>
public static class EditConflictServiceCollectionExtensions
{
    /// <summary>Registers <see cref="EditConflictFilter"/> for every Razor page.</summary>
    public static IServiceCollection AddEditConflicts(this IServiceCollection services) =>
        services.Configure<RazorPagesOptions>(options => options.Conventions.ConfigureFilter(new EditConflictFilter()));
}
