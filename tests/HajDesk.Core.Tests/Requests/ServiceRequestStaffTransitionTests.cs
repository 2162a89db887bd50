using HajDesk.Core.Requests;
using static HajDesk.Core.Tests.Requests.RequestBuilder;

namespace HajDesk.Core.Tests.Requests;

public class ServiceRequestStaffTransitionTests
{
    public static TheoryData<RequestStatus> OpenStatuses => [RequestStatus.Submitted, RequestStatus.InProgress, RequestStatus.Referred, RequestStatus.Reopened];

    public static TheoryData<RequestStatus> ClosedStatuses => [RequestStatus.Answered, RequestStatus.Closed];

    [Theory]
    [MemberData(nameof(OpenStatuses))]
    public void Take_OpenRequest_AssignsToActorWithInternalEvent(RequestStatus status)
    {
        var request = Request(status);

        var result = request.Take(Expert, Now);

        Assert.True(result.Succeeded);
        Assert.Equal(Expert.Id, request.AssignedToId);
        Assert.Equal(RequestStatus.InProgress, request.Status);
        var entry = Assert.Single(request.Events);
        Assert.Equal(RequestEventKind.Assigned, entry.Kind);
        Assert.False(entry.VisibleToCitizen);
        Assert.Equal(Expert.Id, entry.ActorId);
        Assert.Equal("«کارشناس تهران» رسیدگی را بر عهده گرفت.", entry.Text);
        Assert.Empty(request.PendingNotices);
    }

    [Theory]
    [MemberData(nameof(ClosedStatuses))]
    public void Take_NotOpen_IsRefused(RequestStatus status) =>
        AssertRefused(Request(status), r => r.Take(Expert, Now), RequestRefusals.NotOpen);

    [Fact]
    public void Take_AlreadyMine_IsRefused() =>
        AssertRefused(Request(RequestStatus.InProgress, assignedTo: Expert.Id), r => r.Take(Expert, Now), RequestRefusals.AlreadyYours);

    [Fact]
    public void Take_ByStaffOfAnotherProvince_IsNotAllowed()
    {
        var result = AssertRefused(Request(), r => r.Take(IsfahanExpert, Now), RequestRefusals.NotCovered);
        Assert.True(result.Forbidden);
    }

    [Fact]
    public void Take_ByExpertOfAnotherSubject_IsNotAllowed() =>
        AssertRefused(Request(subject: Hajj), r => r.Take(UmrahExpert, Now), RequestRefusals.NotCovered);

    [Fact]
    public void Take_ByExpertOfItsSubject_Succeeds() =>
        Assert.True(Request(subject: Umrah).Take(UmrahExpert, Now).Succeeded);

    [Fact]
    public void Assign_BySupervisor_HandsToChosenStaff()
    {
        var request = Request();

        var result = request.Assign(Supervisor, ("expert", "کارشناس تهران"), Now);

        Assert.True(result.Succeeded);
        Assert.Equal("expert", request.AssignedToId);
        Assert.Equal(RequestStatus.InProgress, request.Status);
        Assert.Equal("«سرپرست تهران» درخواست را به «کارشناس تهران» سپرد.", Assert.Single(request.Events).Text);
    }

    [Fact]
    public void Assign_ByAdministrator_Succeeds() =>
        Assert.True(Request(province: Isfahan).Assign(Administrator, ("isfahan", "کارشناس اصفهان"), Now).Succeeded);

    [Fact]
    public void Assign_ByExpert_IsForbidden()
    {
        var result = AssertRefused(Request(), r => r.Assign(Expert, ("expert", "کارشناس تهران"), Now), RequestRefusals.CannotAssign);
        Assert.True(result.Forbidden);
    }

    [Fact]
    public void Assign_ChoiceNotAmongCoveringStaff_IsRefused()
    {
        var result = AssertRefused(Request(), r => r.Assign(Supervisor, null, Now), RequestRefusals.ChooseAssignee);
        Assert.Equal(RequestField.Choice, result.Field);
        Assert.False(result.Forbidden);
    }

    [Theory]
    [MemberData(nameof(ClosedStatuses))]
    public void Assign_NotOpen_IsRefused(RequestStatus status) =>
        AssertRefused(Request(status), r => r.Assign(Supervisor, ("expert", "کارشناس تهران"), Now), RequestRefusals.NotOpen);

    [Fact]
    public void Answer_Open_AnswersWithFilesAndAsksToTellTheCitizen()
    {
        var request = Request();
        var files = new[] { File("a.pdf"), File("b.pdf") };

        var result = request.Answer(Expert, "  پاسك  ", files, Now);

        Assert.True(result.Succeeded);
        Assert.Equal(RequestStatus.Answered, request.Status);
        Assert.Equal(Now, request.AnsweredAt);
        Assert.Equal(Expert.Id, request.AssignedToId);
        var answer = Assert.Single(request.Events);
        Assert.Equal(RequestEventKind.Answered, answer.Kind);
        Assert.True(answer.VisibleToCitizen);
        Assert.Equal("پاسک", answer.Text);
        Assert.Equal(2, answer.Attachments.Count);
        Assert.All(answer.Attachments, a => Assert.True(a.FromStaff && a.RequestId == request.Id));
        Assert.Equal([RequestNotice.Answered], request.PendingNotices);
    }

    [Fact]
    public void Answer_AssignedToColleague_KeepsTheAssignee()
    {
        var request = Request(RequestStatus.InProgress, assignedTo: "colleague");

        request.Answer(Supervisor, "پاسخ", [], Now);

        Assert.Equal("colleague", request.AssignedToId);
    }

    [Theory]
    [MemberData(nameof(ClosedStatuses))]
    public void Answer_NotOpen_IsRefused(RequestStatus status) =>
        AssertRefused(Request(status), r => r.Answer(Expert, "پاسخ", [], Now), RequestRefusals.AnswerNotOpen);

    [Fact]
    public void Answer_Empty_IsRefused() =>
        Assert.Equal(RequestField.Text, AssertRefused(Request(), r => r.Answer(Expert, " \n ", [], Now), "متن پاسخ را بنویسید.").Field);

    [Fact]
    public void Answer_TooLong_IsRefused() =>
        AssertRefused(Request(), r => r.Answer(Expert, new string('ب', RequestTexts.MaxAnswerLength + 1), [], Now), "متن پاسخ بیش از ۸۰۰۰ نویسه است.");

    [Fact]
    public void Answer_AtTheLimit_Succeeds() =>
        Assert.True(Request().Answer(Expert, new string('ب', RequestTexts.MaxAnswerLength), [], Now).Succeeded);

    [Fact]
    public void Answer_ByStaffOfAnotherProvince_IsNotAllowed() =>
        AssertRefused(Request(), r => r.Answer(IsfahanExpert, "پاسخ", [], Now), RequestRefusals.NotCovered);

    [Theory]
    [InlineData(RequestStatus.Submitted)]
    [InlineData(RequestStatus.Answered)]
    [InlineData(RequestStatus.Closed)]
    public void AddInternalNote_AnyStatus_AppendsInternalEventOnly(RequestStatus status)
    {
        var request = Request(status);

        Assert.True(request.AddInternalNote(Expert, "یادداشت", Now).Succeeded);

        Assert.Equal(status, request.Status);
        var note = Assert.Single(request.Events);
        Assert.Equal(RequestEventKind.InternalNote, note.Kind);
        Assert.False(note.VisibleToCitizen);
        Assert.Empty(request.PendingNotices);
    }

    [Theory]
    [InlineData("", "متن یادداشت را بنویسید.")]
    [InlineData(null, "متن یادداشت را بنویسید.")]
    public void AddInternalNote_Empty_IsRefused(string? text, string message) =>
        AssertRefused(Request(), r => r.AddInternalNote(Expert, text, Now), message);

    [Fact]
    public void AddInternalNote_TooLong_IsRefused() =>
        AssertRefused(Request(), r => r.AddInternalNote(Expert, new string('ی', RequestTexts.MaxNoteLength + 1), Now), "متن یادداشت بیش از اندازه بلند است.");

    [Fact]
    public void AddInternalNote_ByStaffOfAnotherProvince_IsNotAllowed() =>
        AssertRefused(Request(), r => r.AddInternalNote(IsfahanExpert, "یادداشت", Now), RequestRefusals.NotCovered);

    [Fact]
    public void Refer_ToAnotherProvince_MovesUnassignsAndAsksToTellTheCitizen()
    {
        var request = Request(RequestStatus.InProgress, assignedTo: Expert.Id);

        var result = request.Refer(Expert, new ReferralTarget(Province(Isfahan), Subject(Hajj)), "مربوط به اصفهان", Now);

        Assert.True(result.Succeeded);
        Assert.Equal(Isfahan, request.ProvinceId);
        Assert.Equal(RequestStatus.Referred, request.Status);
        Assert.Null(request.AssignedToId);
        Assert.Collection(request.Events,
            referred =>
            {
                Assert.Equal(RequestEventKind.Referred, referred.Kind);
                Assert.True(referred.VisibleToCitizen);
                Assert.Equal(ServiceRequest.ReferredCitizenText, referred.Text);
                Assert.Equal((Tehran, Isfahan, Hajj, Hajj), (referred.FromProvinceId, referred.ToProvinceId, referred.FromSubjectId, referred.ToSubjectId));
            },
            reason =>
            {
                Assert.Equal(RequestEventKind.InternalNote, reason.Kind);
                Assert.Equal("علت ارجاع: مربوط به اصفهان", reason.Text);
            });
        Assert.Equal([RequestNotice.Referred], request.PendingNotices);
    }

    [Fact]
    public void Refer_ToSubSubjectOfTheSameSubject_Succeeds()
    {
        var request = Request();

        Assert.True(request.Refer(Expert, new ReferralTarget(Province(Tehran), Subject(Hajj), HajjVisa, Subject(HajjVisa, Hajj)), "دقیق‌تر", Now).Succeeded);

        Assert.Equal(HajjVisa, request.SubSubjectId);
    }

    [Theory]
    [MemberData(nameof(ClosedStatuses))]
    public void Refer_NotOpen_IsRefused(RequestStatus status) =>
        AssertRefused(Request(status), r => r.Refer(Expert, new ReferralTarget(Province(Isfahan), Subject(Hajj)), "علت", Now), RequestRefusals.ReferNotOpen);

    [Fact]
    public void Refer_WithoutReason_IsRefused() =>
        AssertRefused(Request(), r => r.Refer(Expert, new ReferralTarget(Province(Isfahan), Subject(Hajj)), "  ", Now), "علت ارجاع را بنویسید.");

    [Fact]
    public void Refer_ReasonTooLong_IsRefused() =>
        AssertRefused(Request(), r => r.Refer(Expert, new ReferralTarget(Province(Isfahan), Subject(Hajj)), new string('ع', RequestTexts.MaxReasonLength + 1), Now),
            "علت ارجاع بیش از اندازه بلند است.");

    [Fact]
    public void Refer_ToTheSamePlace_IsRefused() =>
        AssertRefused(Request(), r => r.Refer(Expert, new ReferralTarget(Province(Tehran), Subject(Hajj)), "علت", Now), RequestRefusals.ReferNothingChanged);

    [Fact]
    public void Refer_UnknownProvinceOrSubject_IsRefused()
    {
        AssertRefused(Request(), r => r.Refer(Expert, new ReferralTarget(null, Subject(Hajj)), "علت", Now), RequestRefusals.ReferTargetInvalid);
        AssertRefused(Request(), r => r.Refer(Expert, new ReferralTarget(Province(Isfahan), null), "علت", Now), RequestRefusals.ReferTargetInvalid);
    }

    [Fact]
    public void Refer_ToSubSubjectAsMainSubject_IsRefused() =>
        AssertRefused(Request(), r => r.Refer(Expert, new ReferralTarget(Province(Tehran), Subject(HajjVisa, Hajj)), "علت", Now), RequestRefusals.ReferTargetInvalid);

    [Fact]
    public void Refer_ToInactiveSubject_IsRefused() =>
        AssertRefused(Request(), r => r.Refer(Expert, new ReferralTarget(Province(Tehran), Subject(Umrah, active: false)), "علت", Now), RequestRefusals.ReferTargetInvalid);

    [Fact]
    public void Refer_InactiveOwnSubjectToAnotherProvince_Succeeds() =>
        Assert.True(Request().Refer(Expert, new ReferralTarget(Province(Isfahan), Subject(Hajj, active: false)), "علت", Now).Succeeded);

    [Fact]
    public void Refer_SubSubjectOfAnotherSubject_IsRefused()
    {
        AssertRefused(Request(), r => r.Refer(Expert, new ReferralTarget(Province(Tehran), Subject(Umrah), HajjVisa, Subject(HajjVisa, Hajj)), "علت", Now),
            RequestRefusals.ReferSubSubjectInvalid);
        AssertRefused(Request(), r => r.Refer(Expert, new ReferralTarget(Province(Tehran), Subject(Umrah), 999, null), "علت", Now),
            RequestRefusals.ReferSubSubjectInvalid);
    }

    [Theory]
    [InlineData(RequestStatus.Submitted)]
    [InlineData(RequestStatus.Answered)]
    [InlineData(RequestStatus.Reopened)]
    public void Close_NotClosed_ClosesWithVisibleEvent(RequestStatus status)
    {
        var request = Request(status);

        Assert.True(request.Close(Expert, "پایان", Now).Succeeded);

        Assert.Equal(RequestStatus.Closed, request.Status);
        var closed = Assert.Single(request.Events);
        Assert.Equal((RequestEventKind.Closed, true, "پایان"), (closed.Kind, closed.VisibleToCitizen, closed.Text));
    }

    [Fact]
    public void Close_WithoutExplanation_StoresNoText()
    {
        var request = Request();

        Assert.True(request.Close(Expert, "   ", Now).Succeeded);

        Assert.Null(Assert.Single(request.Events).Text);
    }

    [Fact]
    public void Close_AlreadyClosed_IsRefused() =>
        AssertRefused(Request(RequestStatus.Closed), r => r.Close(Expert, null, Now), RequestRefusals.AlreadyClosed);

    [Fact]
    public void Close_ExplanationTooLong_IsRefused() =>
        AssertRefused(Request(), r => r.Close(Expert, new string('ب', RequestTexts.MaxReasonLength + 1), Now), "توضیح بستن بیش از اندازه بلند است.");

    [Theory]
    [MemberData(nameof(ClosedStatuses))]
    public void Reopen_AnsweredOrClosed_ReopensAndAsksToTellTheCitizen(RequestStatus status)
    {
        var request = Request(status);

        Assert.True(request.Reopen(Supervisor, Now).Succeeded);

        Assert.Equal(RequestStatus.Reopened, request.Status);
        Assert.Equal(RequestEventKind.Reopened, Assert.Single(request.Events).Kind);
        Assert.Equal([RequestNotice.Reopened], request.PendingNotices);
    }

    [Theory]
    [MemberData(nameof(OpenStatuses))]
    public void Reopen_Open_IsRefused(RequestStatus status) =>
        AssertRefused(Request(status), r => r.Reopen(Supervisor, Now), RequestRefusals.CannotReopen);

    [Fact]
    public void Reopen_ByStaffOfAnotherProvince_IsNotAllowed() =>
        AssertRefused(Request(RequestStatus.Closed), r => r.Reopen(IsfahanExpert, Now), RequestRefusals.NotCovered);

    /// <summary>Asserts the refusal and that nothing on the request changed.</summary>
    internal static RequestResult AssertRefused(ServiceRequest request, Func<ServiceRequest, RequestResult> transition, string message)
    {
        var (status, assigned, province, subject) = (request.Status, request.AssignedToId, request.ProvinceId, request.SubjectId);

        var result = transition(request);

        Assert.False(result.Succeeded);
        Assert.Equal(message, result.Error);
        Assert.Empty(request.Events);
        Assert.Empty(request.PendingNotices);
        Assert.Equal((status, assigned, province, subject), (request.Status, request.AssignedToId, request.ProvinceId, request.SubjectId));
        return result;
    }
}
