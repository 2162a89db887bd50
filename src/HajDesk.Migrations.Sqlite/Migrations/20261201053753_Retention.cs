using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HajDesk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Retention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "AnonymisedAt",
                table: "Requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClosedAt",
                table: "Requests",
                type: "TEXT",
                nullable: true);

            // Requests closed before this migration: closed when their last «Closed» event says.
            migrationBuilder.Sql(
                """
                UPDATE "Requests" SET "ClosedAt" = (
                    SELECT MAX(e."At") FROM "RequestEvents" AS e WHERE e."RequestId" = "Requests"."Id" AND e."Kind" = 'Closed')
                WHERE "Status" = 'Closed';
                """);

            migrationBuilder.CreateTable(
                name: "RetentionSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Months = table.Column<int>(type: "INTEGER", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionSettings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_Status_ClosedAt",
                table: "Requests",
                columns: new[] { "Status", "ClosedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RetentionSettings");

            migrationBuilder.DropIndex(
                name: "IX_Requests_Status_ClosedAt",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "AnonymisedAt",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "Requests");
        }
    }
}
