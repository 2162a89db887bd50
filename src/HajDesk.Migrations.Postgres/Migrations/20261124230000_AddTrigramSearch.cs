using HajDesk.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HajDesk.Migrations.Postgres.Migrations;

/// <summary>
/// Trigram (pg_trgm) GIN indexes so that the inbox's search by name or by words of the text — LIKE '%word%' on
/// <c>FirstName</c>, <c>LastName</c> and <c>Text</c> — is an index lookup, not a scan of every request.
/// Written by hand: the EF model has no provider-neutral way to say it, and SQLite (one office's volume) needs none.
/// pg_trgm is a trusted extension: the database owner may create it.
/// </summary>
[DbContext(typeof(HajDeskDbContext))]
[Migration("20261124230000_AddTrigramSearch")]
public partial class AddTrigramSearch : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
        migrationBuilder.Sql("""CREATE INDEX "IX_Requests_FirstName_trgm" ON "Requests" USING gin ("FirstName" gin_trgm_ops);""");
        migrationBuilder.Sql("""CREATE INDEX "IX_Requests_LastName_trgm" ON "Requests" USING gin ("LastName" gin_trgm_ops);""");
        migrationBuilder.Sql("""CREATE INDEX "IX_Requests_Text_trgm" ON "Requests" USING gin ("Text" gin_trgm_ops);""");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Requests_Text_trgm";""");
        migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Requests_LastName_trgm";""");
        migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Requests_FirstName_trgm";""");
    }
}
