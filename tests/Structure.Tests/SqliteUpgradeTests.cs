using GenderArchitecture.Structure.Data;
using GenderArchitecture.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Structure.Tests;

public sealed class SqliteUpgradeTests
{
    [Fact]
    public Task A_database_of_the_previous_release_is_migrated_with_its_data_intact() =>
        PreviousReleaseUpgrade.UpgradesWithDataIntactAsync<Program, StructureSqliteDbContext>("Structure", "structure-2026-11.sql", async services =>
        {
            var station = await services.GetRequiredService<StructureDbContext>().OrganisationUnits.SingleAsync(u => u.Id == "release1-station");
            Assert.Equal("Station renamed by a user in release 1", station.Name);
            Assert.Equal(4, station.Version);
        });
}
