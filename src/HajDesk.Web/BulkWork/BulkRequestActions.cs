using HajDesk.Core.Data;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests;
using HajDesk.Web.Staff;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.BulkWork;

/// <summary>One request of a bulk action, with the version the person saw (null: as it is now).</summary>
public sealed record BulkTarget(long Id, int? Version)
{
    /// <summary>Reads a row's posted value, <c>id:version</c>; null for anything else.</summary>
    public static BulkTarget? Parse(string? value)
    {
        var parts = PersianText.ToAsciiDigits(value).Split(':');
        return parts.Length == 2 && long.TryParse(parts[0], out var id) && id > 0 && int.TryParse(parts[1], out var version) && version > 0
            ? new BulkTarget(id, version)
            : null;
    }
}

/// <summary>How one row of a bulk action ended.</summary>
public enum BulkRowOutcome
{
    Done,

    /// <summary>The request's own rules refused (with the reason).</summary>
    Refused,

    /// <summary>Someone changed the request after the list was read; nothing was done to it.</summary>
    Changed,

    /// <summary>Not in the actor's scope (or not there at all).</summary>
    NotFound,
}

public sealed record BulkRowResult(long Id, string? TrackingCode, BulkRowOutcome Outcome, string? Reason)
{
    public string OutcomeText => Outcome switch
    {
        BulkRowOutcome.Done => "انجام شد",
        BulkRowOutcome.Refused => "انجام نشد",
        BulkRowOutcome.Changed => "در این میان تغییر کرده بود؛ کاری انجام نشد",
        _ => "در حوزه کاری شما نیست",
    };
}

/// <summary>The rows of a finished bulk action, in the order they were given.</summary>
public sealed record BulkResult(string ActionText, IReadOnlyList<BulkRowResult> Rows)
{
    public int Count(BulkRowOutcome outcome) => Rows.Count(r => r.Outcome == outcome);

    /// <summary>«پاسخ: ۱۲ انجام شد، ۱ انجام نشد، ۲ تغییر کرده بود» — also the audit row's details.</summary>
    public string Summary =>
        $"{ActionText} برای {Digits(Rows.Count)} درخواست: {Digits(Count(BulkRowOutcome.Done))} انجام شد، "
        + $"{Digits(Count(BulkRowOutcome.Refused))} انجام نشد، {Digits(Count(BulkRowOutcome.Changed))} در این میان تغییر کرده بود"
        + (Count(BulkRowOutcome.NotFound) > 0 ? $"، {Digits(Count(BulkRowOutcome.NotFound))} در حوزه کاری نبود" : string.Empty);

    private static string Digits(int n) => PersianText.ToPersianDigits(n.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>
/// Runs one staff action on many requests, each exactly as the request's own page would: loaded through the
/// scope, its version checked, its transition, its audit row, its notices and its own transaction
/// (<see cref="StaffRequestActions.RunAsync"/>). One row's refusal or conflict never stops or undoes the others.
/// </summary>
public sealed class BulkRequestActions(HajDeskDbContext db, StaffScope scope, StaffRequestActions actions, AuditLog audit)
{
    /// <summary>
    /// The most rows one inbox action takes: enough for a wave, few enough to finish in seconds (an incident's
    /// answer reaches all its open requests, however many).
    /// </summary>
    public const int MaxRows = 500;

    public const string TooMany = "در هر اقدام گروهی حداکثر ۵۰۰ درخواست را می‌توان برگزید.";

    public const string NoneSelected = "دست‌کم یک درخواست را برگزینید.";

    public async Task<BulkResult> RunAsync(
        IReadOnlyList<BulkTarget> targets,
        string actionText,
        string rowAuditAction,
        string summaryAuditAction,
        Func<StaffAction, Task<RequestResult>> change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(change);
        var distinct = targets.DistinctBy(t => t.Id).ToList();
        var ids = distinct.Select(t => t.Id).ToList();
        var known = await (await scope.RequestsAsync(cancellationToken)).AsNoTracking()
            .Where(r => ids.Contains(r.Id))
            .Select(r => new { r.Id, r.TrackingCode, r.Version })
            .ToDictionaryAsync(r => r.Id, cancellationToken);

        var rows = new List<BulkRowResult>(distinct.Count);
        foreach (var target in distinct)
        {
            if (!known.TryGetValue(target.Id, out var row))
            {
                rows.Add(new BulkRowResult(target.Id, null, BulkRowOutcome.NotFound, null));
                continue;
            }

            // Each row on its own: nothing tracked for one row is saved with the next.
            db.ChangeTracker.Clear();
            var outcome = await actions.RunAsync(target.Id, target.Version ?? row.Version, rowAuditAction, change, cancellationToken);
            rows.Add(outcome switch
            {
                StaffActionOutcome.Done or StaffActionOutcome.DoneOutOfScope => new BulkRowResult(row.Id, row.TrackingCode, BulkRowOutcome.Done, null),
                StaffActionOutcome.Conflict => new BulkRowResult(row.Id, row.TrackingCode, BulkRowOutcome.Changed, null),
                StaffActionOutcome.NotFound => new BulkRowResult(row.Id, row.TrackingCode, BulkRowOutcome.NotFound, null),
                _ => new BulkRowResult(row.Id, row.TrackingCode, BulkRowOutcome.Refused, actions.Refusal),
            });
        }

        db.ChangeTracker.Clear();
        var result = new BulkResult(actionText, rows);
        await audit.WriteAsync(summaryAuditAction, null, result.Summary);
        return result;
    }
}
