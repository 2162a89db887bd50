using System.Linq.Expressions;

namespace HajDesk.Core.Persian;

/// <summary>
/// A filter by Tehran calendar days typed as Jalali dates («از تاریخ» … «تا تاریخ», Persian digits accepted), as
/// the half-open UTC interval <c>[start of From, start of the day after To)</c>. Either end may be left empty.
/// </summary>
public sealed record JalaliDateRange(DateTime? StartUtc, DateTime? EndUtc)
{
    /// <summary>The form field names the two ends are bound to on every page that filters by date.</summary>
    public const string FromField = "From";

    public const string ToField = "To";

    /// <summary>The ends typed wrongly, as (field, Persian message); an end in error is left out of the range.</summary>
    public IReadOnlyList<(string Field, string Message)> Errors { get; private init; } = [];

    /// <summary>Reads the two typed ends; a wrong one becomes an error and filters nothing.</summary>
    public static JalaliDateRange Parse(string? from, string? to)
    {
        var errors = new List<(string Field, string Message)>();
        var start = ParseDay(from, FromField, "از تاریخ", errors) is DateOnly first ? TehranMidnightUtc(first) : (DateTime?)null;
        var end = ParseDay(to, ToField, "تا تاریخ", errors) is DateOnly last ? TehranMidnightUtc(last.AddDays(1)) : (DateTime?)null;
        return new JalaliDateRange(start, end) { Errors = errors };
    }

    /// <summary>The typed date in ASCII digits, <c>1404/01/15</c>, for an address; null when empty or wrong.</summary>
    public static string? Normalize(string? input) =>
        JalaliDate.TryParse(input, out var date) ? PersianText.ToAsciiDigits(JalaliDate.FormatNumeric(date)) : null;

    /// <summary>Keeps the rows whose <paramref name="at"/> falls in the range.</summary>
    public IQueryable<T> Apply<T>(IQueryable<T> rows, Expression<Func<T, DateTime>> at)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(at);
        if (StartUtc is not null)
        {
            rows = rows.Where(Expression.Lambda<Func<T, bool>>(Expression.GreaterThanOrEqual(at.Body, Bound(StartUtc.Value)), at.Parameters));
        }

        if (EndUtc is not null)
        {
            rows = rows.Where(Expression.Lambda<Func<T, bool>>(Expression.LessThan(at.Body, Bound(EndUtc.Value)), at.Parameters));
        }

        return rows;
    }

    /// <summary>The instant read through a closure object, so EF Core sends it as a parameter.</summary>
    private static MemberExpression Bound(DateTime instant) =>
        Expression.Property(Expression.Constant(new Instant(instant)), nameof(Instant.Value));

    private static DateOnly? ParseDay(string? input, string field, string label, List<(string Field, string Message)> errors)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        if (JalaliDate.TryParse(input, out var date))
        {
            return date;
        }

        errors.Add((field, $"«{label}» تاریخ درستی نیست؛ آن را مانند ۱۴۰۴/۰۱/۱۵ بنویسید."));
        return null;
    }

    private static DateTime TehranMidnightUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue), DateTimeKind.Unspecified), JalaliDate.Tehran);

    private sealed record Instant(DateTime Value);
}
