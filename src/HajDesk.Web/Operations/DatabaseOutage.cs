using Microsoft.Data.Sqlite;
using Npgsql;

namespace HajDesk.Web.Operations;

/// <summary>
/// Tells a database that is away (PostgreSQL restarting, unreachable, refusing connections; SQLite locked past its
/// timeout) from a bug, so that citizens get the Persian 503 page ("try again in a few minutes") instead of a 500.
/// </summary>
public static class DatabaseOutage
{
    public static bool Is(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // Transient: connection refused or broken, server shutting down or starting (57P01, 57P03), timeouts.
                case NpgsqlException { IsTransient: true }:
                case SqliteException { SqliteErrorCode: 5 or 6 }:
                case TimeoutException:
                case System.Net.Sockets.SocketException:
                    return true;
            }
        }

        return false;
    }
}
