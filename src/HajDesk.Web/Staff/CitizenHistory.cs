using HajDesk.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Staff;

/// <summary>Another request of the same citizen, as the staff request page lists it.</summary>
public sealed record CitizenHistoryEntry(long Id, string TrackingCode, DateTime CreatedAt, RequestStatus Status, string? SubjectName, string? ProvinceName);

/// <summary>
/// The same national code's other requests: those the reader may see (newest first, at most
/// <see cref="CitizenHistory.MaxListed"/>), and how many others exist that the reader may not open.
/// </summary>
public sealed record CitizenHistoryView(IReadOnlyList<CitizenHistoryEntry> Visible, int VisibleCount, int OutOfScopeCount)
{
    public static CitizenHistoryView None { get; } = new([], 0, 0);

    /// <summary>Open requests among the listed ones (a second request about the same thing is likely a duplicate).</summary>
    public int OpenCount => Visible.Count(e => e.Status.IsOpen());
}

/// <summary>
/// The citizen's history for staff: who else this person has written about, so an expert answers the caller as one
/// person and sees a second open request on the same thing. Scoped like everything staff read (<see cref="StaffScope"/>):
/// requests outside the reader's scope are only counted, never named.
/// </summary>
public sealed class CitizenHistory(Core.Data.HajDeskDbContext db, StaffScope scope)
{
    public const int MaxListed = 20;

    public async Task<CitizenHistoryView> OtherRequestsAsync(ServiceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.AnonymisedAt is not null)
        {
            // Anonymised requests share a placeholder, not a person.
            return CitizenHistoryView.None;
        }

        var nationalCode = request.NationalCode;
        var visible = (await scope.RequestsAsync(cancellationToken)).AsNoTracking()
            .Where(r => r.NationalCode == nationalCode && r.Id != request.Id);
        var listed = await visible
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Take(MaxListed)
            .Select(r => new CitizenHistoryEntry(r.Id, r.TrackingCode, r.CreatedAt, r.Status,
                r.SubSubject != null ? r.Subject!.Name + " / " + r.SubSubject.Name : r.Subject!.Name, r.Province!.Name))
            .ToListAsync(cancellationToken);
        var visibleCount = listed.Count < MaxListed ? listed.Count : await visible.CountAsync(cancellationToken);
        var all = await db.Requests.CountAsync(r => r.NationalCode == nationalCode && r.Id != request.Id, cancellationToken);
        return new CitizenHistoryView(listed, visibleCount, all - visibleCount);
    }
}
