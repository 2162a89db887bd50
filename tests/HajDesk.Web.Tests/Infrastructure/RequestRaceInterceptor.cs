using HajDesk.Core.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HajDesk.Web.Tests.Infrastructure;

/// <summary>
/// When armed, changes a request's version behind the context's back just before the context saves the request:
/// a colleague's change committed between loading and saving, which EF's concurrency check must catch.
/// </summary>
public sealed class RequestRaceInterceptor : SaveChangesInterceptor
{
    public bool Armed { get; set; }

    public bool Fired { get; private set; }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        var db = eventData.Context!;
        var entry = db.ChangeTracker.Entries<ServiceRequest>().FirstOrDefault(e => e.State == EntityState.Modified);
        if (Armed && entry is not null)
        {
            Armed = false;
            Fired = true;
            var id = entry.Entity.Id;
            await db.Database.ExecuteSqlAsync($"UPDATE \"Requests\" SET \"Version\" = \"Version\" + 1 WHERE \"Id\" = {id}", cancellationToken);
        }

        return result;
    }
}
