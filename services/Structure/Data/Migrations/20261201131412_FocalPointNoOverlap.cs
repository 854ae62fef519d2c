using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GenderArchitecture.Structure.Data.Migrations
{
    /// <inheritdoc />
    public partial class FocalPointNoOverlap : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(FocalPointOverlap.PostgresUp);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(FocalPointOverlap.PostgresDown);
        }
    }
}
