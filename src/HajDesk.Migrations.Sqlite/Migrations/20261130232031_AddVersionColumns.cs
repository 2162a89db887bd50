using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HajDesk.Migrations.Sqlite.Migrations;

/// <summary>
/// One optimistic-concurrency mechanism (<c>IVersioned</c>): an integer <c>Version</c> on every entity people edit.
/// Existing rows start at version 1. The requests' former GUID token cannot be converted to a number, so that
/// column is replaced rather than altered; no other data is touched.
/// </summary>
public partial class AddVersionColumns : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(
            name: "Version",
            table: "Requests");

        migrationBuilder.AddColumn<int>(
            name: "Version",
            table: "Requests",
            type: "INTEGER",
            nullable: false,
            defaultValue: 1);

        migrationBuilder.AddColumn<int>(
            name: "Version",
            table: "Subjects",
            type: "INTEGER",
            nullable: false,
            defaultValue: 1);

        migrationBuilder.AddColumn<int>(
            name: "Version",
            table: "Provinces",
            type: "INTEGER",
            nullable: false,
            defaultValue: 1);

        migrationBuilder.AddColumn<int>(
            name: "Version",
            table: "MessageTemplates",
            type: "INTEGER",
            nullable: false,
            defaultValue: 1);

        migrationBuilder.AddColumn<int>(
            name: "Version",
            table: "CannedAnswers",
            type: "INTEGER",
            nullable: false,
            defaultValue: 1);

        migrationBuilder.AddColumn<int>(
            name: "Version",
            table: "AspNetUsers",
            type: "INTEGER",
            nullable: false,
            defaultValue: 1);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(
            name: "Version",
            table: "Subjects");

        migrationBuilder.DropColumn(
            name: "Version",
            table: "Provinces");

        migrationBuilder.DropColumn(
            name: "Version",
            table: "MessageTemplates");

        migrationBuilder.DropColumn(
            name: "Version",
            table: "CannedAnswers");

        migrationBuilder.DropColumn(
            name: "Version",
            table: "AspNetUsers");

        migrationBuilder.DropColumn(
            name: "Version",
            table: "Requests");

        // Every request gets the same token back; the next change replaces it, as the GUID mechanism did.
        migrationBuilder.AddColumn<Guid>(
            name: "Version",
            table: "Requests",
            type: "TEXT",
            nullable: false,
            defaultValue: Guid.Empty);
    }
}
