using System.ComponentModel.DataAnnotations;
using System.Globalization;
using HajDesk.Core.Data;
using HajDesk.Core.Paging;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests;
using HajDesk.Web.BulkWork;
using HajDesk.Web.Exports;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Staff.Inbox;

/// <summary>
/// The inbox: the requests in the staff member's scope, filtered and keyset-paged by <c>(CreatedAt, Id)</c>.
/// </summary>
/// <remarks>
/// Personal data never goes into a URL. The filter form is a GET whose query string holds only a status, a subject
/// id, Jalali dates, flags and an opaque cursor; the search box (which may hold a national code or a name) is a
/// POST that renders its results directly, and its paging buttons are POSTs too.
/// </remarks>
[NoStore]
public class IndexModel(HajDeskDbContext db, StaffScope scope, CurrentStaff currentStaff, TimeProvider time, AuditLog audit,
    Core.Calendar.WorkingCalendarStore calendars, Microsoft.Extensions.Options.IOptions<Escalation.EscalationOptions> escalation,
    InboxExport export, BulkCommands bulk, Web.Incidents.IncidentWork incidents)
    : PageModel
{
    public const int PageSize = 25;

    /// <summary>The page sizes «تعداد در هر صفحه» offers; the largest is the most a bulk action takes.</summary>
    public static IReadOnlyList<int> PageSizes { get; } = [PageSize, 100, BulkRequestActions.MaxRows];

    /// <summary>Inbox pages go by <c>(CreatedAt, Id)</c>.</summary>
    private static readonly KeysetPaging<ServiceRequest> Paging = new(r => r.CreatedAt, r => r.Id);

    [BindProperty(SupportsGet = true), Display(Name = "وضعیت")]
    public RequestStatus? Status { get; set; }

    [BindProperty(SupportsGet = true), Display(Name = "موضوع")]
    public int? Subject { get; set; }

    /// <summary>Only requests that came in by this channel (web, 111, in person, letter, سامد, API).</summary>
    [BindProperty(SupportsGet = true), Display(Name = "راه رسیدن")]
    public RequestChannel? Channel { get; set; }

    /// <summary>Only requests, complaints, criticisms or suggestions.</summary>
    [BindProperty(SupportsGet = true), Display(Name = "نوع پیام")]
    public RequestType? Type { get; set; }

    /// <summary>Jalali date, created on or after (Tehran day).</summary>
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    /// <summary>Jalali date, created on or before (Tehran day).</summary>
    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true), Display(Name = "فقط دیرکرددار")]
    public bool Overdue { get; set; }

    /// <summary>«نزدیک به مهلت»: not yet overdue, due within the national warning window (<c>Escalation:WarnDaysBefore</c> working days).</summary>
    [BindProperty(SupportsGet = true), Display(Name = "نزدیک به مهلت")]
    public bool DueSoon { get; set; }

    [BindProperty(SupportsGet = true), Display(Name = "فقط درخواست‌های من")]
    public bool Mine { get; set; }

    /// <summary><c>oldest</c> for oldest first; anything else is newest first.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    /// <summary>Rows per page: one of <see cref="PageSizes"/>; anything else is the default.</summary>
    [BindProperty(SupportsGet = true), Display(Name = "تعداد در هر صفحه")]
    public int? Size { get; set; }

    public int RowsPerPage => Size is { } size && PageSizes.Contains(size) ? size : PageSize;

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    /// <summary>A finished action to confirm (<c>referred</c>).</summary>

    /// <summary>The search box; only ever posted, never in a URL.</summary>
    [BindProperty]
    public string? Q { get; set; }

    public InboxSearch? Search { get; private set; }

    /// <summary>«اقدام گروهی»: the action, its inputs and the chosen rows.</summary>
    [BindProperty]
    public BulkCommand Bulk { get; set; } = new();

    /// <summary>The rows of the bulk action just run.</summary>
    public BulkResult? BulkResult { get; private set; }

    /// <summary>What the bulk form offers; loaded when the list has rows.</summary>
    public BulkChoices? Choices { get; private set; }

    public bool Searching { get; private set; }

    public StaffMember Me { get; private set; } = null!;

    public List<InboxRow> Rows { get; } = [];

    public Dictionary<RequestStatus, int> Counts { get; } = [];

    /// <summary>Status counts above this are shown as «بیش از …»: exact numbers that large help no one.</summary>
    public const int CountCap = 10_000;

    /// <summary>
    /// A search's matches are counted up to this many; with more, the page reads «بیش از ۱۰۰۰» and no count per
    /// status. A search that finds more than a thousand requests is refined, not read through.
    /// </summary>
    public const int SearchCountCap = 1_000;

    /// <summary>The search found more than <see cref="SearchCountCap"/> requests: its counts are not known.</summary>
    public bool SearchCountCapped { get; private set; }

    public int TotalCount => Counts.Values.Sum();

    /// <summary>A count for display, in Persian digits; capped counts read «بیش از ۱۰۰۰۰» (or the cap given).</summary>
    public static string CountText(int count, bool capped, int cap = CountCap) =>
        capped || count > cap
            ? $"بیش از {PersianText.ToPersianDigits(cap.ToString(CultureInfo.InvariantCulture))}"
            : PersianText.ToPersianDigits(count.ToString(CultureInfo.InvariantCulture));

    public bool AnyCountCapped => Counts.Values.Any(c => c > CountCap);

    public List<(int Id, string Name)> Subjects { get; } = [];

    public string? NextCursor { get; private set; }

    public string? PreviousCursor { get; private set; }

    public bool OldestFirst => Sort == "oldest";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Q = null;
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Search: renders the results directly, so the search term stays out of every URL.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Searching = true;
        Search = InboxSearch.Parse(Q);
        if (Search is null)
        {
            ModelState.AddModelError(nameof(Q), "کد پیگیری، کد ملی یا نام را برای جستجو بنویسید.");
        }

        await LoadAsync(cancellationToken);
        if (Search is not null && After is null && Before is null)
        {
            await audit.WriteAsync(AuditActions.InboxSearch, null, $"جستجو با {Search.KindText}؛ {Rows.Count} نتیجه در صفحه نخست");
        }

        return Page();
    }

    /// <summary>
    /// «اجرا»: the chosen action on the chosen rows, each through the request's own transition, version check and
    /// audit; the inbox then shows every row's outcome above the refreshed list.
    /// </summary>
    public async Task<IActionResult> OnPostBulkAsync(CancellationToken cancellationToken)
    {
        Q = null;
        var (result, errors) = await bulk.RunAsync(Bulk, cancellationToken);
        foreach (var error in errors)
        {
            ModelState.AddModelError("Bulk." + error.Field, error.Message);
        }

        BulkResult = result;
        await LoadAsync(cancellationToken);
        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Me = await currentStaff.RequireAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;

        var subjects = db.Subjects.AsNoTracking().Where(s => s.ParentId == null);
        if (Me.Role == Core.Staff.StaffRole.Expert && Me.SubjectIds.Count > 0)
        {
            var mine = Me.SubjectIds.ToList();
            subjects = subjects.Where(s => mine.Contains(s.Id));
        }

        Subjects.AddRange((await subjects.OrderBy(s => s.DisplayOrder).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken))
            .Select(s => (s.Id, s.Name)));

        var requests = (await scope.RequestsAsync(cancellationToken)).AsNoTracking();
        if (Searching)
        {
            requests = Search is null ? requests.Where(r => false) : await Search.ApplyAsync(requests, db.RequestEvents.AsNoTracking(), cancellationToken);
        }

        var dueSoonUntil = await DueSoonUntilAsync(now, cancellationToken);
        (requests, var errors) = Filter.Apply(requests, Me.Id, now, dueSoonUntil);
        errors.ToList().ForEach(e => ModelState.AddModelError(e.Field, e.Message));

        // Counts per status: everything above, before the status filter. Browsing, each count stops at CountCap, so
        // that an administrator's inbox over a million requests costs six short index scans, not a scan of every row.
        // A search reads the status of at most SearchCountCap + 1 of its matches: up to the cap, they give the exact
        // count per status; beyond it the page says «بیش از …» and leaves the statuses out, since counting every match
        // of a common name over a million requests costs more than the rest of the page (docs/performance.md).
        if (Searching)
        {
            var statuses = await requests.Select(r => r.Status).Take(SearchCountCap + 1).ToListAsync(cancellationToken);
            SearchCountCapped = statuses.Count > SearchCountCap;
            foreach (var each in Enum.GetValues<RequestStatus>())
            {
                Counts[each] = SearchCountCapped ? 0 : statuses.Count(s => s == each);
            }
        }
        else
        {
            foreach (var each in Enum.GetValues<RequestStatus>())
            {
                // Overdue and due soon mean the clock runs: the other statuses are zero by definition, and asking
                // would scan for nothing.
                Counts[each] = (Overdue || DueSoon) && !each.ClockRuns() ? 0
                    : await requests.Where(r => r.Status == each).Take(CountCap + 1).CountAsync(cancellationToken);
            }
        }

        await LoadPageAsync(Filter.ApplyStatus(requests), now, dueSoonUntil, cancellationToken);
        if (Rows.Count > 0)
        {
            Choices = await BulkChoices.LoadAsync(db, Me, incidents, cancellationToken);
        }
    }

    /// <summary>The filters of the address, as the inbox and its export apply them.</summary>
    public InboxFilter Filter => new(Status, Subject, Channel, Type, From, To, Overdue, DueSoon, Mine, OldestFirst);

    /// <summary>The end of «نزدیک به مهلت»: the national warning window in working days from now.</summary>
    private async Task<DateTime> DueSoonUntilAsync(DateTime now, CancellationToken cancellationToken) =>
        (await calendars.GetAsync(db, cancellationToken)).AddWorkingDays(now, escalation.Value.WarnDaysBefore);

    /// <summary>
    /// The filtered list (every filter of the address, not the search box) as CSV or XLSX, streamed and audited; see
    /// <see cref="InboxExport"/>. Wrong dates re-render the inbox with their messages instead.
    /// </summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken cancellationToken)
    {
        if (!ExportFormats.TryParse(format, out var chosen))
        {
            return NotFound();
        }

        Me = await currentStaff.RequireAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var scoped = (await scope.RequestsAsync(cancellationToken)).AsNoTracking();
        var (requests, errors) = Filter.Apply(scoped, Me.Id, now, await DueSoonUntilAsync(now, cancellationToken));
        if (errors.Count > 0 || !ModelState.IsValid)
        {
            Q = null;
            await LoadAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return await export.SendAsync(HttpContext, Me, chosen, Filter, Filter.Order(Filter.ApplyStatus(requests)), cancellationToken);
    }

    private async Task LoadPageAsync(IQueryable<ServiceRequest> requests, DateTime now, DateTime dueSoonUntil, CancellationToken cancellationToken)
    {
        var page = await Paging.ReadAsync(requests, newestFirst: !OldestFirst, After, Before, RowsPerPage,
            r => new InboxRow
            {
                Id = r.Id,
                TrackingCode = r.TrackingCode,
                Version = r.Version,
                FullName = r.FirstName + " " + r.LastName,
                SubjectName = r.Subject!.Name,
                SubSubjectName = r.SubSubject == null ? null : r.SubSubject.Name,
                Type = r.Type,
                ProvinceName = r.Province!.Name,
                Status = r.Status,
                CreatedAt = r.CreatedAt,
                DueAt = r.DueAt,
                Channel = r.Channel,
                AssignedToName = db.Users.Where(u => u.Id == r.AssignedToId).Select(u => u.DisplayName).FirstOrDefault(),
            },
            row => new KeysetCursor(row.CreatedAt, row.Id),
            cancellationToken);
        foreach (var row in page.Rows)
        {
            row.IsOverdue = RequestRules.IsOverdue(row.Status, row.DueAt, now);
            row.IsDueSoon = row.Status.ClockRuns() && row.DueAt >= now && row.DueAt <= dueSoonUntil;
        }

        Rows.AddRange(page.Rows);
        NextCursor = page.NextCursor;
        PreviousCursor = page.PreviousCursor;
    }

    /// <summary>The address of the current list (the filters of the address, not the search) as a download.</summary>
    public string ExportUrl(ExportFormat format) =>
        FilterQuery(null, keepStatus: true, null, null).Add("handler", "export").Add("format", format.Extension()).ToUrl(ListPath);

    /// <summary>An inbox address with the current filters (ids, dates, flags only) and the given changes.</summary>
    public string FilterUrl(RequestStatus? status = null, bool keepStatus = true, string? after = null, string? before = null) =>
        FilterQuery(status, keepStatus, after, before).ToUrl(ListPath);

    private string ListPath => Url.Page("/Staff/Inbox/Index")!;

    private ListQuery FilterQuery(RequestStatus? status, bool keepStatus, string? after, string? before) => new ListQuery()
        .Add("status", (keepStatus ? Status : status)?.ToString())
        .Add("subject", Subject)
        .Add("channel", Channel?.ToString())
        .Add("type", Type?.ToString())
        .Add("from", JalaliDateRange.Normalize(From))
        .Add("to", JalaliDateRange.Normalize(To))
        .Add("overdue", Overdue)
        .Add("duesoon", DueSoon)
        .Add("mine", Mine)
        .Add("sort", OldestFirst ? "oldest" : null)
        .Add("size", RowsPerPage == PageSize ? null : RowsPerPage)
        .Add("after", after)
        .Add("before", before);

}
