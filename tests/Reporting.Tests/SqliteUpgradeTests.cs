using GenderArchitecture.Reporting.Data;
using GenderArchitecture.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Reporting.Tests;

public sealed class SqliteUpgradeTests
{
    [Fact]
    public Task A_database_of_the_previous_release_is_migrated_with_its_data_intact() =>
        PreviousReleaseUpgrade.UpgradesWithDataIntactAsync<Program, ReportingSqliteDbContext>("Reporting", "reporting-2026-11.sql", async services =>
        {
            var db = services.GetRequiredService<ReportingDbContext>();
            var exception = await db.LockExceptions.SingleAsync(e => e.StationId == "kp-station-prishtina");
            Assert.Equal("Granted in release 1: flood in the station", exception.Reason);
            // The previous release's exact reads moved into the append-only audit.
            var read = await db.Set<GenderArchitecture.ServiceDefaults.Audit.AuditEvent>().SingleAsync(e => e.Action == "exact_read");
            Assert.Equal(("analyst-release1", "reporting"), (read.Actor, read.Service));
        }, movedTables: ["exact_reads"]);
}
