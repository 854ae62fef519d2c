using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GenderArchitecture.Reporting.Data.SqliteMigrations
{
    /// <inheritdoc />
    public partial class LockExceptionPeriods : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "form_id",
                table: "lock_exceptions",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "period_from",
                table: "lock_exceptions",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<DateOnly>(
                name: "period_to",
                table: "lock_exceptions",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<string>(
                name: "withdrawal_reason",
                table: "lock_exceptions",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "withdrawn_at",
                table: "lock_exceptions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "withdrawn_by",
                table: "lock_exceptions",
                type: "TEXT",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "form_id",
                table: "lock_exceptions");

            migrationBuilder.DropColumn(
                name: "period_from",
                table: "lock_exceptions");

            migrationBuilder.DropColumn(
                name: "period_to",
                table: "lock_exceptions");

            migrationBuilder.DropColumn(
                name: "withdrawal_reason",
                table: "lock_exceptions");

            migrationBuilder.DropColumn(
                name: "withdrawn_at",
                table: "lock_exceptions");

            migrationBuilder.DropColumn(
                name: "withdrawn_by",
                table: "lock_exceptions");
        }
    }
}
