using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HajDesk.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// The Persian search keys (issue 24, item 5): the request's name and text keys and the key of answers and internal
    /// notes, with plain indexes (SQLite has no trigram index; a LIKE '%key%' reads the smaller index rather than the
    /// table). Rows written before are keyed at start-up by <c>SearchKeyBackfill</c>: SQL cannot compute the key.
    /// </summary>
    public partial class PersianSearchKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NameKey",
                table: "Requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TextKey",
                table: "Requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchKey",
                table: "RequestEvents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.Sql("""CREATE INDEX "IX_Requests_NameKey" ON "Requests" ("NameKey");""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Requests_TextKey" ON "Requests" ("TextKey");""");
            migrationBuilder.Sql("""CREATE INDEX "IX_RequestEvents_SearchKey" ON "RequestEvents" ("SearchKey") WHERE "SearchKey" IS NOT NULL;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_RequestEvents_SearchKey";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Requests_TextKey";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Requests_NameKey";""");
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
