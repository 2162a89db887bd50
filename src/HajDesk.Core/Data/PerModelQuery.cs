using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace HajDesk.Core.Data;

/// <summary>
/// A compiled query (<see cref="EF.CompileAsyncQuery{TContext, TParam1, TResult}(System.Linq.Expressions.Expression{Func{TContext, TParam1, CancellationToken, TResult}})"/>)
/// for each EF Core model it meets. EF binds a compiled query to the first model that runs it, but one process can
/// hold several models of <see cref="HajDeskDbContext"/> (SQLite and PostgreSQL; every test host has its own), so
/// each model gets its own compilation, made once.
/// </summary>
/// <typeparam name="TQuery">The compiled query's delegate type.</typeparam>
/// <param name="compile">Compiles the query; called once per model.</param>
public sealed class PerModelQuery<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> compiled = [];

    /// <summary>The query compiled for <paramref name="db"/>'s model.</summary>
    public TQuery For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return compiled.GetValue(db.Model, _ => compile());
    }
}
