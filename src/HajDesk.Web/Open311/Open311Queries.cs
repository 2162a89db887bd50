using System.Globalization;
using System.Linq.Expressions;
using HajDesk.Core.Data;
using HajDesk.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Open311;

/// <summary>The filters of <c>GET requests</c>, as the client sent them (all optional).</summary>
public sealed record Open311Filters(
    string? ServiceRequestId, string? ServiceCode, string? StartDate, string? EndDate, string? Status,
    string? UpdatedAfter = null, string? UpdatedBefore = null);

/// <summary>
/// <c>GET requests</c> and <c>GET requests/{id}</c>: status, service, province, dates and the published answer of
/// requests; never the citizen's identity, contacts or text. At most <see cref="MaxResults"/> requests and
/// <see cref="MaxDays"/> days, as GeoReport v2 says. For pollers, <c>updated_after</c> and <c>updated_before</c>
/// select by the last change instead of the submission, oldest change first.
/// </summary>
public sealed class Open311Queries(HajDeskDbContext db, TimeProvider time, Open311Api api)
{
    public const int MaxResults = 1000;

    public const int MaxDays = 90;

    /// <summary>Service codes one <c>service_code</c> filter may list.</summary>
    public const int MaxServiceCodes = 100;

    private static readonly string[] DateFormats =
        ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd"];

    private sealed record Row(
        long Id, string TrackingCode, RequestStatus Status, int SubjectId, int? SubSubjectId, string Province,
        DateTime CreatedAt, DateTime UpdatedAt, DateTime DueAt, string? Answer);

    public async Task<IResult> OneAsync(Open311Format format, string id, CancellationToken cancellationToken)
    {
        if (!TrackingCode.TryNormalize(id, out var code))
        {
            return Open311Errors.Result(format, StatusCodes.Status400BadRequest, Open311Errors.RequestIdInvalid);
        }

        var rows = await RowsAsync(db.Requests.Where(r => r.TrackingCode == code), cancellationToken);
        api.AuditRequestId = rows.FirstOrDefault()?.Id;
        return rows.Count == 0
            ? Open311Errors.Result(format, StatusCodes.Status404NotFound, Open311Errors.RequestNotFound)
            : await ResultAsync(format, rows, cancellationToken);
    }

    public async Task<IResult> SearchAsync(Open311Format format, Open311Filters filters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filters);
        IQueryable<ServiceRequest> query = db.Requests;
        var problems = new List<string>();
        if (!string.IsNullOrWhiteSpace(filters.ServiceRequestId))
        {
            // The standard: a list of ids overrides every other filter.
            var ids = filters.ServiceRequestId.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (ids.Length > MaxResults)
            {
                return Open311Errors.Result(format, StatusCodes.Status400BadRequest, Open311Errors.TooManyIds);
            }

            var codes = new List<string>();
            foreach (var id in ids)
            {
                if (TrackingCode.TryNormalize(id, out var code))
                {
                    codes.Add(code);
                }
                else
                {
                    return Open311Errors.Result(format, StatusCodes.Status400BadRequest, Open311Errors.RequestIdInvalid);
                }
            }

            return await ResultAsync(format, await RowsAsync(query.Where(r => codes.Contains(r.TrackingCode)), cancellationToken), cancellationToken);
        }

        if (!string.IsNullOrWhiteSpace(filters.ServiceCode))
        {
            // Several codes, comma-separated (GeoReport v2); each a catalogue code or, as older clients send, an id.
            var codes = filters.ServiceCode.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (codes.Length > MaxServiceCodes)
            {
                return Open311Errors.Result(format, StatusCodes.Status400BadRequest, Open311Errors.TooManyServiceCodes);
            }

            var subjects = await db.Subjects.AsNoTracking().Select(s => new { s.Id, s.ServiceCode }).ToListAsync(cancellationToken);
            var subjectIds = new List<int>();
            foreach (var code in codes.DefaultIfEmpty(filters.ServiceCode))
            {
                if (Open311Catalog.Match(subjects, s => s.Id, s => s.ServiceCode, code) is { } subject)
                {
                    subjectIds.Add(subject.Id);
                }
                else
                {
                    problems.Add(Open311Errors.UnknownServiceCode(code));
                }
            }

            query = query.Where(r => subjectIds.Contains(r.SubSubjectId ?? r.SubjectId));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var byUpdate = !string.IsNullOrWhiteSpace(filters.UpdatedAfter) || !string.IsNullOrWhiteSpace(filters.UpdatedBefore);
        if (byUpdate)
        {
            // A poller's window: changed after updated_after (exclusive) and at or before updated_before.
            var updatedProblems = new List<string>();
            var after = ParseDate(filters.UpdatedAfter, updatedProblems);
            var before = ParseDate(filters.UpdatedBefore, updatedProblems);
            problems.AddRange(updatedProblems.Select(_ => Open311Errors.UpdatedInvalid));
            var upTo = before ?? (after?.AddDays(MaxDays) is { } cap && cap < now ? cap : now);
            var since = after ?? upTo.AddDays(-MaxDays);
            if (since > upTo)
            {
                problems.Add(Open311Errors.UpdatedOrder);
            }
            else if (upTo - since > TimeSpan.FromDays(MaxDays))
            {
                problems.Add(Open311Errors.UpdatedSpan);
            }

            query = query.Where(r => r.UpdatedAt > since && r.UpdatedAt <= upTo);
        }

        // Submission dates: the last 90 days by default, unless the call selects by change (a poller).
        if (!byUpdate || !string.IsNullOrWhiteSpace(filters.StartDate) || !string.IsNullOrWhiteSpace(filters.EndDate))
        {
            var end = ParseDate(filters.EndDate, problems);
            var start = ParseDate(filters.StartDate, problems);
            var to = end ?? (start?.AddDays(MaxDays) is { } limit && limit < now ? limit : now);
            var from = start ?? to.AddDays(-MaxDays);
            if (from > to)
            {
                problems.Add(Open311Errors.DateOrder);
            }
            else if (to - from > TimeSpan.FromDays(MaxDays))
            {
                problems.Add(Open311Errors.DateSpan);
            }

            query = query.Where(r => r.CreatedAt >= from && r.CreatedAt <= to);
        }

        if (!string.IsNullOrWhiteSpace(filters.Status))
        {
            var statuses = filters.Status.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
            if (statuses.Count == 0 || statuses.Any(s => s is not ("open" or "closed")))
            {
                problems.Add(Open311Errors.StatusInvalid);
            }
            else if (statuses.Count == 1)
            {
                query = query.Where(statuses[0] == "open" ? RequestRules.IsOpen : IsClosed);
            }
        }

        return problems.Count > 0
            ? Open311Errors.Result(format, StatusCodes.Status400BadRequest, problems.Distinct())
            : await ResultAsync(format, await RowsAsync(query, cancellationToken, oldestChangeFirst: byUpdate), cancellationToken);
    }

    private static readonly Expression<Func<ServiceRequest, bool>> IsClosed =
        Expression.Lambda<Func<ServiceRequest, bool>>(Expression.Not(RequestRules.IsOpen.Body), RequestRules.IsOpen.Parameters);

    private static DateTime? ParseDate(string? value, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (value.Length <= 40 && value.All(char.IsAscii)
            && DateTimeOffset.TryParseExact(value.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed.UtcDateTime;
        }

        problems.Add(Open311Errors.DateInvalid);
        return null;
    }

    private static Task<List<Row>> RowsAsync(IQueryable<ServiceRequest> query, CancellationToken cancellationToken, bool oldestChangeFirst = false) =>
        (oldestChangeFirst
            ? query.AsNoTracking().OrderBy(r => r.UpdatedAt).ThenBy(r => r.Id)
            : query.AsNoTracking().OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id))
            .Take(MaxResults)
            .Select(r => new Row(r.Id, r.TrackingCode, r.Status, r.SubjectId, r.SubSubjectId, r.Province!.Name, r.CreatedAt, r.UpdatedAt, r.DueAt,
                r.Events.Where(e => e.Kind == RequestEventKind.Answered && e.VisibleToCitizen).OrderByDescending(e => e.At).Select(e => e.Text).FirstOrDefault()))
            .ToListAsync(cancellationToken);

    private async Task<IResult> ResultAsync(Open311Format format, List<Row> rows, CancellationToken cancellationToken)
    {
        var subjectIds = rows.Select(r => r.SubSubjectId ?? r.SubjectId).Distinct().ToList();
        var services = await db.Subjects.AsNoTracking().Where(s => subjectIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => (s.Name, Code: Open311Catalog.CodeOf(s.Id, s.ServiceCode)), cancellationToken);
        return Open311Writer.Result(format, "service_requests", new Open311List("request", [.. rows.Select(r =>
        {
            var service = services.GetValueOrDefault(r.SubSubjectId ?? r.SubjectId, (Name: string.Empty, Code: string.Empty));
            return (object)new Open311RequestResource(r.TrackingCode, r.Status, r.Answer, service.Name, service.Code, r.Province,
                r.CreatedAt, r.UpdatedAt, r.DueAt).ToObject();
        })]));
    }
}
