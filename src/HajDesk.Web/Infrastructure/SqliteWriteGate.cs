using System.Data.Common;
using System.Runtime.CompilerServices;
using HajDesk.Core.Data;
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
internal sealed class SqliteWriteGate : IDatabaseWriteGate, IDbCommandInterceptor, IDisposable
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

    // SaveChanges: the whole save, its transaction and commit included; HajDeskDbContext gives the turn back in a finally.
    public async ValueTask<IDisposable?> EnterAsync(DbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return !savingContexts.TryGetValue(context, out _) && await turn.WaitAsync(MaxWait, cancellationToken) ? new SaveTurn(this, context) : null;
    }

    public IDisposable? Enter(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return !savingContexts.TryGetValue(context, out _) && turn.Wait(MaxWait) ? new SaveTurn(this, context) : null;
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

    private bool NeedsTurn(DbCommand command, CommandEventData eventData) =>
        command.Transaction is null && (eventData.Context is null || !savingContexts.TryGetValue(eventData.Context, out _));

    private void EndCommand(DbCommand command)
    {
        if (writingCommands.Remove(command))
        {
            turn.Release();
        }
    }

    /// <summary>A save's turn; disposing it twice gives it back once.</summary>
    private sealed class SaveTurn : IDisposable
    {
        private SqliteWriteGate? gate;
        private readonly DbContext context;

        public SaveTurn(SqliteWriteGate gate, DbContext context)
        {
            this.gate = gate;
            this.context = context;
            gate.savingContexts.AddOrUpdate(context, Held);
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref gate, null) is { } owner)
            {
                owner.savingContexts.Remove(context);
                owner.turn.Release();
            }
        }
    }
}
