namespace HajDesk.Core.Requests;

/// <summary>The free-text inputs of the request's transitions: their limits and their messages, once.</summary>
public static class RequestTexts
{
    public const int MaxAnswerLength = 8000;

    public const int MaxNoteLength = 8000;

    /// <summary>A referral's reason and a closing explanation.</summary>
    public const int MaxReasonLength = 1000;

    public const int MaxRatingCommentLength = 1000;

    /// <summary>A citizen's follow-up message and objection: as long as the request itself may be.</summary>
    public const int MaxCitizenTextLength = ServiceRequest.MaxTextLength;

    public static TextRule Answer { get; } = new(
        MaxAnswerLength, "متن پاسخ را بنویسید.", $"متن پاسخ بیش از {TextRule.Digits(MaxAnswerLength)} نویسه است.");

    public static TextRule Note { get; } = new(
        MaxNoteLength, "متن یادداشت را بنویسید.", "متن یادداشت بیش از اندازه بلند است.");

    public static TextRule ReferReason { get; } = new(
        MaxReasonLength, "علت ارجاع را بنویسید.", "علت ارجاع بیش از اندازه بلند است.");

    public static TextRule CloseText { get; } = new(
        MaxReasonLength, null, "توضیح بستن بیش از اندازه بلند است.");

    public static TextRule CitizenMessage { get; } = new(
        MaxCitizenTextLength, "متن پیام را بنویسید.", $"متن پیام حداکثر {TextRule.Digits(MaxCitizenTextLength)} نویسه است.");

    public static TextRule RatingComment { get; } = new(
        MaxRatingCommentLength, null, $"توضیح امتیاز حداکثر {TextRule.Digits(MaxRatingCommentLength)} نویسه است.");

    /// <summary>What an expert asks the citizen (<see cref="ServiceRequest.AskCitizen"/>); the citizen reads it.</summary>
    public static TextRule Question { get; } = new(
        MaxReasonLength, "پرسش یا مدرکی را که از متقاضی می‌خواهید بنویسید.", $"متن پرسش حداکثر {TextRule.Digits(MaxReasonLength)} نویسه است.");

    public static TextRule Objection { get; } = new(
        MaxCitizenTextLength, "دلیل اعتراض را بنویسید.", "متن اعتراض بیش از اندازه مجاز است.");
}
