using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GenderArchitecture.Reporting.Data.SqliteMigrations
{
    /// <inheritdoc />
    public partial class SharedIdempotencyRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "expires_at",
                table: "idempotency_records",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            // Answers kept before records expired get the default retention from when they were made.
            migrationBuilder.Sql("UPDATE idempotency_records SET expires_at = strftime('%Y-%m-%d %H:%M:%f', created_at, '+1 day');");

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_records_expires_at",
                table: "idempotency_records",
                column: "expires_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_idempotency_records_expires_at",
                table: "idempotency_records");

            migrationBuilder.DropColumn(
                name: "expires_at",
                table: "idempotency_records");
        }
    }
}
