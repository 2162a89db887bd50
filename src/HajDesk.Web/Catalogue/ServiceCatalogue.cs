using HajDesk.Core.Catalogue;
using HajDesk.Core.Data;
using HajDesk.Core.Persian;
using HajDesk.Core.Reference;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Catalogue;

/// <summary>One public catalogue entry: a service (a sub-subject, or a main subject without sub-subjects) and its questions.</summary>
public sealed record ServiceEntry(Subject Service, string? GroupName, IReadOnlyList<SubjectQuestion> Questions)
{
    /// <summary>«موضوع / زیرموضوع» or the subject's own name.</summary>
    public string Title => GroupName is null ? Service.Name : $"{GroupName} / {Service.Name}";

    /// <summary>Every text of the entry a search looks in: title, code, description, documents, steps, basis, cost, questions.</summary>
    public IEnumerable<string?> SearchedTexts =>
        new[] { Title, Service.ServiceCode, Service.Description, Service.RequiredDocuments, Service.Steps, Service.LegalBasis, Service.Cost }
            .Concat(Questions.SelectMany(q => new[] { q.Question, q.Answer }));
}

/// <summary>
/// The service catalogue as citizens read it («خدمات و پرسش‌های متداول»): every active service with its entry and
/// its active questions, and the record of answers opened on the send form (the deflection figure).
/// </summary>
public sealed class ServiceCatalogue(HajDeskDbContext db, ServiceCatalogueCache cache, TimeProvider time)
{
    /// <summary>
    /// Every active service, grouped in the order of the send form. Read once and kept by
    /// <see cref="ServiceCatalogueCache"/>: the send form asks for it on every re-render and every subject change.
    /// </summary>
    public async Task<IReadOnlyList<ServiceEntry>> ListAsync(CancellationToken cancellationToken) =>
        await cache.GetAsync(() => LoadAsync(cancellationToken));

    private async Task<IReadOnlyList<ServiceEntry>> LoadAsync(CancellationToken cancellationToken)
    {
        var subjects = await db.Subjects.AsNoTracking().Where(s => s.IsActive).ToListAsync(cancellationToken);
        var questions = (await db.SubjectQuestions.AsNoTracking().Where(q => q.IsActive)
                .OrderBy(q => q.DisplayOrder).ThenBy(q => q.Id).ToListAsync(cancellationToken))
            .ToLookup(q => q.SubjectId);
        var entries = new List<ServiceEntry>();
        foreach (var main in subjects.Where(s => s.ParentId == null).OrderBy(s => s.DisplayOrder))
        {
            var children = subjects.Where(s => s.ParentId == main.Id).OrderBy(s => s.DisplayOrder).ToList();
            if (children.Count == 0)
            {
                entries.Add(new ServiceEntry(main, null, questions[main.Id].ToList()));
                continue;
            }

            // A main subject's own questions apply to each of its services.
            entries.AddRange(children.Select(child =>
                new ServiceEntry(child, main.Name, [.. questions[child.Id], .. questions[main.Id]])));
        }

        return entries;
    }

    /// <summary>
    /// The entries in which every word of <paramref name="query"/> occurs, compared by their Persian search keys
    /// (<see cref="SearchKey"/>: spacing, ZWNJ, Arabic letters, diacritics and digits do not matter); every entry
    /// when the query has no word.
    /// </summary>
    public async Task<IReadOnlyList<ServiceEntry>> SearchAsync(string? query, CancellationToken cancellationToken)
    {
        var entries = await ListAsync(cancellationToken);
        var keys = SearchKey.OfWords(query);
        return keys.Count == 0 ? entries : entries.Where(e => SearchKey.MatchesAll(keys, e.SearchedTexts)).ToList();
    }

    /// <summary>The entry of the service with <paramref name="code"/> (any case, any digits), or null.</summary>
    public async Task<ServiceEntry?> FindByCodeAsync(string? code, CancellationToken cancellationToken) =>
        ServiceCode.TryNormalize(code, out var normalized)
            ? (await ListAsync(cancellationToken)).FirstOrDefault(e => e.Service.ServiceCode == normalized)
            : null;

    /// <summary>
    /// The entry a citizen who chose <paramref name="subjectId"/> and <paramref name="subSubjectId"/> should read:
    /// the sub-subject's, else the main subject's when it has no sub-subjects, else null.
    /// </summary>
    public async Task<ServiceEntry?> ForChoiceAsync(int? subjectId, int? subSubjectId, CancellationToken cancellationToken)
    {
        if (subjectId is null && subSubjectId is null)
        {
            return null;
        }

        var entries = await ListAsync(cancellationToken);
        return entries.FirstOrDefault(e => e.Service.Id == subSubjectId && (subjectId is null || e.Service.ParentId == subjectId))
            ?? entries.FirstOrDefault(e => e.Service.Id == subjectId && e.GroupName is null);
    }

    /// <summary>Records that an answer was opened on the send form with this key; unknown questions are ignored.</summary>
    public async Task RecordAnswerViewAsync(int questionId, Guid submissionKey, CancellationToken cancellationToken)
    {
        if (submissionKey == Guid.Empty || !await db.SubjectQuestions.AnyAsync(q => q.Id == questionId && q.IsActive, cancellationToken)
            || await db.AnswerViews.AnyAsync(v => v.QuestionId == questionId && v.SubmissionKey == submissionKey, cancellationToken))
        {
            return;
        }

        db.AnswerViews.Add(new AnswerView { QuestionId = questionId, SubmissionKey = submissionKey, At = time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Answers opened on send forms since <paramref name="sinceUtc"/>, and how many of those forms were never sent:
    /// the citizens the catalogue answered before they had to write.
    /// </summary>
    public async Task<(int Opened, int LeftWithoutSending)> DeflectionAsync(DateTime sinceUtc, CancellationToken cancellationToken)
    {
        var views = db.AnswerViews.AsNoTracking().Where(v => v.At >= sinceUtc);
        var forms = views.Select(v => v.SubmissionKey).Distinct();
        var opened = await forms.CountAsync(cancellationToken);
        var left = await forms.CountAsync(key => !db.Requests.Any(r => r.SubmissionKey == key), cancellationToken);
        return (opened, left);
    }
}

/// <summary>
/// The catalogue kept in memory (one per app, a singleton), invalidated like the other reference data: by
/// <see cref="ReferenceDataVersion"/>, which <see cref="HajDeskDbContext"/> moves when a subject or a question is saved,
/// and for other nodes by age (<see cref="ReferenceDataCache.MaxAge"/>). The entries are shared: read them only.
/// </summary>
public sealed class ServiceCatalogueCache(TimeProvider time)
{
    private Snapshot? current;

    public async Task<IReadOnlyList<ServiceEntry>> GetAsync(Func<Task<IReadOnlyList<ServiceEntry>>> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        var snapshot = Volatile.Read(ref current);
        var version = ReferenceDataVersion.Current;
        var now = time.GetUtcNow();
        if (snapshot is not null && snapshot.Version == version && now < snapshot.ExpiresAt)
        {
            return snapshot.Entries;
        }

        // The version is read before loading: an edit committed meanwhile moves it, and the next caller reloads.
        var entries = await load();
        Volatile.Write(ref current, new Snapshot(version, now + ReferenceDataCache.MaxAge, entries));
        return entries;
    }

    private sealed record Snapshot(long Version, DateTimeOffset ExpiresAt, IReadOnlyList<ServiceEntry> Entries);
}
