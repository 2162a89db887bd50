using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace HajDesk.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddInformationPages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InformationPages",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InformationPages", x => x.Key);
                });

            migrationBuilder.InsertData(
                table: "InformationPages",
                columns: new[] { "Key", "Text", "UpdatedAt", "Version" },
                values: new object[,]
                {
                    { "accessibility", null, new DateTime(2026, 12, 7, 0, 0, 0, 0, DateTimeKind.Utc), 1 },
                    { "privacy", null, new DateTime(2026, 12, 7, 0, 0, 0, 0, DateTimeKind.Utc), 1 }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InformationPages");
        }
    }
}
