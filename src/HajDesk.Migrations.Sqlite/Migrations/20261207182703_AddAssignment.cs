using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HajDesk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddAssignment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AssignmentMode",
                table: "Provinces",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Off");

            migrationBuilder.CreateTable(
                name: "AssignmentTurns",
                columns: table => new
                {
                    StaffUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    LastAssignedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssignmentTurns", x => x.StaffUserId);
                    table.ForeignKey(
                        name: "FK_AssignmentTurns_AspNetUsers_StaffUserId",
                        column: x => x.StaffUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StaffAbsences",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StaffUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    HandOverToId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    HandedOverAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffAbsences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StaffAbsences_AspNetUsers_StaffUserId",
                        column: x => x.StaffUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StaffAbsences_HandedOverAt_From",
                table: "StaffAbsences",
                columns: new[] { "HandedOverAt", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_StaffAbsences_StaffUserId_From_To",
                table: "StaffAbsences",
                columns: new[] { "StaffUserId", "From", "To" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssignmentTurns");

            migrationBuilder.DropTable(
                name: "StaffAbsences");

            migrationBuilder.DropColumn(
                name: "AssignmentMode",
                table: "Provinces");
        }
    }
}
