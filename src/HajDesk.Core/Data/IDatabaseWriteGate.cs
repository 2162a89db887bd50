using Microsoft.EntityFrameworkCore;

namespace HajDesk.Core.Data;

/// <summary>
/// Lets a database with one writer at a time (SQLite) queue writes in-process: <see cref="HajDeskDbContext"/> holds
/// a turn for the whole of each <c>SaveChanges</c> (transaction and commit included) and gives it back in a
/// <c>finally</c>, whatever happens. Registered as an EF Core interceptor of the context's options; absent for
/// PostgreSQL.
/// </summary>
public interface IDatabaseWriteGate
{
    /// <summary>Waits for the turn; dispose the result to give it back. Null when no turn is needed or none was granted in time.</summary>
    ValueTask<IDisposable?> EnterAsync(DbContext context, CancellationToken cancellationToken);

    /// <summary>The synchronous <see cref="EnterAsync"/>.</summary>
    IDisposable? Enter(DbContext context);
}
