using System.Globalization;
using HajDesk.Core.Audit;
using HajDesk.Core.Data;
using HajDesk.Core.Paging;
using HajDesk.Core.Persian;
using HajDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Staff.Admin.Audit;

/// <summary>
/// <c>/staff/admin/audit</c> (گزارش رویدادها): the audit log, newest first, keyset-paged by <c>(At, Id)</c>, filtered
/// by user name, action, request id and a Jalali date range (Tehran days, Persian digits accepted). A GET form: the
/// filters hold no citizen data.
/// </summary>
[NoStore]
public class IndexModel(HajDeskDbContext db) : PageModel
{
    public const int PageSize = 50;

    /// <summary>Audit pages go by <c>(At, Id)</c>.</summary>
    private static readonly KeysetPaging<AuditEntry> Paging = new(a => a.At, a => a.Id);

    /// <summary>A user name: an account's entries (any letter case), or entries recorded with exactly this name.</summary>
    [BindProperty(SupportsGet = true)]
    public string? UserName { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? RequestId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    public List<AuditEntry> Rows { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public string? PreviousCursor { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var entries = db.AuditEntries.AsNoTracking();
        var user = (UserName ?? string.Empty).Trim();
        if (user.Length > 0)
        {
            // An account's entries by its id (whatever the case typed); a typed name of a failed sign-in exactly.
            var normalized = user.ToUpperInvariant();
            var ids = await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => u.Id).ToListAsync(cancellationToken);
            entries = entries.Where(a => (a.UserId != null && ids.Contains(a.UserId)) || a.UserName == user);
        }

        if (!string.IsNullOrWhiteSpace(Action))
        {
            var action = Action.Trim();
            entries = entries.Where(a => a.Action == action);
        }

        if (!string.IsNullOrWhiteSpace(RequestId))
        {
            if (long.TryParse(PersianText.NormalizeNumeric(RequestId), NumberStyles.None, CultureInfo.InvariantCulture, out var requestId))
            {
                entries = entries.Where(a => a.RequestId == requestId);
            }
            else
            {
                ModelState.AddModelError(nameof(RequestId), "شماره درخواست باید عدد باشد.");
            }
        }

        var dates = JalaliDateRange.Parse(From, To);
        dates.Errors.ToList().ForEach(e => ModelState.AddModelError(e.Field, e.Message));
        entries = dates.Apply(entries, a => a.At);
        if (!ModelState.IsValid)
        {
            return;
        }

        var page = await Paging.ReadAsync(entries, newestFirst: true, After, Before, PageSize, e => e, e => new KeysetCursor(e.At, e.Id), cancellationToken);
        Rows = [.. page.Rows];
        NextCursor = page.NextCursor;
        PreviousCursor = page.PreviousCursor;
    }

    /// <summary>This page's address with the current filters and the given cursor.</summary>
    public string PageUrl(string? after = null, string? before = null) => new ListQuery()
        .Add(nameof(UserName), UserName)
        .Add("action", Action)
        .Add(nameof(RequestId), PersianText.NormalizeNumeric(RequestId))
        .Add("from", PersianText.NormalizeNumeric(From))
        .Add("to", PersianText.NormalizeNumeric(To))
        .Add("after", after)
        .Add("before", before)
        .ToUrl(Url.Page("/Staff/Admin/Audit/Index")!);

    /// <summary>Tehran time to the second, e.g. <c>۱۲ تیر ۱۴۰۴، ۱۴:۰۵:۰۹</c>.</summary>
    public static string FormatTime(DateTime utc)
    {
        var local = JalaliDate.ToTehranLocal(utc);
        return JalaliDate.FormatLong(DateOnly.FromDateTime(local)) + "، "
            + PersianText.ToPersianDigits(local.ToString("HH:mm:ss", CultureInfo.InvariantCulture));
    }
}
