using GenderArchitecture.TestSupport;
using GenderArchitecture.Training.Data;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Training.Tests;

public sealed class SqliteUpgradeTests
{
    [Fact]
    public Task A_database_of_the_previous_release_is_migrated_with_its_data_intact() =>
        PreviousReleaseUpgrade.UpgradesWithDataIntactAsync<Program, TrainingSqliteDbContext>("Training", "training-2026-11.sql", async services =>
        {
            var db = services.GetRequiredService<TrainingDbContext>();
            var certificate = await db.Certificates.SingleAsync(c => c.Number == "KP-REL1-000001");
            Assert.Equal("Holder From Release One", certificate.HolderName);
            Assert.Equal("Course written in release 1", (await db.Curricula.SingleAsync(c => c.Code == "REL1-GENDER")).Title);
        });
}
