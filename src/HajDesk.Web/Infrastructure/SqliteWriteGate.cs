using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HajDesk.Web.Infrastructure;

/// <summary>
/// Serialises the app's writes to its SQLite file in-process, with an asynchronous lock, so that writers queue
/// without holding a thread instead of inside SQLite's busy handler.
/// </summary>
/// <remarks>
/// SQLite has one writer at a time. A second writer that finds the lock taken waits in SQLite's busy handler
/// (<c>busy_timeout</c>), which sleeps on the calling thread for growing steps of up to 100 ms, however soon the lock
/// frees: under load every user stalls at once and thread-pool threads are parked in native code (the baseline
/// profile in docs/performance.md). Here a write (a <c>SaveChanges</c>, or an <c>ExecuteUpdate</c>/<c>ExecuteDelete</c>
/// outside a transaction) first waits its turn on a <see cref="SemaphoreSlim"/>; when it gets to SQLite the lock is
/// free. Reads never wait (WAL). The SQLite file belongs to one app process (several nodes use PostgreSQL); anything
/// else writing to it (a second process, a tool) is still handled by <c>busy_timeout</c>, and a turn not granted
/// within <see cref="MaxWait"/> goes ahead to that fallback rather than failing.
/// </remarks>
internal sealed class SqliteWriteGate : ISaveChangesInterceptor, IDbCommandInterceptor, IDisposable
{
    /// <summary>As long as SQLite's own <c>busy_timeout</c>.</summary>
    internal static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim turn = new(1, 1);

    /// <summary>Contexts whose <c>SaveChanges</c> holds the turn; their own commands must not ask again.</summary>
    private readonly ConditionalWeakTable<DbContext, object> savingContexts = [];

    /// <summary>Commands outside any save or transaction that hold the turn.</summary>
    private readonly ConditionalWeakTable<DbCommand, object> writingCommands = [];

    private static readonly object Held = new();

    /// <summary>True when no write holds the turn (for tests: a failed or cancelled write must give it back).</summary>
    internal bool IsFree => turn.CurrentCount == 1;

    public void Dispose() => turn.Dispose();

    // SaveChanges: the whole save, its transaction and commit included.
    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (NeedsTurn(eventData.Context) && turn.Wait(MaxWait))
        {
            savingContexts.AddOrUpdate(eventData.Context!, Held);
        }

        return result;
    }

    public async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (NeedsTurn(eventData.Context) && await turn.WaitAsync(MaxWait, cancellationToken))
        {
            savingContexts.AddOrUpdate(eventData.Context!, Held);
        }

        return result;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        EndSave(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        EndSave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => EndSave(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        EndSave(eventData.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => EndSave(eventData.Context);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        EndSave(eventData.Context);
        return Task.CompletedTask;
    }

    // ExecuteUpdate / ExecuteDelete (and raw non-queries) outside a save or a transaction: one statement, one turn.
    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (NeedsTurn(command, eventData) && turn.Wait(MaxWait))
        {
            writingCommands.AddOrUpdate(command, Held);
        }

        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (NeedsTurn(command, eventData) && await turn.WaitAsync(MaxWait, cancellationToken))
        {
            writingCommands.AddOrUpdate(command, Held);
        }

        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        EndCommand(command);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        EndCommand(command);
        return ValueTask.FromResult(result);
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => EndCommand(command);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        EndCommand(command);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => EndCommand(command);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        EndCommand(command);
        return Task.CompletedTask;
    }

    /// <summary>A save asks for a turn unless the caller's own transaction is already open (it then writes in it).</summary>
    private bool NeedsTurn(DbContext? context) =>
        context is not null && context.Database.CurrentTransaction is null && !savingContexts.TryGetValue(context, out _);

    private bool NeedsTurn(DbCommand command, CommandEventData eventData) =>
        command.Transaction is null && (eventData.Context is null || !savingContexts.TryGetValue(eventData.Context, out _));

    private void EndSave(DbContext? context)
    {
        if (context is not null && savingContexts.Remove(context))
        {
            turn.Release();
        }
    }

    private void EndCommand(DbCommand command)
    {
        if (writingCommands.Remove(command))
        {
            turn.Release();
        }
    }
}
