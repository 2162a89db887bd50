using HajDesk.Core.Data;
using HajDesk.Core.Persian;
using HajDesk.Core.Reference;
using HajDesk.Core.Reports;
using HajDesk.Core.Requests;
using HajDesk.Web.Exports;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Staff.Reports;

/// <summary>
/// «گزارش‌ها»: the report figures for supervisors (their province) and administrators (every province), filtered by
/// a GET form and grouped by month, province, subject or expert. Anyone else gets 404, as for a request out of
/// scope. Every view is audited with its filter.
/// </summary>
[NoStore]
public class IndexModel(
    HajDeskDbContext db, CurrentStaff currentStaff, ReportQueries reports, ReportComments comments, AuditLog audit, TableExport export) : PageModel
{
    /// <summary>The audit action of a dashboard view.</summary>
    public const string AuditAction = AuditActions.ReportView;

    /// <summary>The groupings offered, with their Persian names, in the order of the tabs.</summary>
    public static IReadOnlyList<(string Key, ReportGrouping Grouping, string Name)> Views { get; } =
    [
        ("month", ReportGrouping.Month, "ماه"),
        ("province", ReportGrouping.Province, "استان"),
        ("subject", ReportGrouping.Subject, "موضوع"),
        ("expert", ReportGrouping.Expert, "کارشناس"),
    ];

    /// <summary>
    /// The groupings by a subject's choice field («فهرست»), offered after the fixed ones: key <c>field-{id}</c>, named
    /// «label» (subject). Retired fields stay offered, since earlier requests answered them.
    /// </summary>
    public IReadOnlyList<(string Key, ReportGrouping Grouping, string Name)> FieldViews { get; private set; } = [];

    /// <summary>The choice field of the current view, when it groups by one.</summary>
    public Core.Fields.SubjectField? CurrentField { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Province { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Subject { get; set; }

    [BindProperty(SupportsGet = true)]
    public RequestChannel? Channel { get; set; }

    /// <summary>The grouping: <c>month</c> (default), <c>province</c>, <c>subject</c> or <c>expert</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    /// <summary>The page of survey comments shown (from 1).</summary>
    [BindProperty(SupportsGet = true)]
    public int? CommentsPage { get; set; }

    public (string Key, ReportGrouping Grouping, string Name) Current { get; private set; } = Views[0];

    /// <summary>The survey comments of the filter's requests, newest first: the page shown, and whether older ones follow.</summary>
    public (bool More, IReadOnlyList<ReportComment> Page) Comments { get; private set; } = (false, []);

    /// <summary>The catalogue's deflection per main subject within the filter's dates (national).</summary>
    public IReadOnlyList<SubjectDeflection> Deflection { get; private set; } = [];

    public Report? Result { get; private set; }

    public IReadOnlyList<Province> Provinces { get; private set; } = [];

    public IReadOnlyList<Subject> Subjects { get; private set; } = [];

    /// <summary>The address of this view with another grouping, the filter kept (dates in ASCII digits).</summary>
    public string LinkTo(string view) => ViewQuery(view).ToUrl(ReportsPath);

    /// <summary>The address of this view showing page <paramref name="page"/> of the survey comments.</summary>
    public string CommentsPageUrl(int page) => ViewQuery(Current.Key).Add("CommentsPage", page).ToUrl(ReportsPath, "comments-title");

    /// <summary>The address that downloads the table on screen (its grouping and filter) as CSV or XLSX.</summary>
    public string ExportUrl(ExportFormat format) =>
        ViewQuery(Current.Key).Add("handler", "export").Add("format", format.Extension()).ToUrl(ReportsPath);

    private string ReportsPath => Url.Page("/Staff/Reports/Index")!;

    private ListQuery ViewQuery(string view) => new ListQuery()
        .Add("From", JalaliDateRange.Normalize(From))
        .Add("To", JalaliDateRange.Normalize(To))
        .Add("Province", Province)
        .Add("Subject", Subject)
        .Add("Channel", Channel?.ToString())
        .Add("View", view);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var staff = await currentStaff.GetAsync(cancellationToken);
        var actor = staff?.ToActor();
        if (!ReportFilter.MayRead(actor))
        {
            return NotFound();
        }

        await ChooseViewAsync(cancellationToken);
        // A supervisor's own province is the only one: offering others would only show empty tables.
        Provinces = await db.Provinces.AsNoTracking().Where(p => actor!.ProvinceId == null || p.Id == actor.ProvinceId)
            .OrderBy(p => p.DisplayOrder).ToListAsync(cancellationToken);
        Subjects = await db.Subjects.AsNoTracking().Where(s => s.ParentId == null).OrderBy(s => s.DisplayOrder).ToListAsync(cancellationToken);

        var filter = ReportFilter.Parse(actor, From, To, Province, Subject, Channel);
        foreach (var (field, message) in filter.Dates.Errors)
        {
            ModelState.AddModelError(field, message);
        }

        Result = await ComputeAsync(filter, cancellationToken);
        CommentsPage = Math.Clamp(CommentsPage ?? 1, 1, 100_000);
        Comments = await comments.ListAsync(filter, null, CommentsPage.Value, cancellationToken);
        Deflection = await CatalogueDeflection.BySubjectAsync(db, filter.Dates, Subject, cancellationToken);
        await audit.WriteAsync(AuditAction, null, Describe(filter) + (CommentsPage > 1 ? $"؛ نظرها صفحه {CommentsPage}" : null));
        return Page();
    }

    /// <summary>
    /// The table on screen as a file (<c>?handler=export&amp;format=csv|xlsx</c> with the view's filter): its groups
    /// and the total, through the one report-table path (<see cref="ReportTableExport"/>), limited per person and
    /// audited like every export. The scope is the viewer's, as on the page.
    /// </summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken cancellationToken)
    {
        var staff = await currentStaff.GetAsync(cancellationToken);
        var actor = staff?.ToActor();
        if (!ReportFilter.MayRead(actor))
        {
            return NotFound();
        }

        if (!ExportFormats.TryParse(format, out var chosen))
        {
            return NotFound();
        }

        await ChooseViewAsync(cancellationToken);
        var filter = ReportFilter.Parse(actor, From, To, Province, Subject, Channel);
        if (filter.Dates.Errors.Count > 0)
        {
            // Dates the page would refuse: the page with its messages, not a file of everything.
            return await OnGetAsync(cancellationToken) is PageResult page ? StatusCode400(page) : BadRequest();
        }

        if (!await export.TryAcquireAsync(staff!.Id, cancellationToken))
        {
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        var report = await ComputeAsync(filter, cancellationToken);
        await export.SendAsync(HttpContext,
            new ExportRequest(AuditActions.ReportExport, "report-" + Current.Key, chosen, Describe(filter)),
            ReportTableExport.Sheet("گزارش به تفکیک " + Current.Name, Current.Name, report));
        return new EmptyResult();
    }

    /// <summary>The view asked for: a fixed grouping, or a choice field's (<c>field-{id}</c>); the first otherwise.</summary>
    private async Task ChooseViewAsync(CancellationToken cancellationToken)
    {
        var fields = await db.SubjectFields.AsNoTracking().Where(f => f.Kind == Core.Fields.FieldKind.Choice)
            .OrderBy(f => f.SubjectId).ThenBy(f => f.DisplayOrder).ThenBy(f => f.Id)
            .Select(f => new { Field = f, SubjectName = f.Subject!.Name }).ToListAsync(cancellationToken);
        FieldViews = fields.Select(f => ("field-" + f.Field.Code, ReportGrouping.Field, $"«{f.Field.Label}» ({f.SubjectName})")).ToList();
        Current = Views.Concat(FieldViews).FirstOrDefault(v => v.Key == View) is { Key: not null } chosen ? chosen : Views[0];
        CurrentField = Current.Grouping == ReportGrouping.Field ? fields.First(f => "field-" + f.Field.Code == Current.Key).Field : null;
    }

    private Task<Report> ComputeAsync(ReportFilter filter, CancellationToken cancellationToken) => CurrentField is { } field
        ? reports.ComputeByFieldAsync(filter, field, cancellationToken)
        : reports.ComputeAsync(filter, Current.Grouping, cancellationToken);

    private PageResult StatusCode400(PageResult page)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    /// <summary>What was looked at, for the audit log (no personal data: ids and dates only).</summary>
    private string Describe(ReportFilter filter) =>
        $"{Current.Name}؛ از {JalaliDateRange.Normalize(From) ?? "-"} تا {JalaliDateRange.Normalize(To) ?? "-"}"
        + (filter.ProvinceId is int p ? $"؛ استان {p}" : null)
        + (filter.SubjectId is int s ? $"؛ موضوع {s}" : null)
        + (filter.Channel is RequestChannel c ? $"؛ راه {c.ToPersian()}" : null);
}
