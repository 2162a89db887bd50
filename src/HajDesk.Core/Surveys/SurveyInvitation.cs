using System.Security.Cryptography;
using HajDesk.Core.Persian;

namespace HajDesk.Core.Surveys;

/// <summary>How a survey submission ended.</summary>
public enum SurveyOutcome
{
    Recorded,

    /// <summary>Some answers are missing or out of range; nothing was recorded.</summary>
    Invalid,

    /// <summary>The survey was already answered; the first answers stand.</summary>
    AlreadySubmitted,

    /// <summary>The link is older than <see cref="SurveyInvitation.ValidDays"/> days.</summary>
    Expired,
}

/// <summary>
/// The one satisfaction survey a request's citizen is invited to when it is answered or closed: a random token sent
/// by SMS (only its SHA-256 hash is stored), valid <see cref="ValidDays"/> days, answered once. Opening the link
/// records nothing (link scanners open links); only <see cref="Submit"/> does.
/// </summary>
public class SurveyInvitation
{
    public const int ValidDays = 30;

    public const string MissingAnswerMessage = "به همه پرسش‌ها پاسخ دهید؛ برای هر کدام یکی از پنج گزینه را انتخاب کنید.";

    public static string CommentTooLongMessage { get; } =
        $"توضیح حداکثر {PersianText.ToPersianDigits(SurveyQuestionnaire.MaxCommentLength.ToString(System.Globalization.CultureInfo.InvariantCulture))} نویسه است.";

    public long Id { get; set; }

    /// <summary>One invitation per request (unique).</summary>
    public long RequestId { get; set; }

    /// <summary>Hex SHA-256 of the token in the link.</summary>
    public required string TokenHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? SubmittedAt { get; set; }

    /// <summary>The scores in the order of <see cref="SurveyQuestionnaire.Items"/>, e.g. <c>5,4,4,5,5</c>.</summary>
    public string? Scores { get; set; }

    public string? Comment { get; set; }

    /// <summary>A new invitation for <paramref name="requestId"/> and the token to put in its link (never stored).</summary>
    public static (SurveyInvitation Invitation, string Token) Create(long requestId, DateTime now)
    {
        var token = Base64UrlToken(RandomNumberGenerator.GetBytes(24));
        return (new SurveyInvitation
        {
            RequestId = requestId,
            TokenHash = Hash(token),
            CreatedAt = now,
            ExpiresAt = now.AddDays(ValidDays),
        }, token);
    }

    /// <summary>The stored form of a token from a link.</summary>
    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token ?? string.Empty)));

    /// <summary>Whether a string can be a token at all (so that junk never reaches the database).</summary>
    public static bool LooksLikeToken(string? token) =>
        token is { Length: 32 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public bool IsExpired(DateTime now) => now >= ExpiresAt;

    /// <summary>
    /// Records the answers once: every item scored 1–5 (Persian or Latin digits), an optional comment. The caller
    /// saves with a check that nobody submitted meanwhile (<see cref="SubmittedAt"/> still null in the database).
    /// </summary>
    public SurveyOutcome Submit(IReadOnlyList<string?> scores, string? comment, DateTime now, out string? error)
    {
        ArgumentNullException.ThrowIfNull(scores);
        error = null;
        if (SubmittedAt is not null)
        {
            return SurveyOutcome.AlreadySubmitted;
        }

        if (IsExpired(now))
        {
            return SurveyOutcome.Expired;
        }

        var parsed = new List<int>();
        for (var i = 0; i < SurveyQuestionnaire.Items.Count; i++)
        {
            var text = i < scores.Count ? PersianText.ToAsciiDigits(scores[i]?.Trim()) : string.Empty;
            if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var score)
                || score is < SurveyQuestionnaire.MinScore or > SurveyQuestionnaire.MaxScore)
            {
                error = MissingAnswerMessage;
                return SurveyOutcome.Invalid;
            }

            parsed.Add(score);
        }

        var note = PersianText.NormalizeText(comment);
        if (note.Length > SurveyQuestionnaire.MaxCommentLength)
        {
            error = CommentTooLongMessage;
            return SurveyOutcome.Invalid;
        }

        Scores = string.Join(',', parsed);
        Comment = note.Length == 0 ? null : note;
        SubmittedAt = now;
        return SurveyOutcome.Recorded;
    }

    private static string Base64UrlToken(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
