-- Reporting's database as the release of 2026-11-28 left it on disk: its SQLite schema, created by EnsureCreated (no migration
-- history), and rows a user entered. Frozen: never regenerate it from today's model - it stands for offices' files.

CREATE TABLE "approved_cells" (
    "report_id" TEXT NOT NULL,
    "element_id" TEXT NOT NULL,
    "category_key" TEXT NOT NULL,
    "form_id" TEXT NOT NULL,
    "period_start" TEXT NOT NULL,
    "station_id" TEXT NOT NULL,
    "region_id" TEXT NOT NULL,
    "institution_id" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    CONSTRAINT "PK_approved_cells" PRIMARY KEY ("report_id", "element_id", "category_key")
);


CREATE TABLE "approved_totals" (
    "form_id" TEXT NOT NULL,
    "element_id" TEXT NOT NULL,
    "category_key" TEXT NOT NULL,
    "period_start" TEXT NOT NULL,
    "institution_id" TEXT NOT NULL,
    "region_id" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "reports" INTEGER NOT NULL,
    CONSTRAINT "PK_approved_totals" PRIMARY KEY ("form_id", "element_id", "period_start", "institution_id", "region_id", "category_key")
);


CREATE TABLE "exact_reads" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_exact_reads" PRIMARY KEY AUTOINCREMENT,
    "subject" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "what" TEXT NOT NULL,
    "at" TEXT NOT NULL
);


CREATE TABLE "idempotency_records" (
    "caller" TEXT NOT NULL,
    "client_request_id" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "payload_hash" TEXT NOT NULL,
    "response" BLOB NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "PK_idempotency_records" PRIMARY KEY ("caller", "client_request_id")
);


CREATE TABLE "lock_exceptions" (
    "id" TEXT NOT NULL CONSTRAINT "PK_lock_exceptions" PRIMARY KEY,
    "station_id" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "ends_on" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TEXT NOT NULL
);


CREATE TABLE "report_events" (
    "sequence" INTEGER NOT NULL CONSTRAINT "PK_report_events" PRIMARY KEY AUTOINCREMENT,
    "report_id" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "from_state" TEXT NOT NULL,
    "to_state" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    "reason" TEXT NULL,
    "changes_json" TEXT NOT NULL
);


CREATE TABLE "report_forms" (
    "id" TEXT NOT NULL CONSTRAINT "PK_report_forms" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "period_type" TEXT NOT NULL,
    "due_days" INTEGER NOT NULL,
    "lock_days" INTEGER NOT NULL,
    "reporting_unit_kind" TEXT NOT NULL,
    "element_count" INTEGER NOT NULL,
    "definition_json" TEXT NOT NULL
);


CREATE TABLE "reports" (
    "id" TEXT NOT NULL CONSTRAINT "PK_reports" PRIMARY KEY,
    "form_id" TEXT NOT NULL,
    "station_id" TEXT NOT NULL,
    "region_id" TEXT NOT NULL,
    "institution_id" TEXT NOT NULL,
    "period_start" TEXT NOT NULL,
    "period_end" TEXT NOT NULL,
    "due_on" TEXT NOT NULL,
    "locks_on" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "first_submitted_at" TEXT NULL,
    "last_submitted_at" TEXT NULL,
    "approved_at" TEXT NULL,
    "review_comment" TEXT NULL,
    "is_demonstration" INTEGER NOT NULL,
    "warnings_text" TEXT NOT NULL
);


CREATE TABLE "validation_rules" (
    "id" TEXT NOT NULL CONSTRAINT "PK_validation_rules" PRIMARY KEY,
    "form_id" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "left" TEXT NOT NULL,
    "operator" TEXT NOT NULL,
    "right" TEXT NOT NULL
);


CREATE TABLE "report_values" (
    "report_id" TEXT NOT NULL,
    "element_id" TEXT NOT NULL,
    "category_key" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "number" INTEGER NULL,
    CONSTRAINT "PK_report_values" PRIMARY KEY ("report_id", "element_id", "category_key"),
    CONSTRAINT "FK_report_values_reports_report_id" FOREIGN KEY ("report_id") REFERENCES "reports" ("id") ON DELETE CASCADE
);


CREATE INDEX "IX_approved_cells_form_id_element_id_period_start_category_key_station_id_value" ON "approved_cells" ("form_id", "element_id", "period_start", "category_key", "station_id", "value");


CREATE INDEX "IX_approved_cells_station_id_form_id_element_id_period_start" ON "approved_cells" ("station_id", "form_id", "element_id", "period_start");


CREATE INDEX "IX_lock_exceptions_station_id_ends_on" ON "lock_exceptions" ("station_id", "ends_on");


CREATE INDEX "IX_report_events_report_id" ON "report_events" ("report_id");


CREATE INDEX "IX_reports_form_id_state_period_start" ON "reports" ("form_id", "state", "period_start");


CREATE UNIQUE INDEX "IX_reports_form_id_station_id_period_start" ON "reports" ("form_id", "station_id", "period_start");


CREATE INDEX "IX_reports_station_id_period_start" ON "reports" ("station_id", "period_start");


CREATE INDEX "IX_validation_rules_form_id" ON "validation_rules" ("form_id");



-- entered by users of that release
INSERT INTO "lock_exceptions" ("id", "station_id", "reason", "ends_on", "created_by", "created_at")
VALUES ('6F9619FF-8B86-D011-B42D-00C04FC964FF', 'kp-station-prishtina', 'Granted in release 1: flood in the station', '2026-01-31', 'admin-release1', '2025-12-01 08:00:00');
INSERT INTO "exact_reads" ("subject", "role", "what", "at")
VALUES ('analyst-release1', 'analyst', 'aggregates kp 2025', '2025-12-02 10:30:00');
