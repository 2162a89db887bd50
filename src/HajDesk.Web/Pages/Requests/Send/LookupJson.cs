using HajDesk.Core.Requests;
using HajDesk.Core.Requests.Submission;
using Microsoft.AspNetCore.Mvc;

namespace HajDesk.Web.Pages.Requests.Send;

/// <summary>The answer of <c>?handler=LookupJson</c> for the page's script: a status and the name or a Persian message.</summary>
public static class LookupJson
{
    public static JsonResult From(IdentityCheck check, FormLookupPermit permit)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.Outcome switch
        {
            IdentityOutcome.Invalid => Json(StatusCodes.Status400BadRequest,
                new { status = "invalid", errors = check.Errors.ToDictionary(e => $"{nameof(IndexModel.Input)}.{e.Key}", e => e.Value) }),
            IdentityOutcome.Throttled when permit != FormLookupPermit.Allowed =>
                Json(StatusCodes.Status403Forbidden, new { status = "refused", message = SendFormLookups.Refusal(permit) }),
            IdentityOutcome.Throttled => Json(StatusCodes.Status429TooManyRequests, new { status = "throttled", message = SubmissionMessages.Throttled }),
            IdentityOutcome.Found => Json(StatusCodes.Status200OK, new
            {
                status = "found",
                firstName = check.Person!.FirstName,
                lastName = check.Person.LastName,
                gender = check.Person.Gender.ToPersian(),
            }),
            IdentityOutcome.Unavailable => Json(StatusCodes.Status200OK, new { status = "unavailable", message = SubmissionMessages.RegistryUnavailable }),
            _ => Json(StatusCodes.Status200OK, new { status = "notFound", message = SubmissionMessages.NotConfirmed }),
        };
    }

    private static JsonResult Json(int status, object value) => new(value) { StatusCode = status };
}
