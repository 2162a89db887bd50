using System.ComponentModel.DataAnnotations;
using HajDesk.Core.Reference;
using HajDesk.Web.Incidents;
using HajDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HajDesk.Web.Pages.Staff.Incidents;

/// <summary>The incidents (رخداد) a staff member sees, and — for supervisors and administrators — a new one.</summary>
[NoStore]
public class IndexModel(IncidentWork incidents, ReferenceDataCache reference, Core.Data.HajDeskDbContext db) : PageModel
{
    [BindProperty, Display(Name = "عنوان رخداد")]
    public string? Title { get; set; }

    /// <summary>The province; empty for the whole country (administrators only).</summary>
    [BindProperty, Display(Name = "استان")]
    public int? ProvinceId { get; set; }

    [BindProperty, Display(Name = "موضوع یا زیرموضوع (اختیاری)")]
    public int? SubjectId { get; set; }

    [BindProperty(SupportsGet = true), Display(Name = "رخدادهای بسته هم نمایش داده شود")]
    public bool All { get; set; }

    public StaffActorView Me { get; private set; } = null!;

    public List<IncidentSummary> Items { get; private set; } = [];

    public ReferenceData Reference { get; private set; } = null!;

    /// <summary>Supervisors create incidents of their province; administrators of any province or the whole country.</summary>
    public bool CanCreate => Me.IsAdministrator || Me.CanManage(Me.Actor.ProvinceId);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Me = await incidents.MeAsync(cancellationToken);
        var province = Me.IsAdministrator ? ProvinceId : Me.Actor.ProvinceId;
        var (incident, result) = await incidents.CreateAsync(Title, province, SubjectId, cancellationToken);
        if (result.Forbidden)
        {
            return NotFound();
        }

        if (incident is null)
        {
            ModelState.AddModelError(result.Field == Core.Requests.RequestField.Text ? nameof(Title) : nameof(SubjectId), result.Error!);
            await LoadAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        this.Flash("رخداد ثبت شد. اکنون درخواست‌ها را به آن بپیوندید.");
        return RedirectToPage("Show", new { id = incident.Id });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Me = await incidents.MeAsync(cancellationToken);
        Reference = await reference.GetAsync(db, cancellationToken);
        Items = await incidents.ListAsync(openOnly: !All, cancellationToken);
    }
}
