using HajDesk.Core.Persian;
using HajDesk.Core.Requests;
using Microsoft.EntityFrameworkCore;

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
/// last name and request text.
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
    /// Narrows requests to the matches. Words use LIKE (every word must appear in the first name, last name or
    /// text); that scans the rows in scope, which is fine at a province's volume.
    /// </summary>
    /// <remarks>
    /// On PostgreSQL a trigram index (<c>pg_trgm</c>, GIN on <c>"FirstName"</c>, <c>"LastName"</c>, <c>"Text"</c>)
    /// can later make these LIKE '%word%' searches indexed without changing this query.
    /// </remarks>
    public IQueryable<ServiceRequest> Apply(IQueryable<ServiceRequest> requests)
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
                foreach (var word in Words)
                {
                    var pattern = "%" + EscapeLike(word) + "%";
                    requests = requests.Where(r =>
                        EF.Functions.Like(r.FirstName, pattern, "\\")
                        || EF.Functions.Like(r.LastName, pattern, "\\")
                        || EF.Functions.Like(r.Text, pattern, "\\"));
                }

                return requests;
        }
    }

    private static string EscapeLike(string word) =>
        word.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
