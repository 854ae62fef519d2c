using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GenderArchitecture.Structure.Data.SqliteMigrations
{
    /// <inheritdoc />
    public partial class FocalPointNoOverlap : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(FocalPointOverlap.SqliteUp);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(FocalPointOverlap.SqliteDown);
        }
    }
}
