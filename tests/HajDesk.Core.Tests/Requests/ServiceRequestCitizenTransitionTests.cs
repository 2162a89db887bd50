using HajDesk.Core.Requests;
using static HajDesk.Core.Tests.Requests.RequestBuilder;
using static HajDesk.Core.Tests.Requests.ServiceRequestStaffTransitionTests;

namespace HajDesk.Core.Tests.Requests;

public class ServiceRequestCitizenTransitionTests
{
    private const int ObjectionDays = 10;

    [Fact]
    public void AddCitizenMessage_Open_AppendsVisibleEventWithFiles()
    {
        var request = Request(RequestStatus.InProgress);

        Assert.True(request.AddCitizenMessage("مدرک تازه", [File("a.pdf")], Now).Succeeded);

        var message = Assert.Single(request.Events);
        Assert.Equal(RequestEventKind.CitizenMessage, message.Kind);
        Assert.True(message.VisibleToCitizen);
        Assert.Null(message.ActorId);
        Assert.Equal("مدرک تازه", message.Text);
        var file = Assert.Single(message.Attachments);
        Assert.False(file.FromStaff);
        Assert.Equal(RequestStatus.InProgress, request.Status);
    }

    [Theory]
    [InlineData(RequestStatus.Answered)]
    [InlineData(RequestStatus.Closed)]
    public void AddCitizenMessage_NotOpen_IsRefused(RequestStatus status) =>
        AssertRefused(Request(status), r => r.AddCitizenMessage("پیام", [], Now), RequestRefusals.MessageNotOpen);

    [Fact]
    public void AddCitizenMessage_Empty_IsRefused() =>
        Assert.Equal(RequestField.Text, AssertRefused(Request(), r => r.AddCitizenMessage("\u200c ", [], Now), "متن پیام را بنویسید.").Field);

    [Fact]
    public void AddCitizenMessage_TooLong_IsRefused() =>
        AssertRefused(Request(), r => r.AddCitizenMessage(new string('پ', ServiceRequest.MaxTextLength + 1), [], Now), "متن پیام حداکثر ۴۰۰۰ نویسه است.");

    [Theory]
    [InlineData("4", 4)]
    [InlineData("۵", 5)]
    [InlineData("١", 1)]
    public void Rate_Answered_RecordsRatingOnce(string typed, int expected)
    {
        var request = Request(RequestStatus.Answered, answeredAt: Now.AddDays(-1));

        Assert.True(request.Rate(typed, " خوب بود ", Now).Succeeded);

        Assert.Equal(expected, request.Rating);
        Assert.Equal("خوب بود", request.RatingComment);
        Assert.Equal(Now, request.RatedAt);
        Assert.Equal(RequestEventKind.Rated, Assert.Single(request.Events).Kind);
        Assert.False(request.CanRate);
    }

    [Fact]
    public void Rate_BeforeAnswer_IsRefused() =>
        Assert.Equal(RequestField.Rating, AssertRefused(Request(RequestStatus.InProgress), r => r.Rate("5", null, Now), RequestRefusals.RateBeforeAnswer).Field);

    [Fact]
    public void Rate_Twice_IsRefused() =>
        AssertRefused(Request(RequestStatus.Answered, answeredAt: Now, rating: 3), r => r.Rate("5", null, Now), RequestRefusals.AlreadyRated);

    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    [InlineData("6")]
    [InlineData("-1")]
    [InlineData("5<script>")]
    [InlineData("99999999999999999999")]
    public void Rate_OutOfRange_IsRefused(string? typed) =>
        AssertRefused(Request(RequestStatus.Answered, answeredAt: Now), r => r.Rate(typed, null, Now), RequestRefusals.RatingOutOfRange);

    [Fact]
    public void Rate_CommentTooLong_IsRefusedOnTheComment() =>
        Assert.Equal(RequestField.Comment, AssertRefused(Request(RequestStatus.Answered, answeredAt: Now),
            r => r.Rate("4", new string('ت', RequestTexts.MaxRatingCommentLength + 1), Now), "توضیح امتیاز حداکثر ۱۰۰۰ نویسه است.").Field);

    [Fact]
    public void ObjectToAnswer_WithinTheDays_ReopensForTheProvince()
    {
        var request = Request(RequestStatus.Answered, answeredAt: Now.AddDays(-ObjectionDays + 1));

        Assert.True(request.ObjectToAnswer("پاسخ کامل نیست", Now, ObjectionDays).Succeeded);

        Assert.Equal(RequestStatus.Reopened, request.Status);
        Assert.Equal(Now, request.ObjectedAt);
        var objection = Assert.Single(request.Events);
        Assert.Equal((RequestEventKind.Objected, true, Tehran), (objection.Kind, objection.VisibleToCitizen, objection.ToProvinceId));
        Assert.Equal([RequestNotice.Reopened], request.PendingNotices);
    }

    [Fact]
    public void ObjectToAnswer_AfterTheDeadline_IsRefused() =>
        AssertRefused(Request(RequestStatus.Answered, answeredAt: Now.AddDays(-ObjectionDays)), r => r.ObjectToAnswer("دیر", Now, ObjectionDays),
            RequestRefusals.ObjectionNotAllowed);

    [Theory]
    [InlineData(RequestStatus.InProgress)]
    [InlineData(RequestStatus.Closed)]
    public void ObjectToAnswer_NotAnswered_IsRefused(RequestStatus status) =>
        AssertRefused(Request(status, answeredAt: Now.AddDays(-1)), r => r.ObjectToAnswer("اعتراض", Now, ObjectionDays), RequestRefusals.ObjectionNotAllowed);

    [Fact]
    public void ObjectToAnswer_Twice_IsRefused() =>
        AssertRefused(Request(RequestStatus.Answered, answeredAt: Now.AddDays(-1), objectedAt: Now.AddHours(-1)),
            r => r.ObjectToAnswer("دوباره", Now, ObjectionDays), RequestRefusals.AlreadyObjected);

    [Fact]
    public void ObjectToAnswer_Empty_IsRefused() =>
        AssertRefused(Request(RequestStatus.Answered, answeredAt: Now), r => r.ObjectToAnswer("", Now, ObjectionDays), "دلیل اعتراض را بنویسید.");

    [Fact]
    public void ObjectToAnswer_TooLong_IsRefused() =>
        AssertRefused(Request(RequestStatus.Answered, answeredAt: Now), r => r.ObjectToAnswer(new string('ا', ServiceRequest.MaxTextLength + 1), Now, ObjectionDays),
            "متن اعتراض بیش از اندازه مجاز است.");

    [Fact]
    public void ClearPendingNotices_AfterAnswer_Forgets()
    {
        var request = Request();
        request.Answer(Expert, "پاسخ", [], Now);

        request.ClearPendingNotices();

        Assert.Empty(request.PendingNotices);
    }
}
