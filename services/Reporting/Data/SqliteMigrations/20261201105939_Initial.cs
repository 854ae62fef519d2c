using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GenderArchitecture.Reporting.Data.SqliteMigrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "approved_cells",
                columns: table => new
                {
                    report_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    element_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    category_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    form_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    period_start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    station_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    region_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    institution_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approved_cells", x => new { x.report_id, x.element_id, x.category_key });
                });

            migrationBuilder.CreateTable(
                name: "approved_totals",
                columns: table => new
                {
                    form_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    element_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    category_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    period_start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    institution_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    region_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    value = table.Column<long>(type: "INTEGER", nullable: false),
                    reports = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approved_totals", x => new { x.form_id, x.element_id, x.period_start, x.institution_id, x.region_id, x.category_key });
                });

            migrationBuilder.CreateTable(
                name: "exact_reads",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    what = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exact_reads", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "idempotency_records",
                columns: table => new
                {
                    caller = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    client_request_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    operation = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    payload_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    response = table.Column<byte[]>(type: "BLOB", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotency_records", x => new { x.caller, x.client_request_id });
                });

            migrationBuilder.CreateTable(
                name: "lock_exceptions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    station_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ends_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lock_exceptions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "report_events",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    report_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    revision = table.Column<int>(type: "INTEGER", nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    from_state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    to_state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    actor_role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    changes_json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_events", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "report_forms",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    period_type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    due_days = table.Column<int>(type: "INTEGER", nullable: false),
                    lock_days = table.Column<int>(type: "INTEGER", nullable: false),
                    reporting_unit_kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    element_count = table.Column<int>(type: "INTEGER", nullable: false),
                    definition_json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_forms", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    form_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    station_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    region_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    institution_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    period_start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    period_end = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    due_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    locks_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    revision = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false),
                    first_submitted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_submitted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    approved_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    review_comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    is_demonstration = table.Column<bool>(type: "INTEGER", nullable: false),
                    warnings_text = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "validation_rules",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    form_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    left = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    @operator = table.Column<string>(name: "operator", type: "TEXT", maxLength: 2, nullable: false),
                    right = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_validation_rules", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "report_values",
                columns: table => new
                {
                    report_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    element_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    category_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    number = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_values", x => new { x.report_id, x.element_id, x.category_key });
                    table.ForeignKey(
                        name: "FK_report_values_reports_report_id",
                        column: x => x.report_id,
                        principalTable: "reports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_approved_cells_form_id_element_id_period_start_category_key_station_id_value",
                table: "approved_cells",
                columns: new[] { "form_id", "element_id", "period_start", "category_key", "station_id", "value" });

            migrationBuilder.CreateIndex(
                name: "IX_approved_cells_station_id_form_id_element_id_period_start",
                table: "approved_cells",
                columns: new[] { "station_id", "form_id", "element_id", "period_start" });

            migrationBuilder.CreateIndex(
                name: "IX_lock_exceptions_station_id_ends_on",
                table: "lock_exceptions",
                columns: new[] { "station_id", "ends_on" });

            migrationBuilder.CreateIndex(
                name: "IX_report_events_report_id",
                table: "report_events",
                column: "report_id");

            migrationBuilder.CreateIndex(
                name: "IX_reports_form_id_state_period_start",
                table: "reports",
                columns: new[] { "form_id", "state", "period_start" });

            migrationBuilder.CreateIndex(
                name: "IX_reports_form_id_station_id_period_start",
                table: "reports",
                columns: new[] { "form_id", "station_id", "period_start" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reports_station_id_period_start",
                table: "reports",
                columns: new[] { "station_id", "period_start" });

            migrationBuilder.CreateIndex(
                name: "IX_validation_rules_form_id",
                table: "validation_rules",
                column: "form_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "approved_cells");

            migrationBuilder.DropTable(
                name: "approved_totals");

            migrationBuilder.DropTable(
                name: "exact_reads");

            migrationBuilder.DropTable(
                name: "idempotency_records");

            migrationBuilder.DropTable(
                name: "lock_exceptions");

            migrationBuilder.DropTable(
                name: "report_events");

            migrationBuilder.DropTable(
                name: "report_forms");

            migrationBuilder.DropTable(
                name: "report_values");

            migrationBuilder.DropTable(
                name: "validation_rules");

            migrationBuilder.DropTable(
                name: "reports");
        }
    }
}
