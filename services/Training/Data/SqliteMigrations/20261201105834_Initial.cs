using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GenderArchitecture.Training.Data.SqliteMigrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "curricula",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InstitutionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Modules = table.Column<string>(type: "TEXT", nullable: false),
                    Audiences = table.Column<string>(type: "TEXT", nullable: false),
                    PrerequisiteCodes = table.Column<string>(type: "TEXT", nullable: false),
                    Mandates = table.Column<string>(type: "TEXT", nullable: false),
                    PassMark = table.Column<int>(type: "INTEGER", nullable: false),
                    MinimumAttendancePercent = table.Column<int>(type: "INTEGER", nullable: false),
                    ValidityMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    RecertificationWindowMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    Revision = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_curricula", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CurriculumId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstitutionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    Trainers = table.Column<string>(type: "TEXT", nullable: false),
                    EnrolledCount = table.Column<int>(type: "INTEGER", nullable: false),
                    WaitlistedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    LastWaitlistTicket = table.Column<long>(type: "INTEGER", nullable: false),
                    IsDemonstration = table.Column<bool>(type: "INTEGER", nullable: false),
                    Revision = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sessions_curricula_CurriculumId",
                        column: x => x.CurriculumId,
                        principalTable: "curricula",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "certificates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    VerificationCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    InstitutionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ServiceNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PersonId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    HolderName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CurriculumId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CurriculumCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CurriculumVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevocationReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Imported = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsDemonstration = table.Column<bool>(type: "INTEGER", nullable: false),
                    RequestId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Revision = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certificates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_certificates_curricula_CurriculumId",
                        column: x => x.CurriculumId,
                        principalTable: "curricula",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_certificates_sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "enrolments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstitutionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ServiceNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PersonId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Sex = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RankBand = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    WaitlistTicket = table.Column<long>(type: "INTEGER", nullable: false),
                    DaysAttended = table.Column<string>(type: "TEXT", nullable: false),
                    PreTestScore = table.Column<double>(type: "REAL", nullable: true),
                    PostTestScore = table.Column<double>(type: "REAL", nullable: true),
                    CertificateId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enrolments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_enrolments_sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_certificates_CurriculumCode_InstitutionId",
                table: "certificates",
                columns: new[] { "CurriculumCode", "InstitutionId" });

            migrationBuilder.CreateIndex(
                name: "IX_certificates_CurriculumId",
                table: "certificates",
                column: "CurriculumId");

            migrationBuilder.CreateIndex(
                name: "IX_certificates_InstitutionId_ServiceNumber",
                table: "certificates",
                columns: new[] { "InstitutionId", "ServiceNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_certificates_Number",
                table: "certificates",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_certificates_SessionId_InstitutionId_ServiceNumber",
                table: "certificates",
                columns: new[] { "SessionId", "InstitutionId", "ServiceNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_certificates_VerificationCode",
                table: "certificates",
                column: "VerificationCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_curricula_Code_Version",
                table: "curricula",
                columns: new[] { "Code", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_enrolments_InstitutionId_ServiceNumber",
                table: "enrolments",
                columns: new[] { "InstitutionId", "ServiceNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_enrolments_SessionId_InstitutionId_ServiceNumber",
                table: "enrolments",
                columns: new[] { "SessionId", "InstitutionId", "ServiceNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sessions_CurriculumId",
                table: "sessions",
                column: "CurriculumId");

            migrationBuilder.CreateIndex(
                name: "IX_sessions_InstitutionId_StartDate",
                table: "sessions",
                columns: new[] { "InstitutionId", "StartDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "certificates");

            migrationBuilder.DropTable(
                name: "enrolments");

            migrationBuilder.DropTable(
                name: "sessions");

            migrationBuilder.DropTable(
                name: "curricula");
        }
    }
}
