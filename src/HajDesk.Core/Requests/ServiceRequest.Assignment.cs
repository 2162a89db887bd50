namespace HajDesk.Core.Requests;

/// <summary>The request's transitions done by the desk itself: automatic assignment and an absent expert's hand-over.</summary>
public partial class ServiceRequest
{
    /// <summary>
    /// Gives a new request (still «ثبت شده», nobody's) to <paramref name="expert"/>, chosen by
    /// <see cref="Assignment.AutoAssigner"/>; refused for any other request, so a request is never assigned twice.
    /// </summary>
    public RequestResult AutoAssign((string Id, string Name) expert, DateTime now)
    {
        if (Status != RequestStatus.Submitted || AssignedToId is not null)
        {
            return RequestResult.Refuse(RequestRefusals.NotNew);
        }

        AssignedToId = expert.Id;
        Status = RequestStatus.InProgress;
        AddEvent(RequestEventKind.Assigned, null, now, visibleToCitizen: false, $"به‌طور خودکار به «{expert.Name}» سپرده شد.");
        return RequestResult.Done;
    }

    /// <summary>
    /// An absence of <paramref name="absentName"/> began: the open request they hold goes to
    /// <paramref name="colleague"/>, or back to the province's queue (still in progress becomes «ثبت شده» again).
    /// </summary>
    public RequestResult HandOverForAbsence(string absentId, string absentName, (string Id, string Name)? colleague, DateTime now)
    {
        if (!IsOpen || AssignedToId != absentId)
        {
            return RequestResult.Refuse(RequestRefusals.NotHeldByAbsent);
        }

        if (colleague is { } to)
        {
            AssignedToId = to.Id;
            AddEvent(RequestEventKind.Assigned, null, now, visibleToCitizen: false, $"به سبب غیبت «{absentName}» به «{to.Name}» سپرده شد.");
        }
        else
        {
            AssignedToId = null;
            if (Status == RequestStatus.InProgress)
            {
                Status = RequestStatus.Submitted;
            }

            AddEvent(RequestEventKind.Assigned, null, now, visibleToCitizen: false, $"به سبب غیبت «{absentName}» به صف استان بازگشت.");
        }

        return RequestResult.Done;
    }
}
