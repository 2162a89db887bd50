using System.Globalization;
using System.Linq.Expressions;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests;

namespace HajDesk.Core.Retention;

/// <summary>
/// The retention rule: which requests are anonymised, and what is left of them. A closed request whose closing is
/// older than the period loses everything that identifies the citizen or that the citizen wrote; what the statistics
/// count (subject, province, dates, status, type, channel, rating, the timeline's shape) stays. See
/// <c>docs/operations.md</c>, section «Retention».
/// </summary>
public static class RetentionRules
{
    /// <summary>The shortest period: shorter would cut into the objection window and the staff's follow-up.</summary>
    public const int MinMonths = 1;

    /// <summary>The longest period that is still a policy (ten years) rather than a typing mistake.</summary>
    public const int MaxMonths = 120;

    /// <summary>
    /// The national code of an anonymised request: letters where every real one has ten digits, so it can never be
    /// mistaken for a person, and no typed national code (normalized to digits) can match it — following the request
    /// up with the old national code and tracking code finds nothing.
    /// </summary>
    public const string NationalCode = "ANONYMISED";

    /// <summary>First and last name of an anonymised request.</summary>
    public const string Name = "(ناشناس‌شده)";

    /// <summary>Mobile number of an anonymised request: eleven zeros, never a mobile number (those start with 09).</summary>
    public const string Mobile = "00000000000";

    /// <summary>Birth date of an anonymised request: 1 January of year 1, which no registry returns.</summary>
    public static readonly DateOnly BirthDate = DateOnly.MinValue;

    /// <summary>What replaces the request's text.</summary>
    public const string RequestText = "(متن این درخواست پس از پایان دوره نگهداری حذف شد.)";

    /// <summary>What replaces every text of the timeline, the citizen's and the staff's alike.</summary>
    public const string EventText = "(این متن پس از پایان دوره نگهداری حذف شد.)";

    public const string PeriodRequired = "دوره نگهداری را به ماه بنویسید.";

    public static string PeriodOutOfRange { get; } =
        $"دوره نگهداری باید عددی از {Fa(MinMonths)} تا {Fa(MaxMonths)} ماه باشد.";

    /// <summary>
    /// Reads a period typed in any digits (Persian, Arabic-Indic or Latin, spaces around): the months, or the Persian
    /// reason it is refused. Empty text is <paramref name="allowEmpty"/>'s answer: turning retention off.
    /// </summary>
    public static (int? Months, string? Error) ParseMonths(string? typed, bool allowEmpty)
    {
        var text = PersianText.NormalizeNumeric(typed);
        if (string.IsNullOrEmpty(text))
        {
            return allowEmpty ? (null, null) : (null, PeriodRequired);
        }

        // Digits only (at most a few): no sign, no decimals, no ten-thousand-digit number parsed at length.
        if (text.Length > 6 || !text.All(char.IsAsciiDigit))
        {
            return (null, PeriodOutOfRange);
        }

        var months = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return months is >= MinMonths and <= MaxMonths ? (months, null) : (null, PeriodOutOfRange);
    }

    /// <summary>Requests closed before this instant are due: <paramref name="months"/> calendar months before now.</summary>
    public static DateTime Cutoff(DateTime now, int months) => now.AddMonths(-months);

    /// <summary>Closed before <paramref name="cutoff"/> and not anonymised yet (translated by EF Core).</summary>
    public static Expression<Func<ServiceRequest, bool>> DueAt(DateTime cutoff) =>
        r => r.Status == RequestStatus.Closed && r.AnonymisedAt == null && r.ClosedAt != null && r.ClosedAt < cutoff;

    /// <summary>Whether the request is due, for a request in memory (the same condition as <see cref="DueAt"/>).</summary>
    public static bool IsDue(ServiceRequest request, DateTime cutoff)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Status == RequestStatus.Closed && request.AnonymisedAt is null && request.ClosedAt < cutoff;
    }

    /// <summary>
    /// Anonymises a loaded request (its <see cref="ServiceRequest.Events"/> loaded): identity and contacts replaced
    /// by the placeholders, the texts of the request and of every timeline entry replaced, the rating comment
    /// removed. The files are the caller's to delete (they are rows of their own). Returns false, changing nothing,
    /// when the request is not due.
    /// </summary>
    public static bool Anonymise(ServiceRequest request, DateTime cutoff, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsDue(request, cutoff))
        {
            return false;
        }

        request.NationalCode = NationalCode;
        request.FirstName = Name;
        request.LastName = Name;
        request.BirthDate = BirthDate;
        request.Mobile = Mobile;
        request.Email = null;
        request.LandlineAreaCode = null;
        request.LandlineNumber = null;
        request.Text = RequestText;
        request.RatingComment = null;
        request.AnonymisedAt = now;
        foreach (var e in request.Events.Where(e => e.Text is not null))
        {
            e.Text = EventText;
        }

        return true;
    }

    private static string Fa(int n) => PersianText.ToPersianDigits(n.ToString(CultureInfo.InvariantCulture));
}
