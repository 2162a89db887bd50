using System.Linq.Expressions;
using HajDesk.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Core.Paging;

/// <summary>
/// Keyset paging over a query ordered by an instant and then an id (the inbox by <c>(CreatedAt, Id)</c>, the audit
/// log by <c>(At, Id)</c>): each page continues strictly after (or before) a <see cref="KeysetCursor"/>, so a page
/// deep in a million rows costs what the first one does, and rows added meanwhile neither repeat nor vanish.
/// </summary>
/// <param name="at">The instant the rows are ordered by.</param>
/// <param name="id">The unique id that breaks ties.</param>
public sealed class KeysetPaging<T>(Expression<Func<T, DateTime>> at, Expression<Func<T, long>> id)
{
    private readonly Expression<Func<T, long>> idOnSameParameter =
        ParameterReplacer.Rebind(id, at.Parameters[0]);

    /// <summary>
    /// Reads the page after <paramref name="after"/> or, when that is not a cursor, the page before
    /// <paramref name="before"/>, or else the first page.
    /// </summary>
    public async Task<KeysetPage<TRow>> ReadAsync<TRow>(
        IQueryable<T> source,
        bool newestFirst,
        string? after,
        string? before,
        int pageSize,
        Expression<Func<T, TRow>> select,
        Func<TRow, KeysetCursor> cursorOf,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(cursorOf);
        var afterCursor = KeysetCursor.TryDecode(after);
        var beforeCursor = afterCursor is null ? KeysetCursor.TryDecode(before) : null;
        if (afterCursor is { } a)
        {
            source = source.Where(Beyond(a, lessThan: newestFirst));
        }
        else if (beforeCursor is { } b)
        {
            source = source.Where(Beyond(b, lessThan: !newestFirst));
        }

        // Going back reads the rows just before the cursor in reverse order, then turns them around.
        var backwards = beforeCursor is not null;
        var ordered = newestFirst != backwards
            ? source.OrderByDescending(at).ThenByDescending(id)
            : source.OrderBy(at).ThenBy(id);
        var rows = await ordered.Take(pageSize + 1).Select(select).ToListAsync(cancellationToken);
        var more = rows.Count > pageSize;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (backwards)
        {
            rows.Reverse();
        }

        if (rows.Count == 0)
        {
            return new KeysetPage<TRow>(rows, null, null);
        }

        var hasNext = backwards || more;
        var hasPrevious = backwards ? more : afterCursor is not null;
        return new KeysetPage<TRow>(
            rows,
            hasNext ? cursorOf(rows[^1]).Encode() : null,
            hasPrevious ? cursorOf(rows[0]).Encode() : null);
    }

    /// <summary><c>at &lt; c.At OR (at = c.At AND id &lt; c.Id)</c>, or the same with &gt;.</summary>
    private Expression<Func<T, bool>> Beyond(KeysetCursor cursor, bool lessThan)
    {
        // Read through a closure object so EF Core sends the values as parameters, not literals.
        var values = Expression.Constant(new CursorValues(cursor.At, cursor.Id));
        var cursorAt = Expression.Property(values, nameof(CursorValues.At));
        var cursorId = Expression.Property(values, nameof(CursorValues.Id));
        Expression Compare(Expression left, Expression right) =>
            lessThan ? Expression.LessThan(left, right) : Expression.GreaterThan(left, right);
        var body = Expression.OrElse(
            Compare(at.Body, cursorAt),
            Expression.AndAlso(Expression.Equal(at.Body, cursorAt), Compare(idOnSameParameter.Body, cursorId)));
        return Expression.Lambda<Func<T, bool>>(body, at.Parameters);
    }

    private sealed record CursorValues(DateTime At, long Id);
}
