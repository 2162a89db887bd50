using HajDesk.Core.Reference;

namespace HajDesk.Core.Requests;

/// <summary>
/// Where a staff member wants to move a request, as read from the database: the province and main subject (null
/// when the chosen id does not exist), and the optional sub-subject that was asked for and what was found for it.
/// </summary>
public sealed record ReferralTarget(Province? Province, Subject? Subject, int? SubSubjectId = null, Subject? SubSubject = null);
