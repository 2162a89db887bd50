using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HajDesk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddMobileVerification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "MobileVerified",
                table: "Requests",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "MobileVerifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubmissionKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    MobileHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Sends = table.Column<int>(type: "INTEGER", nullable: false),
                    LastSentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    WrongTries = table.Column<int>(type: "INTEGER", nullable: false),
                    VerifiedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MobileVerifications", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MobileVerifications_LastSentAt",
                table: "MobileVerifications",
                column: "LastSentAt");

            migrationBuilder.CreateIndex(
                name: "IX_MobileVerifications_SubmissionKey",
                table: "MobileVerifications",
                column: "SubmissionKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MobileVerifications");

            migrationBuilder.DropColumn(
                name: "MobileVerified",
                table: "Requests");
        }
    }
}
