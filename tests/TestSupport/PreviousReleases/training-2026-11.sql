-- Training's database as the release of 2026-11-28 left it on disk: its SQLite schema, created by EnsureCreated (no migration
-- history), and rows a user entered. Frozen: never regenerate it from today's model - it stands for offices' files.

CREATE TABLE "curricula" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_curricula" PRIMARY KEY,
    "Code" TEXT NOT NULL,
    "InstitutionId" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Modules" TEXT NOT NULL,
    "Audiences" TEXT NOT NULL,
    "PrerequisiteCodes" TEXT NOT NULL,
    "Mandates" TEXT NOT NULL,
    "PassMark" INTEGER NOT NULL,
    "MinimumAttendancePercent" INTEGER NOT NULL,
    "ValidityMonths" INTEGER NOT NULL,
    "RecertificationWindowMonths" INTEGER NOT NULL,
    "Revision" INTEGER NOT NULL
);


CREATE TABLE "sessions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_sessions" PRIMARY KEY,
    "CurriculumId" TEXT NOT NULL,
    "InstitutionId" TEXT NOT NULL,
    "Location" TEXT NOT NULL,
    "StartDate" TEXT NOT NULL,
    "EndDate" TEXT NOT NULL,
    "Capacity" INTEGER NOT NULL,
    "Trainers" TEXT NOT NULL,
    "EnrolledCount" INTEGER NOT NULL,
    "WaitlistedCount" INTEGER NOT NULL,
    "LastWaitlistTicket" INTEGER NOT NULL,
    "IsDemonstration" INTEGER NOT NULL,
    "Revision" INTEGER NOT NULL,
    CONSTRAINT "FK_sessions_curricula_CurriculumId" FOREIGN KEY ("CurriculumId") REFERENCES "curricula" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "certificates" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_certificates" PRIMARY KEY,
    "Number" TEXT NOT NULL,
    "VerificationCode" TEXT NOT NULL,
    "InstitutionId" TEXT NOT NULL,
    "ServiceNumber" TEXT NOT NULL,
    "PersonId" TEXT NOT NULL,
    "HolderName" TEXT NOT NULL,
    "CurriculumId" TEXT NOT NULL,
    "CurriculumCode" TEXT NOT NULL,
    "CurriculumVersion" INTEGER NOT NULL,
    "SessionId" TEXT NULL,
    "IssuedOn" TEXT NOT NULL,
    "ExpiresOn" TEXT NULL,
    "RevokedAt" TEXT NULL,
    "RevocationReason" TEXT NULL,
    "Imported" INTEGER NOT NULL,
    "IsDemonstration" INTEGER NOT NULL,
    "RequestId" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "Revision" INTEGER NOT NULL,
    CONSTRAINT "FK_certificates_curricula_CurriculumId" FOREIGN KEY ("CurriculumId") REFERENCES "curricula" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_certificates_sessions_SessionId" FOREIGN KEY ("SessionId") REFERENCES "sessions" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "enrolments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_enrolments" PRIMARY KEY,
    "SessionId" TEXT NOT NULL,
    "InstitutionId" TEXT NOT NULL,
    "ServiceNumber" TEXT NOT NULL,
    "PersonId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Sex" TEXT NOT NULL,
    "RankBand" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "WaitlistTicket" INTEGER NOT NULL,
    "DaysAttended" TEXT NOT NULL,
    "PreTestScore" REAL NULL,
    "PostTestScore" REAL NULL,
    "CertificateId" TEXT NULL,
    CONSTRAINT "FK_enrolments_sessions_SessionId" FOREIGN KEY ("SessionId") REFERENCES "sessions" ("Id") ON DELETE CASCADE
);


CREATE INDEX "IX_certificates_CurriculumCode_InstitutionId" ON "certificates" ("CurriculumCode", "InstitutionId");


CREATE INDEX "IX_certificates_CurriculumId" ON "certificates" ("CurriculumId");


CREATE INDEX "IX_certificates_InstitutionId_ServiceNumber" ON "certificates" ("InstitutionId", "ServiceNumber");


CREATE UNIQUE INDEX "IX_certificates_Number" ON "certificates" ("Number");


CREATE UNIQUE INDEX "IX_certificates_SessionId_InstitutionId_ServiceNumber" ON "certificates" ("SessionId", "InstitutionId", "ServiceNumber");


CREATE UNIQUE INDEX "IX_certificates_VerificationCode" ON "certificates" ("VerificationCode");


CREATE UNIQUE INDEX "IX_curricula_Code_Version" ON "curricula" ("Code", "Version");


CREATE INDEX "IX_enrolments_InstitutionId_ServiceNumber" ON "enrolments" ("InstitutionId", "ServiceNumber");


CREATE UNIQUE INDEX "IX_enrolments_SessionId_InstitutionId_ServiceNumber" ON "enrolments" ("SessionId", "InstitutionId", "ServiceNumber");


CREATE INDEX "IX_sessions_CurriculumId" ON "sessions" ("CurriculumId");


CREATE INDEX "IX_sessions_InstitutionId_StartDate" ON "sessions" ("InstitutionId", "StartDate");



-- entered by users of that release
INSERT INTO "curricula" ("Id", "Code", "InstitutionId", "Title", "Version", "Modules", "Audiences", "PrerequisiteCodes", "Mandates", "PassMark", "MinimumAttendancePercent", "ValidityMonths", "RecertificationWindowMonths", "Revision")
VALUES ('0193A1B2-0000-7000-8000-000000000001', 'REL1-GENDER', 'kp', 'Course written in release 1', 1, '[]', '[]', '[]', '[]', 70, 80, 36, 3, 2);
INSERT INTO "certificates" ("Id", "Number", "VerificationCode", "InstitutionId", "ServiceNumber", "PersonId", "HolderName", "CurriculumId", "CurriculumCode", "CurriculumVersion", "SessionId", "IssuedOn", "ExpiresOn", "RevokedAt", "RevocationReason", "Imported", "IsDemonstration", "RequestId", "CreatedAt", "Revision")
VALUES ('0193A1B2-0000-7000-8000-000000000002', 'KP-REL1-000001', 'REL1CODE0001', 'kp', 'KP-9001', 'person-release1', 'Holder From Release One', '0193A1B2-0000-7000-8000-000000000001', 'REL1-GENDER', 1, NULL, '2025-06-30', '2028-06-30', NULL, NULL, 1, 0, NULL, '2025-06-30 09:15:00', 1);
