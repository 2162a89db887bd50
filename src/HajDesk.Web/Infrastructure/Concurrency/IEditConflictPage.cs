using HajDesk.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Infrastructure.Concurrency;

/// <summary>
/// A page whose forms edit an <see cref="IVersioned"/> entity. When one of its handlers meets a stale form or a
/// concurrent change (<see cref="DbUpdateConcurrencyException"/>), <see cref="EditConflictFilter"/> answers for it.
/// </summary>
public interface IEditConflictPage
{
    /// <summary>
    /// Loads what the page shows as it is now (the row's current values and version, the lists the form needs)
    /// without touching what the person typed, which the bound properties still hold. Returns false when the row
    /// no longer exists (the answer is then 404).
    /// </summary>
    Task<bool> ReloadAfterConflictAsync(CancellationToken cancellationToken);
}
