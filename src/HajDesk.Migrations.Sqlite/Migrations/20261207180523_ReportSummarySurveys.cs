using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HajDesk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReportSummarySurveys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SurveyScores",
                table: "ReportSummaryRows",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "SurveysAnswered",
                table: "ReportSummaryRows",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "SurveysSent",
                table: "ReportSummaryRows",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyInvitations_SubmittedAt",
                table: "SurveyInvitations",
                column: "SubmittedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SurveyInvitations_SubmittedAt",
                table: "SurveyInvitations");

            migrationBuilder.DropColumn(
                name: "SurveyScores",
                table: "ReportSummaryRows");

            migrationBuilder.DropColumn(
                name: "SurveysAnswered",
                table: "ReportSummaryRows");

            migrationBuilder.DropColumn(
                name: "SurveysSent",
                table: "ReportSummaryRows");
        }
    }
}
