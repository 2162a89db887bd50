using HajDesk.Core.Calendar;
using HajDesk.Core.Requests;
using static HajDesk.Core.Tests.Requests.RequestBuilder;

namespace HajDesk.Core.Tests.Reports;

public class FirstAnswerTests
{
    // Saturday 1404/02/20 (2025-05-10) 08:00 UTC; the calendar: Saturday to Wednesday, Monday 2025-05-12 a holiday.
    private static readonly WorkingCalendar Calendar = new(false, [new DateOnly(2025, 5, 12)]);

    [Fact]
    public void Answer_First_RemembersWhenWhoOnTimeAndWorkingDays()
    {
        var request = Request();
        request.CreatedAt = Now;
        request.DueAt = Now.AddDays(3);

        // Sunday 1, Monday holiday, Tuesday 2.
        Assert.True(request.Answer(Expert, "پاسخ", [], Now.AddDays(3), Calendar).Succeeded);

        Assert.Equal(Now.AddDays(3), request.FirstAnsweredAt);
        Assert.Equal(Expert.Id, request.FirstAnsweredById);
        Assert.True(request.FirstAnsweredOnTime);
        Assert.Equal(2, request.FirstAnswerWorkingDays);
    }

    [Fact]
    public void Answer_AfterDeadline_IsNotOnTime()
    {
        var request = Request();
        request.DueAt = Now.AddMinutes(-1);

        request.Answer(Expert, "پاسخ", [], Now, Calendar);

        Assert.False(request.FirstAnsweredOnTime);
    }

    [Fact]
    public void Answer_AgainAfterReopen_KeepsTheFirstAnswerAndCountsTheReopening()
    {
        var request = Request();
        request.Answer(Expert, "پاسخ", [], Now, Calendar);
        var first = (request.FirstAnsweredAt, request.FirstAnswerWorkingDays);

        Assert.True(request.Reopen(Supervisor, Now.AddDays(1)).Succeeded);
        Assert.True(request.Answer(Supervisor, "پاسخ دوم", [], Now.AddDays(2), Calendar).Succeeded);

        Assert.Equal(first, (request.FirstAnsweredAt, request.FirstAnswerWorkingDays));
        Assert.Equal(Expert.Id, request.FirstAnsweredById);
        Assert.Equal(Now.AddDays(2), request.AnsweredAt);
        Assert.Equal(1, request.ReopenCount);
    }

    [Fact]
    public void Answer_WithoutCalendar_LeavesTheDayCountToTheBackfill()
    {
        var request = Request();

        request.Answer(Expert, "پاسخ", [], Now);

        Assert.NotNull(request.FirstAnsweredAt);
        Assert.Null(request.FirstAnswerWorkingDays);
        // Sent on Wednesday, answered on Saturday: Thursday and Friday are not working days.
        Assert.Equal(1, request.FirstAnswerWorkingDaysFor(WorkingCalendar.Default));
    }

    [Theory]
    [InlineData(0, 0, 0)] // the same day
    [InlineData(1, 0, 1)] // Sunday
    [InlineData(6, 0, 3)] // Friday: Sunday, Tuesday, Wednesday (Monday a holiday, Thursday and Friday off)
    [InlineData(8, 0, 5)] // next Sunday: the Saturday and the Sunday too
    [InlineData(8, 3, 2)] // three of them waiting for the citizen
    [InlineData(1, 5, 0)] // never below zero
    public void WorkingDaysToAnswer_CountsWorkingDaysAfterSubmissionLessWaiting(int daysLater, int waited, int expected) =>
        Assert.Equal(expected, ServiceRequest.WorkingDaysToAnswer(Calendar, Now, Now.AddDays(daysLater), waited));
}
