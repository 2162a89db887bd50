using HajDesk.Core.Surveys;

namespace HajDesk.Core.Tests.Surveys;

public class SurveyInvitationTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Create_TokenIsRandomUrlSafeAndOnlyItsHashIsKept()
    {
        var (invitation, token) = SurveyInvitation.Create(42, Now);
        var (_, other) = SurveyInvitation.Create(42, Now);

        Assert.True(SurveyInvitation.LooksLikeToken(token));
        Assert.NotEqual(token, other);
        Assert.Equal(SurveyInvitation.Hash(token), invitation.TokenHash);
        Assert.DoesNotContain(token, invitation.TokenHash, StringComparison.Ordinal);
        Assert.Equal(Now.AddDays(SurveyInvitation.ValidDays), invitation.ExpiresAt);
        Assert.Null(invitation.SubmittedAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("<script>alert(1)</script>aaaaaaaaaaaaa")]
    [InlineData("../../../../etc/passwd/aaaaaaaaaaa")]
    public void LooksLikeToken_Junk_IsRefused(string? token) => Assert.False(SurveyInvitation.LooksLikeToken(token));

    [Fact]
    public void Submit_AllItemsScored_RecordsOnceWithPersianDigitsRead()
    {
        var (invitation, _) = SurveyInvitation.Create(1, Now);

        var outcome = invitation.Submit(["۵", "4", "٣", "2", "1"], "  خوب بود  ", Now.AddDays(2), out var error);

        Assert.Equal(SurveyOutcome.Recorded, outcome);
        Assert.Null(error);
        Assert.Equal("5,4,3,2,1", invitation.Scores);
        Assert.Equal("خوب بود", invitation.Comment);
        Assert.Equal(Now.AddDays(2), invitation.SubmittedAt);
        Assert.Equal(SurveyOutcome.AlreadySubmitted, invitation.Submit(["1", "1", "1", "1", "1"], null, Now.AddDays(3), out _));
        Assert.Equal("5,4,3,2,1", invitation.Scores);
    }

    [Theory]
    [InlineData("5,4,3,2")]
    [InlineData("5,4,3,2,0")]
    [InlineData("5,4,3,2,6")]
    [InlineData("5,4,3,2,")]
    [InlineData("5,4,3,2,3.5")]
    [InlineData("5,4,3,2,<b>5</b>")]
    public void Submit_MissingOrOutOfRangeScore_RecordsNothing(string commaSeparatedScores)
    {
        var (invitation, _) = SurveyInvitation.Create(1, Now);

        var outcome = invitation.Submit(commaSeparatedScores.Split(','), null, Now, out var error);

        Assert.Equal(SurveyOutcome.Invalid, outcome);
        Assert.Equal(SurveyInvitation.MissingAnswerMessage, error);
        Assert.Null(invitation.SubmittedAt);
        Assert.Null(invitation.Scores);
    }

    [Fact]
    public void Submit_CommentTooLong_RecordsNothing()
    {
        var (invitation, _) = SurveyInvitation.Create(1, Now);

        var outcome = invitation.Submit(["5", "5", "5", "5", "5"], new string('ب', SurveyQuestionnaire.MaxCommentLength + 1), Now, out var error);

        Assert.Equal(SurveyOutcome.Invalid, outcome);
        Assert.Equal(SurveyInvitation.CommentTooLongMessage, error);
        Assert.Null(invitation.SubmittedAt);
    }

    [Fact]
    public void Submit_AfterThirtyDays_IsExpired()
    {
        var (invitation, _) = SurveyInvitation.Create(1, Now);

        Assert.Equal(SurveyOutcome.Expired, invitation.Submit(["5", "5", "5", "5", "5"], null, Now.AddDays(SurveyInvitation.ValidDays), out _));
        Assert.Null(invitation.SubmittedAt);
    }
}
