using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HajDesk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReportFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "FirstAnswerWorkingDays",
                table: "Requests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FirstAnsweredAt",
                table: "Requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FirstAnsweredById",
                table: "Requests",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "FirstAnsweredOnTime",
                table: "Requests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReopenCount",
                table: "Requests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // The first answer and the reopenings, from the timeline (a request without an «answered» entry but
            // with an answer instant keeps that instant). The working days are counted at start-up
            // (FirstAnswerBackfill): they need the calendar, which SQL does not know.
            migrationBuilder.Sql("""
                UPDATE "Requests" SET
                    "FirstAnsweredAt" = COALESCE(
                        (SELECT MIN(e."At") FROM "RequestEvents" e WHERE e."RequestId" = "Requests"."Id" AND e."Kind" = 'Answered'),
                        "AnsweredAt"),
                    "ReopenCount" = (SELECT COUNT(*) FROM "RequestEvents" e WHERE e."RequestId" = "Requests"."Id" AND e."Kind" = 'Reopened')
                WHERE "AnsweredAt" IS NOT NULL
                    OR EXISTS (SELECT 1 FROM "RequestEvents" e WHERE e."RequestId" = "Requests"."Id" AND e."Kind" IN ('Answered', 'Reopened'))
                """);
            migrationBuilder.Sql("""
                UPDATE "Requests" SET
                    "FirstAnsweredById" = (SELECT e."ActorId" FROM "RequestEvents" e
                        WHERE e."RequestId" = "Requests"."Id" AND e."Kind" = 'Answered' ORDER BY e."At", e."Id" LIMIT 1),
                    "FirstAnsweredOnTime" = ("FirstAnsweredAt" <= "DueAt")
                WHERE "FirstAnsweredAt" IS NOT NULL
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FirstAnswerWorkingDays",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "FirstAnsweredAt",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "FirstAnsweredById",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "FirstAnsweredOnTime",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "ReopenCount",
                table: "Requests");
        }
    }
}
