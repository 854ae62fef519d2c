-- Structure's database as the release of 2026-11-28 left it on disk: its SQLite schema, created by EnsureCreated (no migration
-- history), and rows a user entered. Frozen: never regenerate it from today's model - it stands for offices' files.

CREATE TABLE "organisation_units" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_organisation_units" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "ShortName" TEXT NULL,
    "Kind" TEXT NOT NULL,
    "ParentId" TEXT NULL,
    "InstitutionId" TEXT NOT NULL,
    "InstitutionType" TEXT NULL,
    "OpenedOn" TEXT NOT NULL,
    "ClosedOn" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_organisation_units_organisation_units_ParentId" FOREIGN KEY ("ParentId") REFERENCES "organisation_units" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "gender_bodies" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_gender_bodies" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "OwnerUnitId" TEXT NOT NULL,
    "Mandate" TEXT NOT NULL,
    "EstablishedOn" TEXT NOT NULL,
    "DissolvedOn" TEXT NULL,
    "Quorum" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_gender_bodies_organisation_units_OwnerUnitId" FOREIGN KEY ("OwnerUnitId") REFERENCES "organisation_units" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "ranks" (
    "InstitutionId" TEXT NOT NULL,
    "Code" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Band" TEXT NOT NULL,
    "Order" INTEGER NOT NULL,
    CONSTRAINT "PK_ranks" PRIMARY KEY ("InstitutionId", "Code"),
    CONSTRAINT "FK_ranks_organisation_units_InstitutionId" FOREIGN KEY ("InstitutionId") REFERENCES "organisation_units" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "action_plans" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_action_plans" PRIMARY KEY,
    "Title" TEXT NOT NULL,
    "OwnerUnitId" TEXT NOT NULL,
    "BodyId" TEXT NULL,
    "PeriodStart" TEXT NOT NULL,
    "PeriodEnd" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_action_plans_gender_bodies_BodyId" FOREIGN KEY ("BodyId") REFERENCES "gender_bodies" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_action_plans_organisation_units_OwnerUnitId" FOREIGN KEY ("OwnerUnitId") REFERENCES "organisation_units" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "meetings" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_meetings" PRIMARY KEY,
    "BodyId" TEXT NOT NULL,
    "PlannedOn" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "HeldOn" TEXT NULL,
    "Agenda" TEXT NOT NULL,
    "QuorumMet" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_meetings_gender_bodies_BodyId" FOREIGN KEY ("BodyId") REFERENCES "gender_bodies" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "regulations" (
    "BodyId" TEXT NOT NULL,
    "Number" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "AdoptedOn" TEXT NOT NULL,
    "Summary" TEXT NOT NULL,
    CONSTRAINT "PK_regulations" PRIMARY KEY ("BodyId", "Number"),
    CONSTRAINT "FK_regulations_gender_bodies_BodyId" FOREIGN KEY ("BodyId") REFERENCES "gender_bodies" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "personnel" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_personnel" PRIMARY KEY,
    "InstitutionId" TEXT NOT NULL,
    "ServiceNumber" TEXT NOT NULL,
    "GivenName" TEXT NOT NULL,
    "FamilyName" TEXT NOT NULL,
    "Sex" TEXT NOT NULL,
    "RankCode" TEXT NOT NULL,
    "Position" TEXT NULL,
    "UnitId" TEXT NOT NULL,
    "UnitSince" TEXT NOT NULL,
    "ServiceStart" TEXT NOT NULL,
    "ServiceEnd" TEXT NULL,
    "Community" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_personnel_organisation_units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "organisation_units" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_personnel_ranks_InstitutionId_RankCode" FOREIGN KEY ("InstitutionId", "RankCode") REFERENCES "ranks" ("InstitutionId", "Code") ON DELETE RESTRICT
);


CREATE TABLE "plan_actions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_plan_actions" PRIMARY KEY,
    "PlanId" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "ResponsibleUnitId" TEXT NOT NULL,
    "DueOn" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_plan_actions_action_plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "action_plans" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_plan_actions_organisation_units_ResponsibleUnitId" FOREIGN KEY ("ResponsibleUnitId") REFERENCES "organisation_units" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "decisions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_decisions" PRIMARY KEY,
    "BodyId" TEXT NOT NULL,
    "MeetingId" TEXT NOT NULL,
    "TakenOn" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "DueOn" TEXT NULL,
    "FollowUpStatus" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_decisions_meetings_MeetingId" FOREIGN KEY ("MeetingId") REFERENCES "meetings" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "body_members" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_body_members" PRIMARY KEY,
    "BodyId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Sex" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "RepresentedOrganisation" TEXT NOT NULL,
    "PersonId" TEXT NULL,
    "TermStart" TEXT NOT NULL,
    "TermEnd" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_body_members_gender_bodies_BodyId" FOREIGN KEY ("BodyId") REFERENCES "gender_bodies" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_body_members_personnel_PersonId" FOREIGN KEY ("PersonId") REFERENCES "personnel" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "focal_point_appointments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_focal_point_appointments" PRIMARY KEY,
    "UnitId" TEXT NOT NULL,
    "PersonId" TEXT NOT NULL,
    "StartOn" TEXT NOT NULL,
    "EndOn" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_focal_point_appointments_organisation_units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "organisation_units" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_focal_point_appointments_personnel_PersonId" FOREIGN KEY ("PersonId") REFERENCES "personnel" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "person_postings" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_person_postings" PRIMARY KEY,
    "PersonId" TEXT NOT NULL,
    "UnitId" TEXT NOT NULL,
    "From" TEXT NOT NULL,
    "To" TEXT NOT NULL,
    CONSTRAINT "FK_person_postings_organisation_units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "organisation_units" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_person_postings_personnel_PersonId" FOREIGN KEY ("PersonId") REFERENCES "personnel" ("Id") ON DELETE CASCADE
);


CREATE TABLE "progress_notes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_progress_notes" PRIMARY KEY,
    "ActionId" TEXT NOT NULL,
    "WrittenOn" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    CONSTRAINT "FK_progress_notes_plan_actions_ActionId" FOREIGN KEY ("ActionId") REFERENCES "plan_actions" ("Id") ON DELETE CASCADE
);


CREATE TABLE "meeting_attendance" (
    "MeetingId" TEXT NOT NULL,
    "MemberId" TEXT NOT NULL,
    CONSTRAINT "PK_meeting_attendance" PRIMARY KEY ("MeetingId", "MemberId"),
    CONSTRAINT "FK_meeting_attendance_body_members_MemberId" FOREIGN KEY ("MemberId") REFERENCES "body_members" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_meeting_attendance_meetings_MeetingId" FOREIGN KEY ("MeetingId") REFERENCES "meetings" ("Id") ON DELETE CASCADE
);


CREATE INDEX "IX_action_plans_BodyId" ON "action_plans" ("BodyId");


CREATE INDEX "IX_action_plans_OwnerUnitId" ON "action_plans" ("OwnerUnitId");


CREATE INDEX "IX_body_members_BodyId" ON "body_members" ("BodyId");


CREATE INDEX "IX_body_members_PersonId" ON "body_members" ("PersonId");


CREATE INDEX "IX_decisions_BodyId_TakenOn" ON "decisions" ("BodyId", "TakenOn");


CREATE INDEX "IX_decisions_MeetingId" ON "decisions" ("MeetingId");


CREATE INDEX "IX_focal_point_appointments_PersonId" ON "focal_point_appointments" ("PersonId");


CREATE INDEX "IX_focal_point_appointments_UnitId_StartOn" ON "focal_point_appointments" ("UnitId", "StartOn");


CREATE INDEX "IX_gender_bodies_OwnerUnitId" ON "gender_bodies" ("OwnerUnitId");


CREATE INDEX "IX_meeting_attendance_MemberId" ON "meeting_attendance" ("MemberId");


CREATE INDEX "IX_meetings_BodyId_PlannedOn" ON "meetings" ("BodyId", "PlannedOn");


CREATE INDEX "IX_organisation_units_InstitutionId_Kind" ON "organisation_units" ("InstitutionId", "Kind");


CREATE INDEX "IX_organisation_units_ParentId" ON "organisation_units" ("ParentId");


CREATE INDEX "IX_person_postings_PersonId_From" ON "person_postings" ("PersonId", "From");


CREATE INDEX "IX_person_postings_UnitId" ON "person_postings" ("UnitId");


CREATE INDEX "IX_personnel_InstitutionId_RankCode" ON "personnel" ("InstitutionId", "RankCode");


CREATE UNIQUE INDEX "IX_personnel_InstitutionId_ServiceNumber" ON "personnel" ("InstitutionId", "ServiceNumber");


CREATE INDEX "IX_personnel_UnitId" ON "personnel" ("UnitId");


CREATE INDEX "IX_plan_actions_PlanId" ON "plan_actions" ("PlanId");


CREATE INDEX "IX_plan_actions_ResponsibleUnitId" ON "plan_actions" ("ResponsibleUnitId");


CREATE INDEX "IX_progress_notes_ActionId" ON "progress_notes" ("ActionId");



-- entered by users of that release
INSERT INTO "organisation_units" ("Id", "Name", "ShortName", "Kind", "ParentId", "InstitutionId", "InstitutionType", "OpenedOn", "ClosedOn", "Version")
VALUES ('release1-institution', 'Institution registered in release 1', 'R1', 'Institution', NULL, 'release1-institution', 'Civilian', '2015-03-01', NULL, 2),
       ('release1-station', 'Station renamed by a user in release 1', NULL, 'Station', 'release1-institution', 'release1-institution', NULL, '2016-05-10', '2025-12-31', 4);
