using System.ComponentModel.DataAnnotations.Schema;
using System.Globalization;
using HajDesk.Core.Calendar;
using HajDesk.Core.Persian;

namespace HajDesk.Core.Requests;

/// <summary>
/// The request's lifecycle: one method per transition. Each checks who may act and from which status, checks the
/// typed text (<see cref="RequestTexts"/>), changes the state, appends its timeline event(s) and records the notice
/// the citizen is owed (<see cref="PendingNotices"/>); or refuses with a Persian reason and changes nothing.
/// </summary>
/// <remarks>
/// Staff scope is enforced before a request is even loaded (out of scope is "not found"); the transitions check it
/// again so that a caller that forgot cannot act outside it. Saving, the version check and the audit log are the
/// caller's: one web service does them for every transition.
/// </remarks>
public partial class ServiceRequest
{
    public const string ReferredCitizenText = "درخواست شما برای رسیدگی به واحد مربوط ارجاع شد.";

    private readonly List<RequestNotice> pendingNotices = [];

    /// <summary>Notices asked for by transitions since the request was loaded; never stored.</summary>
    [NotMapped]
    public IReadOnlyList<RequestNotice> PendingNotices => pendingNotices;

    /// <summary>Whether staff may still act on it and the citizen may add a message.</summary>
    [NotMapped]
    public bool IsOpen => Status.IsOpen();

    /// <summary>Answered or closed requests can be reopened by staff, unless anonymised (nothing is left to answer).</summary>
    [NotMapped]
    public bool CanReopen => (Status is RequestStatus.Answered or RequestStatus.Closed) && AnonymisedAt is null;

    /// <summary>The citizen rates an answer once.</summary>
    [NotMapped]
    public bool CanRate => Status == RequestStatus.Answered && Rating is null;

    /// <summary>Forgets the notices once they have been turned into outbox messages.</summary>
    public void ClearPendingNotices() => pendingNotices.Clear();

    /// <summary>The end of the objection window: <paramref name="objectionDays"/> days after the answer.</summary>
    public DateTime? ObjectionDeadline(int objectionDays) => AnsweredAt?.AddDays(objectionDays);

    /// <summary>The citizen may object once, to an answer, before <see cref="ObjectionDeadline"/>.</summary>
    public bool CanObject(DateTime now, int objectionDays) =>
        Status == RequestStatus.Answered && ObjectedAt is null && ObjectionDeadline(objectionDays) > now;

    /// <summary>A staff member takes the open request for themselves.</summary>
    public RequestResult Take(StaffActor actor, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var refusal = CheckCovered(actor) ?? CheckOpen(RequestRefusals.NotOpen);
        if (refusal is not null)
        {
            return refusal;
        }

        if (AssignedToId == actor.Id)
        {
            return RequestResult.Refuse(RequestRefusals.AlreadyYours);
        }

        AssignTo(actor, actor.Id, now, $"«{actor.DisplayName}» رسیدگی را بر عهده گرفت.");
        return RequestResult.Done;
    }

    /// <summary>
    /// A supervisor or administrator hands the open request to <paramref name="assignee"/>, one of the staff who
    /// cover it (<see cref="RequestRules.Covering"/>); null when the choice was not among them.
    /// </summary>
    public RequestResult Assign(StaffActor actor, (string Id, string Name)? assignee, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.CanAssign)
        {
            return RequestResult.NotAllowed(RequestRefusals.CannotAssign);
        }

        var refusal = CheckCovered(actor) ?? CheckOpen(RequestRefusals.NotOpen);
        if (refusal is not null)
        {
            return refusal;
        }

        if (assignee is not { } chosen)
        {
            return RequestResult.Refuse(RequestRefusals.ChooseAssignee, RequestField.Choice);
        }

        AssignTo(actor, chosen.Id, now, $"«{actor.DisplayName}» درخواست را به «{chosen.Name}» سپرد.");
        return RequestResult.Done;
    }

    /// <summary>
    /// The answer the citizen reads, with the staff member's files; the citizen is told. The first answer is
    /// remembered for the reports (when, by whom, on time, in how many working days of <paramref name="calendar"/>;
    /// without a calendar the day count is left to the start-up backfill).
    /// </summary>
    public RequestResult Answer(StaffActor actor, string? text, IReadOnlyList<Attachment> files, DateTime now, WorkingCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(files);
        var refusal = CheckCovered(actor) ?? CheckOpen(RequestRefusals.AnswerNotOpen);
        if (refusal is not null)
        {
            return refusal;
        }

        var textCheck = RequestTexts.Answer.Check(text, out var answerText);
        if (!textCheck.Succeeded)
        {
            return textCheck;
        }

        Attach(AddEvent(RequestEventKind.Answered, actor, now, visibleToCitizen: true, answerText), files, fromStaff: true);

        if (FirstAnsweredAt is null)
        {
            FirstAnsweredAt = now;
            FirstAnsweredById = actor.Id;
            FirstAnsweredOnTime = now <= DueAt;
            FirstAnswerWorkingDays = calendar is null ? null : FirstAnswerWorkingDaysFor(calendar);
        }

        Status = RequestStatus.Answered;
        WaitingSince = null;
        AnsweredAt = now;
        AssignedToId ??= actor.Id;
        pendingNotices.Add(RequestNotice.Answered);
        return RequestResult.Done;
    }

    /// <summary>A note for colleagues only, in any status.</summary>
    public RequestResult AddInternalNote(StaffActor actor, string? text, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var refusal = CheckCovered(actor);
        if (refusal is not null)
        {
            return refusal;
        }

        var textCheck = RequestTexts.Note.Check(text, out var note);
        if (!textCheck.Succeeded)
        {
            return textCheck;
        }

        AddEvent(RequestEventKind.InternalNote, actor, now, visibleToCitizen: false, note);
        return RequestResult.Done;
    }

    /// <summary>
    /// Moves the open request to another province, subject or sub-subject, unassigned and waiting there. The
    /// citizen sees that it was referred; the reason stays internal. An inactive subject is refused unless it is
    /// the request's own.
    /// </summary>
    public RequestResult Refer(StaffActor actor, ReferralTarget target, string? reason, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(target);
        var refusal = CheckCovered(actor) ?? CheckOpen(RequestRefusals.ReferNotOpen);
        if (refusal is not null)
        {
            return refusal;
        }

        var textCheck = RequestTexts.ReferReason.Check(reason, out var why);
        if (!textCheck.Succeeded)
        {
            return textCheck;
        }

        if (target is not { Province: { } province, Subject: { ParentId: null } subject }
            || (!subject.IsActive && subject.Id != SubjectId))
        {
            return RequestResult.Refuse(RequestRefusals.ReferTargetInvalid, RequestField.Choice);
        }

        if (target.SubSubjectId is not null && target.SubSubject?.ParentId != subject.Id)
        {
            return RequestResult.Refuse(RequestRefusals.ReferSubSubjectInvalid, RequestField.Choice);
        }

        var subSubjectId = target.SubSubjectId is null ? null : target.SubSubject?.Id;
        if (province.Id == ProvinceId && subject.Id == SubjectId && subSubjectId == SubSubjectId)
        {
            return RequestResult.Refuse(RequestRefusals.ReferNothingChanged, RequestField.Choice);
        }

        var referred = AddEvent(RequestEventKind.Referred, actor, now, visibleToCitizen: true, ReferredCitizenText);
        referred.FromProvinceId = ProvinceId;
        referred.ToProvinceId = province.Id;
        referred.FromSubjectId = SubjectId;
        referred.ToSubjectId = subject.Id;
        AddEvent(RequestEventKind.InternalNote, actor, now, visibleToCitizen: false, "علت ارجاع: " + why);

        ProvinceId = province.Id;
        SubjectId = subject.Id;
        SubSubjectId = subSubjectId;
        Status = RequestStatus.Referred;
        WaitingSince = null;
        AssignedToId = null;
        pendingNotices.Add(RequestNotice.Referred);
        return RequestResult.Done;
    }

    /// <summary>Closes the request, from any status but closed, with an optional explanation the citizen reads.</summary>
    public RequestResult Close(StaffActor actor, string? text, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var refusal = CheckCovered(actor)
            ?? (Status == RequestStatus.Closed ? RequestResult.Refuse(RequestRefusals.AlreadyClosed) : null);
        if (refusal is not null)
        {
            return refusal;
        }

        var textCheck = RequestTexts.CloseText.Check(text, out var explanation);
        if (!textCheck.Succeeded)
        {
            return textCheck;
        }

        AddEvent(RequestEventKind.Closed, actor, now, visibleToCitizen: true, explanation.Length == 0 ? null : explanation);
        Status = RequestStatus.Closed;
        ClosedAt = now;
        WaitingSince = null;
        pendingNotices.Add(RequestNotice.Closed);
        return RequestResult.Done;
    }

    /// <summary>Reopens an answered or closed request; the citizen is told.</summary>
    public RequestResult Reopen(StaffActor actor, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var refusal = CheckCovered(actor) ?? (CanReopen ? null : RequestResult.Refuse(RequestRefusals.CannotReopen));
        if (refusal is not null)
        {
            return refusal;
        }

        AddEvent(RequestEventKind.Reopened, actor, now, visibleToCitizen: true, null);
        Status = RequestStatus.Reopened;
        ClosedAt = null;
        ReopenCount++;
        pendingNotices.Add(RequestNotice.Reopened);
        return RequestResult.Done;
    }

    /// <summary>
    /// An expert asks the citizen for more information or documents: the question is shown on the follow-up page,
    /// the citizen is told by SMS (and e-mail), and the response clock stops until the citizen's reply
    /// (<see cref="AddCitizenMessage"/>). The request stays with the expert who asked.
    /// </summary>
    public RequestResult AskCitizen(StaffActor actor, string? question, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var refusal = CheckCovered(actor)
            ?? (Status == RequestStatus.WaitingForCitizen ? RequestResult.Refuse(RequestRefusals.AlreadyWaiting) : null)
            ?? CheckOpen(RequestRefusals.AskNotOpen);
        if (refusal is not null)
        {
            return refusal;
        }

        var textCheck = RequestTexts.Question.Check(question, out var text);
        if (!textCheck.Succeeded)
        {
            return textCheck;
        }

        AddEvent(RequestEventKind.InfoRequested, actor, now, visibleToCitizen: true, text);
        Status = RequestStatus.WaitingForCitizen;
        WaitingSince = now;
        AssignedToId ??= actor.Id;
        pendingNotices.Add(RequestNotice.InfoRequested);
        return RequestResult.Done;
    }

    /// <summary>
    /// The citizen adds a message (and files) while the request is open; the expert sees it. A reply to the
    /// expert's question (<see cref="RequestStatus.WaitingForCitizen"/>) returns the request to the expert and
    /// pushes the deadline by the working days of <paramref name="calendar"/> spent waiting.
    /// </summary>
    public RequestResult AddCitizenMessage(string? text, IReadOnlyList<Attachment> files, DateTime now, WorkingCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var refusal = CheckOpen(RequestRefusals.MessageNotOpen);
        if (refusal is not null)
        {
            return refusal;
        }

        var textCheck = RequestTexts.CitizenMessage.Check(text, out var message);
        if (!textCheck.Succeeded)
        {
            return textCheck;
        }

        Attach(AddEvent(RequestEventKind.CitizenMessage, null, now, visibleToCitizen: true, message), files, fromStaff: false);
        if (Status == RequestStatus.WaitingForCitizen)
        {
            ResumeClock(calendar ?? WorkingCalendar.Default, now);
        }

        return RequestResult.Done;
    }

    /// <summary>The citizen rates the answer once, 1 to 5 (Persian, Arabic or Latin digit), with an optional comment.</summary>
    public RequestResult Rate(string? rating, string? comment, DateTime now)
    {
        if (!CanRate)
        {
            return RequestResult.Refuse(Rating is null ? RequestRefusals.RateBeforeAnswer : RequestRefusals.AlreadyRated, RequestField.Rating);
        }

        if (!int.TryParse(PersianText.NormalizeNumeric(rating), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || value is < 1 or > 5)
        {
            return RequestResult.Refuse(RequestRefusals.RatingOutOfRange, RequestField.Rating);
        }

        var commentCheck = RequestTexts.RatingComment.Check(comment, out var text);
        if (!commentCheck.Succeeded)
        {
            return RequestResult.Refuse(commentCheck.Error!, RequestField.Comment);
        }

        Rating = value;
        RatingComment = text.Length == 0 ? null : text;
        RatedAt = now;
        AddEvent(RequestEventKind.Rated, null, now, visibleToCitizen: true, RatingComment);
        return RequestResult.Done;
    }

    /// <summary>
    /// The citizen objects to the answer, once, within <paramref name="objectionDays"/> days: the request reopens
    /// for its province and the citizen is told.
    /// </summary>
    public RequestResult ObjectToAnswer(string? text, DateTime now, int objectionDays)
    {
        if (!CanObject(now, objectionDays))
        {
            return RequestResult.Refuse(ObjectedAt is not null ? RequestRefusals.AlreadyObjected : RequestRefusals.ObjectionNotAllowed);
        }

        var check = RequestTexts.Objection.Check(text, out var objection);
        if (!check.Succeeded)
        {
            return check;
        }

        ObjectedAt = now;
        Status = RequestStatus.Reopened;
        var entry = AddEvent(RequestEventKind.Objected, null, now, visibleToCitizen: true, objection);
        entry.ToProvinceId = ProvinceId;
        pendingNotices.Add(RequestNotice.Reopened);
        return RequestResult.Done;
    }

    /// <summary>
    /// Moves the due date later by the working days from the day of the question (counted) to the day of the
    /// reply (not counted): a question asked and answered on the same day costs nothing.
    /// </summary>
    private void ResumeClock(WorkingCalendar calendar, DateTime now)
    {
        var waited = WaitingSince is { } since
            ? calendar.WorkingDaysBetween(WorkingCalendar.TehranDay(since), WorkingCalendar.TehranDay(now))
            : 0;
        if (waited > 0)
        {
            DueAt = calendar.AddWorkingDays(DueAt, waited);
            WaitedWorkingDays += waited;
        }

        WaitingSince = null;
        Status = AssignedToId is null ? RequestStatus.Submitted : RequestStatus.InProgress;
    }

    /// <summary>
    /// The due date this request would have under <paramref name="calendar"/>: its promised working days plus
    /// those spent waiting, from its submission. A calendar change only ever moves <see cref="DueAt"/> later to
    /// this, never earlier (a promise given is kept); see <c>docs/decisions/0005-calendar-changes-never-advance-a-promise.md</c>.
    /// </summary>
    public DateTime DueAtUnder(WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.AddWorkingDays(CreatedAt, ResponseDays + WaitedWorkingDays);
    }

    /// <summary>
    /// The working days of <paramref name="calendar"/> from the day after submission to the day of the first answer,
    /// both Tehran days and the answer's day included, less <see cref="WaitedWorkingDays"/> (the clock was stopped):
    /// an answer on the day of submission is 0, on the next working day 1. It is on time when at most
    /// <see cref="ResponseDays"/>, the same count <see cref="DueAt"/> is made of. Null before the first answer.
    /// </summary>
    public int? FirstAnswerWorkingDaysFor(WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return FirstAnsweredAt is { } answered ? WorkingDaysToAnswer(calendar, CreatedAt, answered, WaitedWorkingDays) : null;
    }

    /// <summary>The count of <see cref="FirstAnswerWorkingDaysFor"/> from its parts (for a projected row).</summary>
    public static int WorkingDaysToAnswer(WorkingCalendar calendar, DateTime createdAt, DateTime answeredAt, int waitedWorkingDays)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var days = calendar.WorkingDaysBetween(WorkingCalendar.TehranDay(createdAt).AddDays(1), WorkingCalendar.TehranDay(answeredAt).AddDays(1));
        return Math.Max(0, days - waitedWorkingDays);
    }

    private RequestResult? CheckOpen(string reason) => IsOpen ? null : RequestResult.Refuse(reason);

    private RequestResult? CheckCovered(StaffActor actor) =>
        RequestRules.CoveredBy(actor).Compile(preferInterpretation: true)(this) ? null : RequestResult.NotAllowed(RequestRefusals.NotCovered);

    private void AssignTo(StaffActor actor, string staffId, DateTime now, string text)
    {
        AssignedToId = staffId;
        // Taking or assigning a request that waits for the citizen does not restart its clock.
        if (Status != RequestStatus.WaitingForCitizen)
        {
            Status = RequestStatus.InProgress;
        }

        AddEvent(RequestEventKind.Assigned, actor, now, visibleToCitizen: false, text);
    }

    /// <summary>Files posted with a timeline entry belong to the request and to that entry.</summary>
    private void Attach(RequestEvent entry, IReadOnlyList<Attachment> files, bool fromStaff)
    {
        foreach (var file in files)
        {
            file.RequestId = Id;
            file.FromStaff = fromStaff;
            entry.Attachments.Add(file);
        }
    }

    /// <summary>Appends a timeline entry by <paramref name="actor"/>, or by the citizen when null.</summary>
    private RequestEvent AddEvent(RequestEventKind kind, StaffActor? actor, DateTime now, bool visibleToCitizen, string? text)
    {
        var entry = new RequestEvent
        {
            RequestId = Id,
            Kind = kind,
            At = now,
            VisibleToCitizen = visibleToCitizen,
            ActorId = actor?.Id,
            ActorName = actor?.DisplayName,
            Text = text,
        };
        Events.Add(entry);
        return entry;
    }
}
