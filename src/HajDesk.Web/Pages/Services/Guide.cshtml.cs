using HajDesk.Web.Catalogue;
using HajDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HajDesk.Web.Pages.Services;

/// <summary>
/// For the send form's script: the entry of the chosen subject as an HTML fragment (the same partial the page draws
/// without JavaScript), and the record of an answer opened there (the deflection figure).
/// </summary>
[EnableRateLimiting(RateLimits.Forms)]
public class GuideModel(ServiceCatalogue catalogue) : PageModel
{
    public ServiceEntry? Entry { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? subject, int? sub, CancellationToken cancellationToken)
    {
        Entry = await catalogue.ForChoiceAsync(subject, sub, cancellationToken);
        return Entry is null ? StatusCode(StatusCodes.Status204NoContent) : Page();
    }

    /// <summary>An answer was opened on the form with this submission key (sent by the script; antiforgery checked).</summary>
    public async Task<IActionResult> OnPostOpenedAsync(int questionId, string? submissionKey, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(submissionKey, out var key))
        {
            await catalogue.RecordAnswerViewAsync(questionId, key, cancellationToken);
        }

        return StatusCode(StatusCodes.Status204NoContent);
    }
}
