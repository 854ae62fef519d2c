using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GenderArchitecture.Reporting.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProtectedBaseCells : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "protected_value",
                table: "approved_totals",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "protected_value",
                table: "approved_totals");
        }
    }
}
