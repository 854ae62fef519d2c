using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GenderArchitecture.Structure.Data;

/// <summary>
/// One focal point per unit at a time, kept by the database itself so it holds across replicas and against any
/// writer: an exclusion constraint on PostgreSQL (a unit's half-open date ranges [start, end) may not overlap; no
/// end is open-ended), triggers on SQLite (one writer at a time, so a check before the row lands is enough).
/// Created by the migrations named FocalPointNoOverlap of both sets.
/// </summary>
public static class FocalPointOverlap
{
    public const string Constraint = "ex_focal_point_appointments_no_overlap";
    private const string SqliteMessage = "focal_point_appointments: an overlapping appointment of the unit exists";

    public const string PostgresUp = $"""
        CREATE EXTENSION IF NOT EXISTS btree_gist;
        ALTER TABLE focal_point_appointments ADD CONSTRAINT {Constraint}
          EXCLUDE USING gist ("UnitId" WITH =, daterange("StartOn", "EndOn", '[)') WITH &&);
        """;

    public const string PostgresDown = $"ALTER TABLE focal_point_appointments DROP CONSTRAINT IF EXISTS {Constraint};";

    private const string SqliteOverlapOf = """
        EXISTS (SELECT 1 FROM focal_point_appointments a
                WHERE a.UnitId = NEW.UnitId AND a.Id <> NEW.Id
                  AND (NEW.EndOn IS NULL OR a.StartOn < NEW.EndOn) AND (a.EndOn IS NULL OR NEW.StartOn < a.EndOn))
        """;

    public const string SqliteUp = $"""
        CREATE TRIGGER focal_point_appointments_no_overlap_insert BEFORE INSERT ON focal_point_appointments
        WHEN {SqliteOverlapOf}
        BEGIN SELECT RAISE(ABORT, '{SqliteMessage}'); END;
        CREATE TRIGGER focal_point_appointments_no_overlap_update BEFORE UPDATE OF UnitId, StartOn, EndOn ON focal_point_appointments
        WHEN {SqliteOverlapOf}
        BEGIN SELECT RAISE(ABORT, '{SqliteMessage}'); END;
        """;

    public const string SqliteDown = """
        DROP TRIGGER IF EXISTS focal_point_appointments_no_overlap_insert;
        DROP TRIGGER IF EXISTS focal_point_appointments_no_overlap_update;
        """;

    public static bool IsViolation(DbUpdateException error) => error.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.ExclusionViolation && pg.ConstraintName == Constraint,
        SqliteException sqlite => sqlite.Message.Contains(SqliteMessage, StringComparison.Ordinal),
        _ => false,
    };
}
