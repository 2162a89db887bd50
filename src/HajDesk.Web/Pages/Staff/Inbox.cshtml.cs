using System.Globalization;
using HajDesk.Core.Data;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Staff;

/// <summary>
/// The inbox: the requests in the staff member's scope, filtered and keyset-paged by <c>(CreatedAt, Id)</c>.
/// </summary>
/// <remarks>
/// Personal data never goes into a URL. The filter form is a GET whose query string holds only a status, a subject
/// id, Jalali dates, flags and an opaque cursor; the search box (which may hold a national code or a name) is a
/// POST that renders its results directly, and its paging buttons are POSTs too.
/// </remarks>
[NoStore]
public class InboxModel(HajDeskDbContext db, StaffScope scope, CurrentStaff currentStaff, TimeProvider time, AuditLog audit)
    : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)]
    public RequestStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Subject { get; set; }

    /// <summary>Jalali date, created on or after (Tehran day).</summary>
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    /// <summary>Jalali date, created on or before (Tehran day).</summary>
    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Mine { get; set; }

    /// <summary><c>oldest</c> for oldest first; anything else is newest first.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    /// <summary>A finished action to confirm (<c>referred</c>).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    /// <summary>The search box; only ever posted, never in a URL.</summary>
    [BindProperty]
    public string? Q { get; set; }

    public InboxSearch? Search { get; private set; }

    public bool Searching { get; private set; }

    public StaffMember Me { get; private set; } = null!;

    public List<InboxRow> Rows { get; } = [];

    public Dictionary<RequestStatus, int> Counts { get; } = [];

    /// <summary>Status counts above this are shown as «بیش از …»: exact numbers that large help no one.</summary>
    public const int CountCap = 10_000;

    public int TotalCount => Counts.Values.Sum();

    /// <summary>A count for display, in Persian digits; capped counts read «بیش از ۱۰۰۰۰».</summary>
    public static string CountText(int count, bool capped) =>
        capped || count > CountCap
            ? $"بیش از {PersianText.ToPersianDigits(CountCap.ToString(CultureInfo.InvariantCulture))}"
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
            requests = Search is null ? requests.Where(r => false) : Search.Apply(requests);
        }

        if (Subject is int subject)
        {
            requests = requests.Where(r => r.SubjectId == subject);
        }

        if (ParseDate(From, nameof(From), "از تاریخ") is DateOnly from)
        {
            var fromUtc = TehranMidnightUtc(from);
            requests = requests.Where(r => r.CreatedAt >= fromUtc);
        }

        if (ParseDate(To, nameof(To), "تا تاریخ") is DateOnly to)
        {
            var toUtc = TehranMidnightUtc(to.AddDays(1));
            requests = requests.Where(r => r.CreatedAt < toUtc);
        }

        if (Overdue)
        {
            requests = requests.Where(r => r.DueAt < now
                && (r.Status == RequestStatus.Submitted || r.Status == RequestStatus.InProgress
                    || r.Status == RequestStatus.Referred || r.Status == RequestStatus.Reopened));
        }

        if (Mine)
        {
            var me = Me.Id;
            requests = requests.Where(r => r.AssignedToId == me);
        }

        // Counts per status: everything above, before the status filter. Each count stops at CountCap, so that an
        // administrator's inbox over a million requests costs six short index scans, not a scan of every row.
        foreach (var each in Enum.GetValues<RequestStatus>())
        {
            // Overdue means open: the closed statuses are zero by definition, and asking would scan for nothing.
            Counts[each] = Overdue && !each.IsOpen()
                ? 0
                : await requests.Where(r => r.Status == each).Take(CountCap + 1).CountAsync(cancellationToken);
        }

        if (Status is RequestStatus status)
        {
            requests = requests.Where(r => r.Status == status);
        }

        await LoadPageAsync(requests, now, cancellationToken);
    }

    private async Task LoadPageAsync(IQueryable<ServiceRequest> requests, DateTime now, CancellationToken cancellationToken)
    {
        var newestFirst = !OldestFirst;
        var after = InboxCursor.TryDecode(After);
        var before = after is null ? InboxCursor.TryDecode(Before) : null;
        if (after is { } a)
        {
            var (at, id) = (a.CreatedAt, a.Id);
            requests = newestFirst
                ? requests.Where(r => r.CreatedAt < at || (r.CreatedAt == at && r.Id < id))
                : requests.Where(r => r.CreatedAt > at || (r.CreatedAt == at && r.Id > id));
        }
        else if (before is { } b)
        {
            var (at, id) = (b.CreatedAt, b.Id);
            requests = newestFirst
                ? requests.Where(r => r.CreatedAt > at || (r.CreatedAt == at && r.Id > id))
                : requests.Where(r => r.CreatedAt < at || (r.CreatedAt == at && r.Id < id));
        }

        // Going back reads the rows before the cursor in reverse, then turns them around.
        var backwards = before is not null;
        var descending = newestFirst != backwards;
        var ordered = descending
            ? requests.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            : requests.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id);

        var rows = await ordered.Take(PageSize + 1)
            .Select(r => new InboxRow
            {
                Id = r.Id,
                TrackingCode = r.TrackingCode,
                FullName = r.FirstName + " " + r.LastName,
                SubjectName = r.Subject!.Name,
                SubSubjectName = r.SubSubject == null ? null : r.SubSubject.Name,
                ProvinceName = r.Province!.Name,
                Status = r.Status,
                CreatedAt = r.CreatedAt,
                DueAt = r.DueAt,
                AssignedToName = db.Users.Where(u => u.Id == r.AssignedToId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        var more = rows.Count > PageSize;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (backwards)
        {
            rows.Reverse();
        }

        foreach (var row in rows)
        {
            row.IsOverdue = row.Status.IsOpen() && row.DueAt < now;
        }

        Rows.AddRange(rows);
        if (rows.Count > 0)
        {
            var hasNext = backwards || more;
            var hasPrevious = backwards ? more : after is not null;
            NextCursor = hasNext ? new InboxCursor(rows[^1].CreatedAt, rows[^1].Id).Encode() : null;
            PreviousCursor = hasPrevious ? new InboxCursor(rows[0].CreatedAt, rows[0].Id).Encode() : null;
        }
    }

    /// <summary>An inbox address with the current filters (ids, dates, flags only) and the given changes.</summary>
    public string FilterUrl(RequestStatus? status = null, bool keepStatus = true, string? after = null, string? before = null)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("status", (keepStatus ? Status : status)?.ToString());
        Add("subject", Subject?.ToString(CultureInfo.InvariantCulture));
        Add("from", NormalizedDate(From));
        Add("to", NormalizedDate(To));
        Add("overdue", Overdue ? "true" : null);
        Add("mine", Mine ? "true" : null);
        Add("sort", OldestFirst ? "oldest" : null);
        Add("after", after);
        Add("before", before);
        return "/staff/inbox" + (query.Count == 0 ? string.Empty : "?" + string.Join('&', query));
    }

    /// <summary>The message for a finished action that brought the user here.</summary>
    public string? DoneMessage => Done switch
    {
        "referred" => "درخواست ارجاع شد و دیگر در کارتابل شما نیست.",
        _ => null,
    };

    private static string? NormalizedDate(string? input) =>
        JalaliDate.TryParse(input, out var date) ? PersianText.ToAsciiDigits(JalaliDate.FormatNumeric(date)) : null;

    private DateOnly? ParseDate(string? input, string field, string label)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        if (JalaliDate.TryParse(input, out var date))
        {
            return date;
        }

        ModelState.AddModelError(field, $"«{label}» تاریخ درستی نیست؛ آن را مانند ۱۴۰۴/۰۱/۱۵ بنویسید.");
        return null;
    }

    private static DateTime TehranMidnightUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue), DateTimeKind.Unspecified), JalaliDate.Tehran);
}

/// <summary>One line of the inbox.</summary>
public sealed class InboxRow
{
    public long Id { get; init; }

    public required string TrackingCode { get; init; }

    public required string FullName { get; init; }

    public required string SubjectName { get; init; }

    public string? SubSubjectName { get; init; }

    public required string ProvinceName { get; init; }

    public RequestStatus Status { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime DueAt { get; init; }

    public string? AssignedToName { get; init; }

    public bool IsOverdue { get; set; }
}
