using HajDesk.Core.Persian;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Core.Requests;

/// <summary>
/// Search by words over requests: each word, turned into its <see cref="SearchKey"/>, must occur in the request's
/// name key, its text key, or the key of one of its answers or internal notes. The rule narrows the requests it is
/// given and never adds any: callers pass the requests already in the searcher's scope.
/// </summary>
public static class RequestSearch
{
    /// <summary>The keys of the words of <paramref name="words"/> worth looking for (empty keys left out, no repeats).</summary>
    public static IReadOnlyList<string> Keys(IEnumerable<string> words) => SearchKey.OfWords(words);

    /// <summary>
    /// The most requests whose answers or notes match one key that are passed to the database as a list; with more,
    /// the condition keeps the answers' sub-query (correct, but read by a sequential scan on PostgreSQL).
    /// </summary>
    public const int MaxNoteMatches = 2_000;

    /// <summary>
    /// Keeps the requests of <paramref name="requests"/> in which every key of <paramref name="keys"/> occurs, in
    /// the name, the text, or an answer or internal note among <paramref name="events"/>. Indexed on PostgreSQL by
    /// trigram (GIN) indexes on the keys (migration <c>PersianSearchKeys</c>).
    /// </summary>
    /// <remarks>
    /// The requests whose answers or notes match a key are read first (one trigram lookup) and passed as a list:
    /// <c>name LIKE … OR text LIKE … OR Id = ANY(list)</c> is one bitmap over three indexes on PostgreSQL, where
    /// <c>… OR Id IN (sub-query)</c> made it read every request (docs/performance.md).
    /// </remarks>
    public static async Task<IQueryable<ServiceRequest>> MatchingAsync(
        IQueryable<ServiceRequest> requests, IQueryable<RequestEvent> events, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            var pattern = "%" + EscapeLike(key) + "%";
            var inNotes = events
                .Where(e => (e.Kind == RequestEventKind.Answered || e.Kind == RequestEventKind.InternalNote)
                    && EF.Functions.Like(e.SearchKey, pattern, "\\"))
                .Select(e => e.RequestId);
            // Not DISTINCT in the database: that would read every matching note before the limit applies.
            var notes = await inNotes.Take(MaxNoteMatches + 1).ToListAsync(cancellationToken);
            var noted = notes.Distinct().ToList();
            requests = notes.Count switch
            {
                // No answer or note matches: no third branch for the planner to weigh.
                0 => requests.Where(r => EF.Functions.Like(r.NameKey, pattern, "\\") || EF.Functions.Like(r.TextKey, pattern, "\\")),
                <= MaxNoteMatches => requests.Where(r =>
                    EF.Functions.Like(r.NameKey, pattern, "\\")
                    || EF.Functions.Like(r.TextKey, pattern, "\\")
                    || noted.Contains(r.Id)),
                _ => requests.Where(r =>
                    EF.Functions.Like(r.NameKey, pattern, "\\")
                    || EF.Functions.Like(r.TextKey, pattern, "\\")
                    || inNotes.Contains(r.Id)),
            };
        }

        return requests;
    }

    private static string EscapeLike(string word) =>
        word.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
