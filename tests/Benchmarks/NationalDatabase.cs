using System.Diagnostics;
using System.Security.Cryptography;
using GenderArchitecture.Reporting.Data;
using GenderArchitecture.Reporting.Domain;
using GenderArchitecture.Reporting.Statistics;
using GenderArchitecture.Reporting.Units;
using GenderArchitecture.ServiceDefaults.Disclosure;
using GenderArchitecture.Structure.V1;
using Grpc.Net.Client;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace GenderArchitecture.Benchmarks;

/// <summary>
/// A national SQLite database: 10 years x 12 months x 1,000 stations of approved station reports (about 120,000
/// reports and 2 million values, plus their summary rows), written through Reporting's own DbContext, seeder and
/// bulk writer. Generated once and cached in the temp folder; delete the file to regenerate.
/// </summary>
public static class NationalDatabase
{
    public const int Stations = 1000;
    public const int Regions = 40;
    public const int Years = 10;
    public static readonly DateOnly FirstPeriod = new(2016, 1, 1);
    public static readonly string File = Path.Combine(Path.GetTempPath(), "genderarchitecture-bench-national-v3.db");

    public static ReportingDbContext Open() =>
        new(new DbContextOptionsBuilder<ReportingDbContext>().UseSqlite($"Data Source={File}").Options);

    public static async Task EnsureAsync()
    {
        if (System.IO.File.Exists(File)) return;
        var building = File + ".building";
        System.IO.File.Delete(building);
        var watch = Stopwatch.StartNew();
        await using (var db = new ReportingDbContext(new DbContextOptionsBuilder<ReportingDbContext>().UseSqlite($"Data Source={building}").Options))
        {
            await db.Database.EnsureCreatedAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Seeds:Demo"] = "false" }).Build();
            // Structure is never asked: demonstration data is off and the stations are made up here.
            var units = new UnitDirectory(new StructureService.StructureServiceClient(GrpcChannel.ForAddress("http://localhost:1")), new MemoryCache(new MemoryCacheOptions()));
            // Any key will do for a benchmark: it only times the reads.
            var protection = new BaseCellProtection(new DisclosureControl(new SmallCountRounding(RandomNumberGenerator.GetBytes(32), 5)));
            await new ReportingSeeder(configuration, units, protection, TimeProvider.System, NullLogger<ReportingSeeder>.Instance).SeedAsync(db, CancellationToken.None);

            var form = await db.Forms.AsNoTracking().SingleAsync(f => f.Id == "station-monthly");
            var stations = Enumerable.Range(1, Stations).Select(i => new DemoStation(
                $"bench-station-{i:0000}", $"bench-region-{i % Regions:00}", i % 10 == 0 ? "kpc" : "kp")).ToList();
            var periods = Period.Starts(PeriodType.Monthly, FirstPeriod, FirstPeriod.AddYears(Years).AddDays(-1)).ToList();
            var reports = await DemoData.WriteAsync(db, form, protection, DemoData.Generate(form, stations, periods,
                new DemoOptions(new DateOnly(2030, 1, 1), Seed: 2026, AllApproved: true)), CancellationToken.None, batchSize: 5000);
            var values = await db.Values.LongCountAsync();
            Console.WriteLine($"Generated {reports:N0} reports and {values:N0} values in {watch.Elapsed.TotalSeconds:0.0} s: {File}");
        }
        SqliteConnection.ClearAllPools();
        System.IO.File.Move(building, File);
        foreach (var suffix in new[] { "-wal", "-shm" }) System.IO.File.Delete(building + suffix);
    }
}
