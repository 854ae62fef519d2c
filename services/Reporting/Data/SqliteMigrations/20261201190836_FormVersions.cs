using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GenderArchitecture.Reporting.Data.SqliteMigrations
{
    /// <inheritdoc />
    public partial class FormVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Reports filed before forms had versions were filed on version 1, which the seeder creates from the stored form.
            migrationBuilder.AddColumn<int>(
                name: "form_version",
                table: "reports",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "seed_difference",
                table: "report_forms",
                type: "TEXT",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "seed_differs",
                table: "report_forms",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "form_versions",
                columns: table => new
                {
                    form_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    valid_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    definition_json = table.Column<string>(type: "TEXT", nullable: false),
                    rules_json = table.Column<string>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_form_versions", x => new { x.form_id, x.version });
                });

            migrationBuilder.CreateIndex(
                name: "IX_form_versions_form_id_valid_from",
                table: "form_versions",
                columns: new[] { "form_id", "valid_from" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "form_versions");

            migrationBuilder.DropColumn(
                name: "form_version",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "seed_difference",
                table: "report_forms");

            migrationBuilder.DropColumn(
                name: "seed_differs",
                table: "report_forms");
        }
    }
}
