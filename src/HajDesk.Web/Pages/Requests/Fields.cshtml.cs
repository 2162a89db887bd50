using HajDesk.Core.Fields;
using HajDesk.Core.Requests.Submission;
using HajDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HajDesk.Web.Pages.Requests;

/// <summary>
/// For the send and registration forms' scripts: the extra fields of the chosen subject as an HTML fragment (the same
/// partial the pages draw without JavaScript); 204 when the choice asks none.
/// </summary>
[EnableRateLimiting(RateLimits.Forms)]
public class FieldsModel(SubmissionService submission) : PageModel
{
    public IReadOnlyList<SubjectField> Fields { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? subject, string? sub, CancellationToken cancellationToken)
    {
        Fields = await submission.FieldsAsync(new SubmissionInput { SubjectId = subject, SubSubjectId = sub }, cancellationToken);
        return Fields.Count == 0 ? StatusCode(StatusCodes.Status204NoContent) : Page();
    }
}
