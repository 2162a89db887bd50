using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HajDesk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddSubjectFields : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SubjectFields",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    IsRequired = table.Column<bool>(type: "INTEGER", nullable: false),
                    HelpText = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Options = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DisplayOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubjectFields", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubjectFields_Subjects_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "Subjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RequestFieldValues",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RequestId = table.Column<long>(type: "INTEGER", nullable: false),
                    FieldId = table.Column<int>(type: "INTEGER", nullable: true),
                    Label = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    DisplayOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestFieldValues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RequestFieldValues_Requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "Requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RequestFieldValues_SubjectFields_FieldId",
                        column: x => x.FieldId,
                        principalTable: "SubjectFields",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RequestFieldValues_FieldId_RequestId",
                table: "RequestFieldValues",
                columns: new[] { "FieldId", "RequestId" });

            migrationBuilder.CreateIndex(
                name: "IX_RequestFieldValues_RequestId_DisplayOrder",
                table: "RequestFieldValues",
                columns: new[] { "RequestId", "DisplayOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_SubjectFields_SubjectId_DisplayOrder",
                table: "SubjectFields",
                columns: new[] { "SubjectId", "DisplayOrder" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RequestFieldValues");

            migrationBuilder.DropTable(
                name: "SubjectFields");
        }
    }
}
