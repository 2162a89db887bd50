using HajDesk.Core.Calendar;
using HajDesk.Core.Requests;
using static HajDesk.Core.Tests.Requests.RequestBuilder;
using static HajDesk.Core.Tests.Requests.ServiceRequestStaffTransitionTests;

namespace HajDesk.Core.Tests.Requests;

/// <summary>The response clock: asking the citizen stops it, the citizen's reply restarts it and pushes the deadline.</summary>
public class ServiceRequestClockTests
{
    /// <summary>Saturday 2026-05-09, 08:00 in Tehran.</summary>
    private static readonly DateTime Saturday = new(2026, 5, 9, 4, 30, 0, DateTimeKind.Utc);

    private static ServiceRequest Running()
    {
        var request = Request(RequestStatus.InProgress, assignedTo: Expert.Id);
        request.CreatedAt = Saturday.AddDays(-1);
        request.ResponseDays = 5;
        request.DueAt = request.DueAtUnder(WorkingCalendar.Default);
        return request;
    }

    [Fact]
    public void AskCitizen_Open_WaitsWithVisibleQuestionAndNotice()
    {
        var request = Running();

        Assert.True(request.AskCitizen(Expert, "  تصویر گذرنامه را بفرستید. ", Saturday).Succeeded);

        Assert.Equal(RequestStatus.WaitingForCitizen, request.Status);
        Assert.Equal(Saturday, request.WaitingSince);
        var asked = Assert.Single(request.Events);
        Assert.Equal(RequestEventKind.InfoRequested, asked.Kind);
        Assert.True(asked.VisibleToCitizen);
        Assert.Equal("تصویر گذرنامه را بفرستید.", asked.Text);
        Assert.Equal([RequestNotice.InfoRequested], request.PendingNotices);
    }

    [Fact]
    public void AskCitizen_AlreadyWaitingOrClosedOrEmpty_IsRefused()
    {
        var waiting = Running();
        waiting.AskCitizen(Expert, "پرسش", Saturday);
        waiting.Events.Clear();
        waiting.ClearPendingNotices();
        AssertRefused(waiting, r => r.AskCitizen(Expert, "دوباره", Saturday), RequestRefusals.AlreadyWaiting);
        AssertRefused(Request(RequestStatus.Closed), r => r.AskCitizen(Expert, "پرسش", Saturday), RequestRefusals.AskNotOpen);
        AssertRefused(Running(), r => r.AskCitizen(Expert, " ", Saturday), RequestTexts.Question.RequiredMessage!);
        AssertRefused(Running(), r => r.AskCitizen(IsfahanExpert, "پرسش", Saturday), RequestRefusals.NotCovered);
    }

    [Fact]
    public void AddCitizenMessage_AfterThreeWorkingDaysWaiting_PushesDeadlineThreeWorkingDays()
    {
        var request = Running();
        var due = request.DueAt;
        request.AskCitizen(Expert, "پرسش", Saturday);

        // Saturday, Sunday and Monday spent waiting; the reply comes on Tuesday.
        Assert.True(request.AddCitizenMessage("پاسخ", [], Saturday.AddDays(3), WorkingCalendar.Default).Succeeded);

        Assert.Equal(WorkingCalendar.Default.AddWorkingDays(due, 3), request.DueAt);
        Assert.Equal(3, request.WaitedWorkingDays);
        Assert.Equal(RequestStatus.InProgress, request.Status);
        Assert.Null(request.WaitingSince);
        Assert.Equal(request.DueAt, request.DueAtUnder(WorkingCalendar.Default));
    }

    [Fact]
    public void AddCitizenMessage_SameDay_DoesNotMoveDeadline()
    {
        var request = Running();
        var due = request.DueAt;
        request.AskCitizen(Expert, "پرسش", Saturday);

        request.AddCitizenMessage("پاسخ", [], Saturday.AddHours(2));

        Assert.Equal(due, request.DueAt);
    }

    [Fact]
    public void Waiting_IsOpenButNeverOverdue()
    {
        var request = Running();
        request.AskCitizen(Expert, "پرسش", Saturday);
        var later = request.DueAt.AddDays(30);

        Assert.True(request.IsOpen);
        Assert.False(RequestRules.IsOverdue(request, later));
        Assert.False(RequestRules.OverdueAt(later).Compile()(request));
        Assert.False(RequestRules.DueSoon(Saturday, later).Compile()(request));
    }

    [Fact]
    public void Take_Waiting_KeepsClockStopped()
    {
        var request = Running();
        request.AskCitizen(Expert, "پرسش", Saturday);

        Assert.True(request.Take(Supervisor, Saturday).Succeeded);

        Assert.Equal(RequestStatus.WaitingForCitizen, request.Status);
    }
}
