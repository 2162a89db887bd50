using HajDesk.Core.Data;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Infrastructure.Concurrency;
using HajDesk.Web.Notifications;
using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Staff.Admin.Notifications;

/// <summary>
/// <c>/staff/admin/notifications/templates/{key}</c>: one message's SMS text, e-mail subject and e-mail text, with
/// the SMS shown as it would be sent (sample values) and its length checked against two SMS segments.
/// </summary>
[NoStore]
public class TemplateModel(OutboxAdmin outbox, AuditLog audit, HajDeskDbContext db) : PageModel, IEditConflictPage
{
    /// <summary>The template's version when the form was drawn; a stale form gets the one conflict response.</summary>
    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? SmsText { get; set; }

    [BindProperty]
    public string? EmailSubject { get; set; }

    [BindProperty]
    public string? EmailText { get; set; }

    public string Key { get; private set; } = string.Empty;

    public string Preview { get; private set; } = string.Empty;

    public IReadOnlyList<string> Placeholders { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken cancellationToken)
    {
        var template = await outbox.GetTemplateAsync(key, cancellationToken);
        if (template is null)
        {
            return NotFound();
        }

        (SmsText, EmailSubject, EmailText, Version) = (template.SmsText, template.EmailSubject, template.EmailText, template.Version);
        Prepare(key);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string key, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        Key = key;
        if (await outbox.GetTemplateAsync(key, cancellationToken) is null)
        {
            return NotFound();
        }

        // The audit row is added first so that the template's SaveChanges commits both together.
        var entry = audit.Add(AuditActions.TemplateUpdate, null, $"«{IndexModel.TemplateTitle(key)}»");
        var result = await outbox.UpdateTemplateAsync(key, new TemplateUpdate(SmsText, EmailSubject, EmailText, Version), cancellationToken);
        if (!result.Succeeded)
        {
            db.Entry(entry).State = EntityState.Detached;
            foreach (var (field, message) in result.Errors)
            {
                ModelState.AddModelError(field, message);
            }

            Prepare(key);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        this.Flash("متن پیام ذخیره شد و از این پس به کار می‌رود.");
        return RedirectToPage("Index", new { view = "templates" });
    }

    public async Task<bool> ReloadAfterConflictAsync(CancellationToken cancellationToken)
    {
        if (await outbox.GetTemplateAsync(Key, cancellationToken) is not { } template)
        {
            return false;
        }

        Version = template.Version;
        Prepare(Key);
        return true;
    }

    private void Prepare(string key)
    {
        Key = key;
        Placeholders = MessageTemplates.PlaceholdersOf(key);
        Preview = outbox.PreviewSms(key, SmsText ?? string.Empty);
    }
}
