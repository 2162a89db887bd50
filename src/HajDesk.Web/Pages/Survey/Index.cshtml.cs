using HajDesk.Core.Surveys;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Surveys;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HajDesk.Web.Pages.Survey;

/// <summary>
/// «نظرسنجی»: the questionnaire a citizen reaches from the SMS link. Opening it records nothing; submitting records
/// once; a used, expired or unknown link gets a clear Persian page.
/// </summary>
[NoStore]
[EnableRateLimiting(RateLimits.Forms)]
public class IndexModel(SurveyResponses surveys) : PageModel
{
    /// <summary>The chosen score of each item, in the order of <see cref="SurveyQuestionnaire.Items"/>.</summary>
    [BindProperty]
    public List<string?> Scores { get; set; } = [];

    [BindProperty]
    public string? Comment { get; set; }

    public SurveyLinkState State { get; private set; }

    public bool JustRecorded { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        State = await surveys.StateAsync(token, cancellationToken);
        return Respond();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var result = await surveys.SubmitAsync(token, Scores, Comment, cancellationToken);
        switch (result?.Outcome)
        {
            case null:
                State = SurveyLinkState.Unknown;
                break;
            case SurveyOutcome.Recorded:
                State = SurveyLinkState.Submitted;
                JustRecorded = true;
                break;
            case SurveyOutcome.AlreadySubmitted:
                State = SurveyLinkState.Submitted;
                break;
            case SurveyOutcome.Expired:
                State = SurveyLinkState.Expired;
                break;
            default:
                State = SurveyLinkState.Open;
                ModelState.AddModelError(result.Value.Error == SurveyInvitation.MissingAnswerMessage ? nameof(Scores) : nameof(Comment), result.Value.Error!);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
        }

        return Respond();
    }

    private PageResult Respond()
    {
        Response.StatusCode = State switch
        {
            SurveyLinkState.Unknown => StatusCodes.Status404NotFound,
            SurveyLinkState.Expired => StatusCodes.Status410Gone,
            SurveyLinkState.Submitted when !JustRecorded && HttpMethods.IsPost(Request.Method) => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status200OK,
        };
        return Page();
    }
}
