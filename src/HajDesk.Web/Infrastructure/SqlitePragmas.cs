using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HajDesk.Web.Infrastructure;

/// <summary>
/// Makes every SQLite connection durable and patient: EF Core turns on WAL but leaves <c>synchronous</c> at NORMAL,
/// which can lose the last transactions on power loss; an acknowledged request must survive a crash.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
