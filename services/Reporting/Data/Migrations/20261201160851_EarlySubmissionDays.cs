using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GenderArchitecture.Reporting.Data.Migrations
{
    /// <inheritdoc />
    public partial class EarlySubmissionDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "early_submission_days",
                table: "report_forms",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "early_submission_days",
                table: "report_forms");
        }
    }
}
