using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GenderArchitecture.Structure.Data.SqliteMigrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "organisation_units",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ShortName = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ParentId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    InstitutionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InstitutionType = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    OpenedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_organisation_units", x => x.Id);
                    table.ForeignKey(
                        name: "FK_organisation_units_organisation_units_ParentId",
                        column: x => x.ParentId,
                        principalTable: "organisation_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "gender_bodies",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    OwnerUnitId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Mandate = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    EstablishedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DissolvedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Quorum = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gender_bodies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_gender_bodies_organisation_units_OwnerUnitId",
                        column: x => x.OwnerUnitId,
                        principalTable: "organisation_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ranks",
                columns: table => new
                {
                    InstitutionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Band = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ranks", x => new { x.InstitutionId, x.Code });
                    table.ForeignKey(
                        name: "FK_ranks_organisation_units_InstitutionId",
                        column: x => x.InstitutionId,
                        principalTable: "organisation_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "action_plans",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OwnerUnitId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    BodyId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_action_plans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_action_plans_gender_bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "gender_bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_action_plans_organisation_units_OwnerUnitId",
                        column: x => x.OwnerUnitId,
                        principalTable: "organisation_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "meetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BodyId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PlannedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Agenda = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    QuorumMet = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meetings_gender_bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "gender_bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "regulations",
                columns: table => new
                {
                    BodyId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AdoptedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_regulations", x => new { x.BodyId, x.Number });
                    table.ForeignKey(
                        name: "FK_regulations_gender_bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "gender_bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "personnel",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstitutionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ServiceNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    GivenName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FamilyName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Sex = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    RankCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Position = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    UnitId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UnitSince = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ServiceStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ServiceEnd = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Community = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_personnel", x => x.Id);
                    table.ForeignKey(
                        name: "FK_personnel_organisation_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "organisation_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_personnel_ranks_InstitutionId_RankCode",
                        columns: x => new { x.InstitutionId, x.RankCode },
                        principalTable: "ranks",
                        principalColumns: new[] { "InstitutionId", "Code" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "plan_actions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ResponsibleUnitId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_actions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plan_actions_action_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "action_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_plan_actions_organisation_units_ResponsibleUnitId",
                        column: x => x.ResponsibleUnitId,
                        principalTable: "organisation_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BodyId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TakenOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FollowUpStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_decisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_decisions_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "body_members",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BodyId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Sex = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RepresentedOrganisation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TermStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TermEnd = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_body_members", x => x.Id);
                    table.ForeignKey(
                        name: "FK_body_members_gender_bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "gender_bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_body_members_personnel_PersonId",
                        column: x => x.PersonId,
                        principalTable: "personnel",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "focal_point_appointments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_focal_point_appointments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_focal_point_appointments_organisation_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "organisation_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_focal_point_appointments_personnel_PersonId",
                        column: x => x.PersonId,
                        principalTable: "personnel",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "person_postings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_person_postings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_person_postings_organisation_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "organisation_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_person_postings_personnel_PersonId",
                        column: x => x.PersonId,
                        principalTable: "personnel",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "progress_notes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WrittenOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_progress_notes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_progress_notes_plan_actions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "plan_actions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meeting_attendance",
                columns: table => new
                {
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meeting_attendance", x => new { x.MeetingId, x.MemberId });
                    table.ForeignKey(
                        name: "FK_meeting_attendance_body_members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "body_members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_meeting_attendance_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_action_plans_BodyId",
                table: "action_plans",
                column: "BodyId");

            migrationBuilder.CreateIndex(
                name: "IX_action_plans_OwnerUnitId",
                table: "action_plans",
                column: "OwnerUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_body_members_BodyId",
                table: "body_members",
                column: "BodyId");

            migrationBuilder.CreateIndex(
                name: "IX_body_members_PersonId",
                table: "body_members",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_decisions_BodyId_TakenOn",
                table: "decisions",
                columns: new[] { "BodyId", "TakenOn" });

            migrationBuilder.CreateIndex(
                name: "IX_decisions_MeetingId",
                table: "decisions",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_focal_point_appointments_PersonId",
                table: "focal_point_appointments",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_focal_point_appointments_UnitId_StartOn",
                table: "focal_point_appointments",
                columns: new[] { "UnitId", "StartOn" });

            migrationBuilder.CreateIndex(
                name: "IX_gender_bodies_OwnerUnitId",
                table: "gender_bodies",
                column: "OwnerUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_meeting_attendance_MemberId",
                table: "meeting_attendance",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_meetings_BodyId_PlannedOn",
                table: "meetings",
                columns: new[] { "BodyId", "PlannedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_organisation_units_InstitutionId_Kind",
                table: "organisation_units",
                columns: new[] { "InstitutionId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_organisation_units_ParentId",
                table: "organisation_units",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_person_postings_PersonId_From",
                table: "person_postings",
                columns: new[] { "PersonId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_person_postings_UnitId",
                table: "person_postings",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_personnel_InstitutionId_RankCode",
                table: "personnel",
                columns: new[] { "InstitutionId", "RankCode" });

            migrationBuilder.CreateIndex(
                name: "IX_personnel_InstitutionId_ServiceNumber",
                table: "personnel",
                columns: new[] { "InstitutionId", "ServiceNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_personnel_UnitId",
                table: "personnel",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_plan_actions_PlanId",
                table: "plan_actions",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_plan_actions_ResponsibleUnitId",
                table: "plan_actions",
                column: "ResponsibleUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_progress_notes_ActionId",
                table: "progress_notes",
                column: "ActionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "decisions");

            migrationBuilder.DropTable(
                name: "focal_point_appointments");

            migrationBuilder.DropTable(
                name: "meeting_attendance");

            migrationBuilder.DropTable(
                name: "person_postings");

            migrationBuilder.DropTable(
                name: "progress_notes");

            migrationBuilder.DropTable(
                name: "regulations");

            migrationBuilder.DropTable(
                name: "body_members");

            migrationBuilder.DropTable(
                name: "meetings");

            migrationBuilder.DropTable(
                name: "plan_actions");

            migrationBuilder.DropTable(
                name: "personnel");

            migrationBuilder.DropTable(
                name: "action_plans");

            migrationBuilder.DropTable(
                name: "ranks");

            migrationBuilder.DropTable(
                name: "gender_bodies");

            migrationBuilder.DropTable(
                name: "organisation_units");
        }
    }
}
