using HajDesk.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HajDesk.Migrations.Sqlite.Migrations;

/// <summary>
/// Keeps the two providers' migration lists in step with PostgreSQL's trigram search indexes. SQLite has no trigram
/// index and serves one office's volume, where the inbox search scans comfortably; nothing to do here.
/// </summary>
[DbContext(typeof(HajDeskDbContext))]
[Migration("20261124230000_AddTrigramSearch")]
public partial class AddTrigramSearch : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
    }
}
