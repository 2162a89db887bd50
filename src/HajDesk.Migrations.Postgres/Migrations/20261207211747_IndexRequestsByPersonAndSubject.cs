using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HajDesk.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class IndexRequestsByPersonAndSubject : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Requests_NationalCode",
                table: "Requests");

            migrationBuilder.CreateIndex(
                name: "IX_Requests_NationalCode_SubjectId_SubSubjectId",
                table: "Requests",
                columns: new[] { "NationalCode", "SubjectId", "SubSubjectId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Requests_NationalCode_SubjectId_SubSubjectId",
                table: "Requests");

            migrationBuilder.CreateIndex(
                name: "IX_Requests_NationalCode",
                table: "Requests",
                column: "NationalCode");
        }
    }
}
