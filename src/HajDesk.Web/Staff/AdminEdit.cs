using System.Linq.Expressions;
using HajDesk.Core.Data;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Infrastructure.Concurrency;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Staff;

/// <summary>What an administrator's change wrote: the audit action and its details (Persian).</summary>
public sealed record AdminChange(string Action, string? Details);

/// <summary>
/// The one shape of an administrator's edit of one row (the pages under <c>Pages/Staff/Admin</c>): load the row by its
/// key (404 when there is none), check the version the form was drawn from (a stale form is answered by the
/// <see cref="EditConflictFilter"/> with its Persian message and the typed text kept), apply the change, write its audit
/// row and save both together, then confirm (<see cref="FlashMessages"/>) and redirect (Post/Redirect/Get).
/// </summary>
public sealed class AdminEdit(HajDeskDbContext db, AuditLog audit)
{
    /// <summary>
    /// Runs the edit. <paramref name="change"/> changes the row and says what it wrote, or returns null when nothing
    /// changed (no audit row, nothing saved; the confirmation is shown all the same). A change that adds a model error
    /// is refused: nothing is saved and <paramref name="invalid"/> answers (the page again, 400, typed text kept).
    /// </summary>
    public async Task<IActionResult> RunAsync<T>(PageModel page, IQueryable<T> rows, Expression<Func<T, bool>> which, int version,
        Func<T, Task<AdminChange?>> change, string confirmation, Func<T, IActionResult> redirect, CancellationToken cancellationToken,
        Action<T>? found = null, Func<T, IActionResult>? invalid = null)
        where T : class, IVersioned
    {
        var row = await rows.FirstOrDefaultAsync(which, cancellationToken);
        if (row is null)
        {
            return page.NotFound();
        }

        // The page keeps the row first, so that a conflict can draw it again (IEditConflictPage).
        found?.Invoke(row);

        db.ExpectVersion(row, version);
        var written = await change(row);
        if (page.ModelState.ErrorCount > 0)
        {
            page.Response.StatusCode = StatusCodes.Status400BadRequest;
            return invalid is null ? page.Page() : invalid(row);
        }

        if (written is not null)
        {
            audit.Add(written.Action, null, written.Details);
            await db.SaveChangesAsync(cancellationToken);
        }

        page.Flash(confirmation);
        return redirect(row);
    }

    /// <summary>
    /// The change of an activate/deactivate button: null when the row is already so (nothing written), otherwise the
    /// row switched through <paramref name="set"/> and the matching audit action.
    /// </summary>
    public static AdminChange? Switch(bool isActive, bool active, Action<bool> set, string activated, string deactivated, string details)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (isActive == active)
        {
            return null;
        }

        set(active);
        return new AdminChange(active ? activated : deactivated, details);
    }

    /// <summary>The same, for a change that needs no awaiting.</summary>
    public Task<IActionResult> RunAsync<T>(PageModel page, IQueryable<T> rows, Expression<Func<T, bool>> which, int version,
        Func<T, AdminChange?> change, string confirmation, Func<T, IActionResult> redirect, CancellationToken cancellationToken,
        Action<T>? found = null)
        where T : class, IVersioned =>
        RunAsync(page, rows, which, version, row => Task.FromResult(change(row)), confirmation, redirect, cancellationToken, found);
}
