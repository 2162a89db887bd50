using HajDesk.Core.Persian;
using HajDesk.Core.Requests;

namespace HajDesk.Web.Staff;

public enum InboxSearchKind
{
    TrackingCode,
    NationalCode,
    Words,
}

/// <summary>
/// What a staff member typed into the inbox search box: a tracking code (12 digits with a valid check digit; spaces,
/// dashes and Persian digits allowed), a national code (exact), or words matched against the citizen's first name,
/// last name, request text, answers and internal notes (see <see cref="RequestSearch"/>).
/// </summary>
public sealed record InboxSearch(InboxSearchKind Kind, string Value, IReadOnlyList<string> Words)
{
    public const int MaxWords = 5;

    public const int MaxLength = 100;

    public static InboxSearch? Parse(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        if (TrackingCode.TryNormalize(input, out var tracking))
        {
            return new InboxSearch(InboxSearchKind.TrackingCode, tracking, []);
        }

        if (NationalCode.TryNormalize(input, out var national))
        {
            return new InboxSearch(InboxSearchKind.NationalCode, national, []);
        }

        var text = PersianText.NormalizeText(input.Length > MaxLength ? input[..MaxLength] : input);
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .Take(MaxWords)
            .ToList();
        return words.Count == 0 ? null : new InboxSearch(InboxSearchKind.Words, text, words);
    }

    /// <summary>The Persian name of the kind, for the result heading and the audit log (never the term itself).</summary>
    public string KindText => Kind switch
    {
        InboxSearchKind.TrackingCode => "کد پیگیری",
        InboxSearchKind.NationalCode => "کد ملی",
        _ => "نام یا متن",
    };

    /// <summary>
    /// Narrows <paramref name="requests"/> (already in the staff member's scope) to the matches. Words go through
    /// <see cref="RequestSearch"/>: each word's Persian search key must occur in the citizen's name, the request's
    /// text, or one of its answers or internal notes, whatever the spacing, ZWNJ, Arabic letters, diacritics or digits.
    /// </summary>
    public async Task<IQueryable<ServiceRequest>> ApplyAsync(
        IQueryable<ServiceRequest> requests, IQueryable<RequestEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        switch (Kind)
        {
            case InboxSearchKind.TrackingCode:
                var tracking = Value;
                return requests.Where(r => r.TrackingCode == tracking);
            case InboxSearchKind.NationalCode:
                var national = Value;
                return requests.Where(r => r.NationalCode == national);
            default:
                // Words of marks alone (a lone kasra) have empty keys: they find nothing rather than everything.
                var keys = RequestSearch.Keys(Words);
                return keys.Count == 0 ? requests.Where(r => false) : await RequestSearch.MatchingAsync(requests, events, keys, cancellationToken);
        }
    }
}
