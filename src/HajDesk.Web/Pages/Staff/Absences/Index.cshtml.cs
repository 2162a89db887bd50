using System.ComponentModel.DataAnnotations;
using HajDesk.Web.Assignment;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Staff.Absences;

/// <summary>
/// <c>/staff/absences</c> «غیبت»: an expert records their own absence, a supervisor any of their province's staff,
/// an administrator anyone's; no new request is assigned to them automatically while it lasts, and at its start
/// their open requests go to the named colleague or back to the province's queue.
/// </summary>
[NoStore]
public class IndexModel(AbsenceWork absences, CurrentStaff currentStaff) : PageModel
{
    [BindProperty, Display(Name = "همکار")]
    public string? StaffUserId { get; set; }

    [BindProperty, Display(Name = "از تاریخ")]
    public string? From { get; set; }

    [BindProperty, Display(Name = "تا تاریخ")]
    public string? To { get; set; }

    [BindProperty, Display(Name = "درخواست‌های باز او به")]
    public string? HandOverToId { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public List<(string Id, string Name, int? ProvinceId)> People { get; private set; } = [];

    public List<(string Id, string Name, int? ProvinceId)> Colleagues { get; private set; } = [];

    public List<AbsenceRow> Items { get; private set; } = [];

    public StaffMember Me { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Me = await currentStaff.RequireAsync(cancellationToken);
        if (await absences.CreateAsync(StaffUserId ?? Me.Id, From, To, HandOverToId, cancellationToken) is { } error)
        {
            ModelState.AddModelError(error.Field, error.Message);
            await LoadAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        this.Flash("غیبت ثبت شد.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        try
        {
            if (!await absences.DeleteAsync(id, Version, cancellationToken))
            {
                return NotFound();
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            Infrastructure.Concurrency.EditConflict.Raise(HttpContext);
            await LoadAsync(cancellationToken);
            return Page();
        }

        this.Flash("غیبت برداشته شد.");
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Me = await currentStaff.RequireAsync(cancellationToken);
        People = await absences.PeopleAsync(cancellationToken);
        Colleagues = await absences.ColleaguesAsync(cancellationToken);
        Items = await absences.ListAsync(cancellationToken);
    }
}
