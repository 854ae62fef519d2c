using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GenderArchitecture.Reporting.Data.SqliteMigrations
{
    /// <inheritdoc />
    public partial class Release2 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "protected_value",
                table: "approved_totals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    occurred_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    service = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    resource = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    client_address = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_events", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_actor",
                table: "audit_events",
                column: "actor");

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_occurred_at_id",
                table: "audit_events",
                columns: new[] { "occurred_at", "id" });

            // The exact reads recorded by the previous release move into the audit before their table goes.
            migrationBuilder.Sql("""
                INSERT INTO audit_events (occurred_at, service, actor, role, action, resource, description, client_address)
                SELECT at, 'reporting', subject, role, 'exact_read', 'aggregates', what, 'unknown' FROM exact_reads ORDER BY id;
                """);
            migrationBuilder.DropTable(
                name: "exact_reads");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_events");

            migrationBuilder.DropColumn(
                name: "protected_value",
                table: "approved_totals");

            migrationBuilder.CreateTable(
                name: "exact_reads",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    what = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exact_reads", x => x.id);
                });
        }
    }
}
