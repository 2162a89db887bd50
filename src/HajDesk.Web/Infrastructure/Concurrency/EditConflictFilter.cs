using HajDesk.Core.Data;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Infrastructure.Concurrency;

/// <summary>
/// Turns a <see cref="DbUpdateConcurrencyException"/> thrown by a handler of an <see cref="IEditConflictPage"/> —
/// a form drawn from an older version (<see cref="Versioning.ExpectVersion{T}"/>) or a change committed between
/// loading and saving — into 409: the page drawn again with the row as it is now, the typed values kept, and
/// <see cref="EditConflict.Message"/>. Whatever the handler had staged (the change, its audit row) is dropped.
/// </summary>
public sealed class EditConflictFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next();
        if (executed.Exception is not DbUpdateConcurrencyException || executed.ExceptionHandled
            || context.HandlerInstance is not PageModel page || page is not IEditConflictPage conflictPage)
        {
            return;
        }

        executed.ExceptionHandled = true;
        var http = context.HttpContext;
        http.RequestServices.GetRequiredService<HajDeskDbContext>().ChangeTracker.Clear();
        // The typed values live on in the bound properties; the posted (stale) version and any validation messages go,
        // so the forms are drawn with the current version.
        page.ModelState.Clear();
        if (!await conflictPage.ReloadAfterConflictAsync(http.RequestAborted))
        {
            executed.Result = page.NotFound();
            return;
        }

        EditConflict.Raise(http);
        executed.Result = page.Page();
    }
}
