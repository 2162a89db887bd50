using HajDesk.Core.Information;
using HajDesk.Web.Information;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Infrastructure.Concurrency;
using HajDesk.Web.Infrastructure.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HajDesk.Web.Pages.Staff.Admin.Information;

/// <summary>
/// <c>/staff/admin/information/{key}</c>: the text of the accessibility statement or the privacy notice, in simple
/// formatting with placeholders; saving is audited and checked against the version the form was drawn from, and the
/// default can be put back.
/// </summary>
[NoStore]
public class EditModel(InformationPageService pages) : PageModel, IEditConflictPage
{
    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public string Key { get; private set; } = string.Empty;

    public string Title => InformationTexts.Title(Key);

    /// <summary>The row as stored (its text null while the default is shown).</summary>
    public InformationPage Row { get; private set; } = null!;

    /// <summary>What each placeholder stands for now.</summary>
    public IReadOnlyList<(string Name, string Value)> Placeholders { get; private set; } = [];

    public ErrorSummary Summary { get; } = new([nameof(Text)]);

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(key, cancellationToken))
        {
            return NotFound();
        }

        Text = Row.Text ?? InformationTexts.Default(key);
        Version = Row.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string key, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(key, cancellationToken))
        {
            return NotFound();
        }

        var errors = await pages.SaveAsync(key, Text, Version, cancellationToken);
        if (!errors.IsEmpty)
        {
            foreach (var (field, message) in errors)
            {
                ModelState.AddModelError(field, message);
            }

            Version = Row.Version;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        this.Flash("متن ذخیره شد.");
        return RedirectToPage("Edit", null, new { key }, "flash");
    }

    public async Task<IActionResult> OnPostResetAsync(string key, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(key, cancellationToken))
        {
            return NotFound();
        }

        await pages.ResetAsync(key, Version, cancellationToken);
        this.Flash("متن پیش‌فرض بازگردانده شد.");
        return RedirectToPage("Edit", null, new { key }, "flash");
    }

    public async Task<bool> ReloadAfterConflictAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(Key, cancellationToken))
        {
            return false;
        }

        Version = Row.Version;
        // A refused reset posts no text: show the text as it is now.
        Text ??= Row.Text ?? InformationTexts.Default(Key);
        return true;
    }

    private async Task<bool> LoadAsync(string key, CancellationToken cancellationToken)
    {
        Key = key;
        if (await pages.FindAsync(key, cancellationToken) is not { } row)
        {
            return false;
        }

        Row = row;
        var facts = await pages.FactsAsync(cancellationToken);
        Placeholders = InformationTexts.AllowedPlaceholders
            .Select(p => (p, InformationTexts.Render(key, "{" + p + "}", facts)))
            .ToList();
        return true;
    }
}
