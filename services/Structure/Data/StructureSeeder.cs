using System.Text.Json;
using System.Text.Json.Serialization;
using GenderArchitecture.ServiceDefaults.Data;
using GenderArchitecture.Structure.Domain;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Structure.Data;

/// <summary>
/// Adds what <c>seeds/structure</c> holds and the database does not have yet: organisation units, rank catalogues,
/// gender bodies with their regulations, action plans; with <c>Seeds:Demo</c>, also the synthetic demonstration
/// members, meetings and decisions and the generated personnel and focal points. Existing rows are never touched,
/// so running it twice changes nothing and users' edits survive a restart.
/// </summary>
public sealed class StructureSeeder(IConfiguration configuration, OrganisationTreeCache treeCache, ILogger<StructureSeeder> logger)
    : IDatabaseSeeder<StructureDbContext>
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task SeedAsync(StructureDbContext db, CancellationToken cancellationToken)
    {
        var folder = configuration["Seeds:Path"] ?? Path.Combine(AppContext.BaseDirectory, "seeds", "structure");
        var demo = configuration.GetValue("Seeds:Demo", true);

        var units = await ReadAsync<UnitSeedFile>(Path.Combine(folder, "organisation-units.json"), cancellationToken);
        if (units is not null) await SeedUnitsAsync(db, units, cancellationToken);
        var ranks = await ReadAsync<RankSeedFile>(Path.Combine(folder, "ranks.json"), cancellationToken);
        if (ranks is not null) await SeedRanksAsync(db, ranks, cancellationToken);
        var bodies = await ReadAsync<BodySeedFile>(Path.Combine(folder, "bodies.json"), cancellationToken);
        if (bodies is not null) await BodySeeder.SeedAsync(db, bodies, demo, logger, cancellationToken);
        if (demo && units is not null) await DemoPersonnelGenerator.SeedAsync(db, units.Units.Select(u => u.Id).ToHashSet(), logger, cancellationToken);

        db.ChangeTracker.Clear();
        treeCache.Invalidate();
    }

    private async Task<T?> ReadAsync<T>(string file, CancellationToken cancellationToken) where T : class
    {
        if (!File.Exists(file))
        {
            logger.LogWarning("No seed file at {File}", file);
            return null;
        }
        await using var stream = File.OpenRead(file);
        return await JsonSerializer.DeserializeAsync<T>(stream, Json, cancellationToken)
            ?? throw new InvalidOperationException($"{file} is empty.");
    }

    private async Task SeedUnitsAsync(StructureDbContext db, UnitSeedFile seed, CancellationToken cancellationToken)
    {
        var existing = await db.OrganisationUnits.ToDictionaryAsync(u => u.Id, cancellationToken);
        var added = 0;
        foreach (var s in seed.Units)
        {
            if (existing.ContainsKey(s.Id)) continue;
            var parent = s.ParentId is null ? null : existing[s.ParentId];
            var unit = new OrganisationUnit(s.Id, s.Name, s.Kind, parent, s.OpenedOn, s.InstitutionType, s.ShortName);
            db.OrganisationUnits.Add(unit);
            existing[s.Id] = unit;
            added++;
        }
        await db.SaveChangesAsync(cancellationToken);
        if (added > 0) logger.LogInformation("Seeded {Count} organisation units", added);
    }

    private async Task SeedRanksAsync(StructureDbContext db, RankSeedFile seed, CancellationToken cancellationToken)
    {
        var existing = (await db.Ranks.Select(r => new { r.InstitutionId, r.Code }).ToListAsync(cancellationToken))
            .Select(r => (r.InstitutionId, r.Code)).ToHashSet();
        var institutions = await db.OrganisationUnits.Where(u => u.ParentId == null).Select(u => u.Id).ToListAsync(cancellationToken);
        var added = 0;
        foreach (var (institution, ranks) in seed.Institutions)
        {
            if (!institutions.Contains(institution)) continue;
            for (var i = 0; i < ranks.Count; i++)
            {
                if (existing.Contains((institution, ranks[i].Code))) continue;
                db.Ranks.Add(new Rank(institution, ranks[i].Code, ranks[i].Name, ranks[i].Band, i + 1));
                added++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        if (added > 0) logger.LogInformation("Seeded {Count} ranks", added);
    }

    internal sealed record UnitSeedFile(List<UnitSeed> Units);

    internal sealed record UnitSeed(string Id, string Name, string? ShortName, OrganisationUnitKind Kind, string? ParentId,
        InstitutionType? InstitutionType, DateOnly OpenedOn);

    internal sealed record RankSeedFile(Dictionary<string, List<RankSeed>> Institutions);

    internal sealed record RankSeed(string Code, string Name, RankBand Band);
}
