using HajDesk.Core.Persian;

namespace HajDesk.Core.Requests.Submission;

/// <summary>
/// How much each field of a submission form takes (<c>maxlength</c>), the same on the citizen's send form and the
/// staff registration. Where a rule checks a length, the constant is the rule's own (text, e-mail). The others are
/// roomier than the value they hold: digits may come with spaces, dashes or bidi marks that the rules strip, and a
/// field that cut what was pasted would hide the mistake instead of showing it.
/// </summary>
public static class SubmissionLimits
{
    public const int BirthDay = 4;

    public const int BirthYear = 6;

    /// <summary>Ten digits and their separators.</summary>
    public const int NationalCode = 20;

    public const int Email = EmailAddress.MaxLength;

    /// <summary>Eleven digits, a +98 prefix and separators.</summary>
    public const int Mobile = 20;

    public const int LandlineNumber = 16;

    public const int LandlineAreaCode = 5;

    /// <summary>The request's text: the submission rule's own limit.</summary>
    public const int Text = ServiceRequest.MaxTextLength;
}
