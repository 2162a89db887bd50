using System.ComponentModel.DataAnnotations;

namespace HajDesk.Web.Infrastructure;

/// <summary>Which database HajDesk uses. Section <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (default: a file under <c>./data/</c>) or <c>Postgres</c>.</summary>
    [Required]
    [RegularExpression("^(Sqlite|Postgres)$", ErrorMessage = "Database:Provider must be 'Sqlite' or 'Postgres'.")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>
    /// For SQLite, a connection string whose <c>Data Source</c> is relative to the content root; for PostgreSQL,
    /// an Npgsql connection string. Empty means the embedded default, <c>Data Source=data/hajdesk.db</c>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Apply pending migrations at start-up. Always done for SQLite; for PostgreSQL only when this is true,
    /// otherwise run <c>dotnet HajDesk.Web.dll migrate</c> as a deployment step.
    /// </summary>
    public bool MigrateAtStartup { get; set; }

    public bool IsPostgres => Provider == "Postgres";
}
