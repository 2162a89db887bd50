using Microsoft.AspNetCore.Mvc.Filters;

namespace HajDesk.Web.Infrastructure.Forms;

/// <summary>
/// A bound <c>bool</c> whose sent value is no boolean (<c>?overdue=maybe</c>) keeps its error but forgets the raw
/// value. Left in the model state, that value made the check box's tag helper throw while rendering the page's
/// answer (a 500 instead of the Persian message of <see cref="PersianBindingMessages"/>); the box now shows unticked.
/// </summary>
public sealed class UnreadableCheckboxValues : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var property in context.ActionDescriptor.BoundProperties)
        {
            if (property.ParameterType == typeof(bool) || property.ParameterType == typeof(bool?))
            {
                var key = property.BindingInfo?.BinderModelName ?? property.Name;
                if (context.ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0)
                {
                    context.ModelState.SetModelValue(key, rawValue: null, entry.AttemptedValue);
                }
            }
        }
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}
