using HajDesk.Core.Incidents;
using Codes = HajDesk.Core.Requests.TrackingCode;

namespace HajDesk.Core.Requests;

/// <summary>The request's transitions about incidents (رخداد) and duplicates.</summary>
public partial class ServiceRequest
{
    /// <summary>
    /// Links the request to <paramref name="incident"/>: the actor must cover the request, the incident must be open,
    /// of the request's province (or national) and, when it names a subject, about the request's subject or
    /// sub-subject. A request belongs to one incident at a time; linking it to another moves it.
    /// </summary>
    public RequestResult LinkToIncident(StaffActor actor, Incident incident, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(incident);
        var refusal = CheckCovered(actor)
            ?? (MergedIntoId is not null ? RequestResult.Refuse(RequestRefusals.Merged) : null)
            ?? (incident.IsOpen ? null : RequestResult.Refuse(IncidentRules.Closed, RequestField.Choice))
            ?? (incident.ProvinceId is { } province && province != ProvinceId
                ? RequestResult.Refuse(RequestRefusals.IncidentOtherProvince, RequestField.Choice) : null)
            ?? (incident.SubjectId is { } subject && subject != SubjectId && subject != SubSubjectId
                ? RequestResult.Refuse(RequestRefusals.IncidentOtherSubject, RequestField.Choice) : null)
            ?? (IncidentId == incident.Id ? RequestResult.Refuse(RequestRefusals.AlreadyInIncident, RequestField.Choice) : null);
        if (refusal is not null)
        {
            return refusal;
        }

        IncidentId = incident.Id;
        AddEvent(RequestEventKind.IncidentLinked, actor, now, visibleToCitizen: false, incident.Title);
        return RequestResult.Done;
    }

    /// <summary>Takes the request out of its incident.</summary>
    public RequestResult UnlinkFromIncident(StaffActor actor, string incidentTitle, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var refusal = CheckCovered(actor) ?? (IncidentId is null ? RequestResult.Refuse(RequestRefusals.NotInIncident) : null);
        if (refusal is not null)
        {
            return refusal;
        }

        IncidentId = null;
        AddEvent(RequestEventKind.IncidentUnlinked, actor, now, visibleToCitizen: false, incidentTitle);
        return RequestResult.Done;
    }

    /// <summary>
    /// Closes this request as a duplicate of <paramref name="survivor"/>, another request of the same national code
    /// that the actor also covers. The citizen's follow-up of this one shows the survivor's tracking code; the
    /// survivor's timeline notes the merge; reports count the pair once (<see cref="RequestRules.Counted"/>).
    /// </summary>
    public RequestResult MergeInto(StaffActor actor, ServiceRequest survivor, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(survivor);
        var refusal = CheckCovered(actor)
            ?? (survivor.CheckCovered(actor) is not null ? RequestResult.Refuse(RequestRefusals.MergeTargetNotFound, RequestField.Choice) : null)
            ?? (survivor.Id == Id ? RequestResult.Refuse(RequestRefusals.MergeIntoItself, RequestField.Choice) : null)
            ?? (survivor.NationalCode != NationalCode || AnonymisedAt is not null || survivor.AnonymisedAt is not null
                ? RequestResult.Refuse(RequestRefusals.MergeOtherPerson, RequestField.Choice) : null)
            ?? (MergedIntoId is not null ? RequestResult.Refuse(RequestRefusals.Merged) : null)
            ?? (survivor.MergedIntoId is not null ? RequestResult.Refuse(RequestRefusals.MergeTargetMerged, RequestField.Choice) : null)
            ?? (Status == RequestStatus.Closed ? RequestResult.Refuse(RequestRefusals.AlreadyClosed) : null);
        if (refusal is not null)
        {
            return refusal;
        }

        MergedIntoId = survivor.Id;
        AddEvent(RequestEventKind.Merged, actor, now, visibleToCitizen: true,
            MergedCitizenText(Codes.Format(survivor.TrackingCode)));
        Status = RequestStatus.Closed;
        ClosedAt = now;
        WaitingSince = null;
        survivor.AddEvent(RequestEventKind.MergedIn, actor, now, visibleToCitizen: false, Codes.Format(TrackingCode));
        pendingNotices.Add(RequestNotice.Closed);
        return RequestResult.Done;
    }

    /// <summary>What the citizen reads on a merged request's timeline.</summary>
    public static string MergedCitizenText(string survivorCode) =>
        "این درخواست تکراری بود و با درخواست دیگر شما به کد پیگیری " + survivorCode + " یکی شد؛ پیگیری را با آن کد ادامه دهید.";
}
