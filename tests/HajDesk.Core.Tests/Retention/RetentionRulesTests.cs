using HajDesk.Core.Persian;
using HajDesk.Core.Requests;
using HajDesk.Core.Retention;
using HajDesk.Core.Tests.Requests;

namespace HajDesk.Core.Tests.Retention;

public class RetentionRulesTests
{
    private static readonly DateTime Now = RequestBuilder.Now;

    private static readonly DateTime Cutoff = RetentionRules.Cutoff(Now, 6);

    [Theory]
    [InlineData("6", 6)]
    [InlineData("۱۲", 12)]
    [InlineData("٢٤", 24)]
    [InlineData(" ۱ ", 1)]
    [InlineData("120", 120)]
    public void ParseMonths_AnyDigitsInRange_AreAccepted(string typed, int months)
    {
        Assert.Equal((months, (string?)null), RetentionRules.ParseMonths(typed, allowEmpty: false));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("۱۲۱")]
    [InlineData("-3")]
    [InlineData("1.5")]
    [InlineData("شش")]
    [InlineData("99999999999999999999")]
    [InlineData("<script>")]
    public void ParseMonths_AbsurdValues_AreRefusedInPersian(string typed)
    {
        var (months, error) = RetentionRules.ParseMonths(typed, allowEmpty: true);

        Assert.Null(months);
        Assert.Equal(RetentionRules.PeriodOutOfRange, error);
        Assert.Contains("۱۲۰", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseMonths_Empty_TurnsOffOrIsRequired()
    {
        Assert.Equal((null, null), RetentionRules.ParseMonths("  ", allowEmpty: true));
        Assert.Equal(RetentionRules.PeriodRequired, RetentionRules.ParseMonths(null, allowEmpty: false).Error);
    }

    [Fact]
    public void Close_SetsClosedAt_AndReopenClearsIt()
    {
        var request = RequestBuilder.Request(RequestStatus.Answered);

        Assert.True(request.Close(RequestBuilder.Expert, null, Now).Succeeded);
        Assert.Equal(Now, request.ClosedAt);
        Assert.True(request.Reopen(RequestBuilder.Expert, Now.AddDays(1)).Succeeded);
        Assert.Null(request.ClosedAt);
    }

    [Fact]
    public void Anonymise_ClosedBeforeTheCutoff_ReplacesIdentityContactsAndEveryTextButKeepsTheStatistics()
    {
        var request = ClosedRequest(Cutoff.AddDays(-1));
        request.Email = "m.rezaei@example.com";
        request.LandlineAreaCode = "021";
        request.LandlineNumber = "22334455";
        request.RatingComment = "آقای کریمی خوب بود";
        request.Rating = 4;
        request.Events.Add(new RequestEvent { Kind = RequestEventKind.CitizenMessage, At = Now, Text = "من محمد رضایی هستم" });
        request.Events.Add(new RequestEvent { Kind = RequestEventKind.Answered, At = Now, Text = "آقای رضایی، پاسخ شما", ActorName = "کارشناس" });
        request.Events.Add(new RequestEvent { Kind = RequestEventKind.Assigned, At = Now });

        Assert.True(RetentionRules.Anonymise(request, Cutoff, Now));

        Assert.Equal(RetentionRules.NationalCode, request.NationalCode);
        Assert.False(NationalCode.IsValid(request.NationalCode));
        Assert.Equal(RetentionRules.Name, request.FirstName);
        Assert.Equal(RetentionRules.Name, request.LastName);
        Assert.Equal(DateOnly.MinValue, request.BirthDate);
        Assert.Equal("00000000000", request.Mobile);
        Assert.Null(request.Email);
        Assert.Null(request.LandlineAreaCode);
        Assert.Null(request.LandlineNumber);
        Assert.Null(request.RatingComment);
        Assert.Equal(RetentionRules.RequestText, request.Text);
        Assert.Equal([RetentionRules.EventText, RetentionRules.EventText, null], request.Events.Select(e => e.Text));
        Assert.Equal(Now, request.AnonymisedAt);
        // What the statistics count stays.
        Assert.Equal(RequestStatus.Closed, request.Status);
        Assert.Equal(4, request.Rating);
        Assert.Equal(RequestBuilder.Hajj, request.SubjectId);
        Assert.Equal(RequestBuilder.Tehran, request.ProvinceId);
        Assert.Equal(Cutoff.AddDays(-1), request.ClosedAt);
        Assert.Equal("کارشناس", request.Events[1].ActorName);
        // Nothing is left to reopen.
        Assert.False(request.CanReopen);
    }

    [Fact]
    public void Anonymise_ClosedRecentlyOpenOrDone_ChangesNothing()
    {
        var recent = ClosedRequest(Cutoff.AddDays(1));
        var open = RequestBuilder.Request(RequestStatus.InProgress);
        var done = ClosedRequest(Cutoff.AddDays(-1));
        Assert.True(RetentionRules.Anonymise(done, Cutoff, Now));

        Assert.False(RetentionRules.Anonymise(recent, Cutoff, Now));
        Assert.False(RetentionRules.Anonymise(open, Cutoff, Now));
        Assert.False(RetentionRules.Anonymise(done, Cutoff, Now.AddDays(1)));
        Assert.Equal("0499370899", recent.NationalCode);
        Assert.Equal("0499370899", open.NationalCode);
        Assert.Equal(Now, done.AnonymisedAt);
    }

    private static ServiceRequest ClosedRequest(DateTime closedAt)
    {
        var request = RequestBuilder.Request(RequestStatus.Closed);
        request.ClosedAt = closedAt;
        return request;
    }
}
