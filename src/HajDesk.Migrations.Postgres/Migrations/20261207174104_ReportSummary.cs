using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HajDesk.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ReportSummary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReportSummaryChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Month = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportSummaryChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReportSummaryMonths",
                columns: table => new
                {
                    Month = table.Column<int>(type: "integer", nullable: false),
                    SummarisedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OverdueCutoff = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportSummaryMonths", x => x.Month);
                });

            migrationBuilder.CreateTable(
                name: "ReportSummaryRows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    SubjectId = table.Column<int>(type: "integer", nullable: false),
                    Channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FirstAnsweredById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    Received = table.Column<int>(type: "integer", nullable: false),
                    Answered = table.Column<int>(type: "integer", nullable: false),
                    Closed = table.Column<int>(type: "integer", nullable: false),
                    AnsweredOnTime = table.Column<int>(type: "integer", nullable: false),
                    Overdue = table.Column<int>(type: "integer", nullable: false),
                    Reopened = table.Column<int>(type: "integer", nullable: false),
                    Objected = table.Column<int>(type: "integer", nullable: false),
                    Rated1 = table.Column<int>(type: "integer", nullable: false),
                    Rated2 = table.Column<int>(type: "integer", nullable: false),
                    Rated3 = table.Column<int>(type: "integer", nullable: false),
                    Rated4 = table.Column<int>(type: "integer", nullable: false),
                    Rated5 = table.Column<int>(type: "integer", nullable: false),
                    WorkingDays = table.Column<string>(type: "text", nullable: false),
                    PendingDue = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportSummaryRows", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReportSummaryChanges_Month",
                table: "ReportSummaryChanges",
                column: "Month");

            migrationBuilder.CreateIndex(
                name: "IX_ReportSummaryRows_Month_ProvinceId",
                table: "ReportSummaryRows",
                columns: new[] { "Month", "ProvinceId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReportSummaryChanges");

            migrationBuilder.DropTable(
                name: "ReportSummaryMonths");

            migrationBuilder.DropTable(
                name: "ReportSummaryRows");
        }
    }
}
