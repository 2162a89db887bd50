using Microsoft.AspNetCore.Mvc.Filters;

namespace HajDesk.Web.Infrastructure;

/// <summary>
/// Marks a page that shows personal data: no cache may keep it (a shared phone's back button must not show
/// someone's national code to the next person).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NoStoreAttribute : Attribute, IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        // The antiforgery token's own value: a form page otherwise has antiforgery override it and log a warning
        // ("Cache-Control overridden") on every render.
        context.HttpContext.Response.Headers.CacheControl = "no-cache, no-store";
        context.HttpContext.Response.Headers.Pragma = "no-cache";
        return next();
    }
}
