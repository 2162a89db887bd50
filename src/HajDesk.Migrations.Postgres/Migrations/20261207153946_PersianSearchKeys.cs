using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HajDesk.Migrations.Postgres.Migrations
{
    /// <summary>
    /// The Persian search keys (issue 24, item 5): the request's name and text keys and the key of answers and internal
    /// notes, each with a trigram (pg_trgm, GIN) index so that LIKE '%key%' is an index lookup. The search no longer
    /// reads the first name, last name and text themselves, so their trigram indexes (<c>AddTrigramSearch</c>) go.
    /// Rows written before are keyed at start-up by <c>SearchKeyBackfill</c>: SQL cannot compute the key.
    /// pg_trgm is a trusted extension: the database owner may create it.
    /// </summary>
    public partial class PersianSearchKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NameKey",
                table: "Requests",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TextKey",
                table: "Requests",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchKey",
                table: "RequestEvents",
                type: "text",
                nullable: true);

            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("""CREATE INDEX "IX_Requests_NameKey_trgm" ON "Requests" USING gin ("NameKey" gin_trgm_ops);""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Requests_TextKey_trgm" ON "Requests" USING gin ("TextKey" gin_trgm_ops);""");
            migrationBuilder.Sql("""CREATE INDEX "IX_RequestEvents_SearchKey_trgm" ON "RequestEvents" USING gin ("SearchKey" gin_trgm_ops) WHERE "SearchKey" IS NOT NULL;""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Requests_FirstName_trgm";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Requests_LastName_trgm";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Requests_Text_trgm";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""CREATE INDEX IF NOT EXISTS "IX_Requests_FirstName_trgm" ON "Requests" USING gin ("FirstName" gin_trgm_ops);""");
            migrationBuilder.Sql("""CREATE INDEX IF NOT EXISTS "IX_Requests_LastName_trgm" ON "Requests" USING gin ("LastName" gin_trgm_ops);""");
            migrationBuilder.Sql("""CREATE INDEX IF NOT EXISTS "IX_Requests_Text_trgm" ON "Requests" USING gin ("Text" gin_trgm_ops);""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_RequestEvents_SearchKey_trgm";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Requests_TextKey_trgm";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Requests_NameKey_trgm";""");
            migrationBuilder.DropColumn(
                name: "NameKey",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "TextKey",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "SearchKey",
                table: "RequestEvents");
        }
    }
}
