using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HajDesk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InboxAtScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Requests_ProvinceId_Status_DueAt",
                table: "Requests",
                columns: new[] { "ProvinceId", "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_Status_DueAt",
                table: "Requests",
                columns: new[] { "Status", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Requests_ProvinceId_Status_DueAt",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_Requests_Status_DueAt",
                table: "Requests");
        }
    }
}
