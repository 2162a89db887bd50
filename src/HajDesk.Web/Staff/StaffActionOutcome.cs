namespace HajDesk.Web.Staff;

/// <summary>How a staff action ended, which a page turns into a status code or a redirect.</summary>
public enum StaffActionOutcome
{
    /// <summary>Saved; the request is still in the staff member's scope.</summary>
    Done,

    /// <summary>Saved, and the change (a referral) moved the request out of the staff member's scope.</summary>
    DoneOutOfScope,

    /// <summary>The request does not exist or is outside the scope (404).</summary>
    NotFound,

    /// <summary>The staff member has no right to this action (403).</summary>
    Forbidden,

    /// <summary>The transition refused with a reason to show (400).</summary>
    Refused,

    /// <summary>A colleague changed the request meanwhile (409).</summary>
    Conflict,
}
