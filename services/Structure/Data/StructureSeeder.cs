using System.Text.Json;
using System.Text.Json.Serialization;
using GenderArchitecture.ServiceDefaults.Data;
using GenderArchitecture.Structure.Domain;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Structure.Data;

/// <summary>
/// Adds the structures in <c>seeds/structure</c> that the database does not have yet. Existing rows are never
/// touched, so running it twice changes nothing and users' edits survive a restart.
/// </summary>
public sealed class StructureSeeder(IConfiguration configuration, ILogger<StructureSeeder> logger) : IDatabaseSeeder<StructureDbContext>
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task SeedAsync(StructureDbContext db, CancellationToken cancellationToken)
    {
        var folder = configuration["Seeds:Path"] ?? Path.Combine(AppContext.BaseDirectory, "seeds", "structure");
        var file = Path.Combine(folder, "organisation-units.json");
        if (!File.Exists(file))
        {
            logger.LogWarning("No seed file at {File}", file);
            return;
        }

        await using var stream = File.OpenRead(file);
        var seed = await JsonSerializer.DeserializeAsync<UnitSeedFile>(stream, Json, cancellationToken)
            ?? throw new InvalidOperationException($"{file} is empty.");

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

    private sealed record UnitSeedFile(List<UnitSeed> Units);

    private sealed record UnitSeed(string Id, string Name, string? ShortName, OrganisationUnitKind Kind, string? ParentId,
        InstitutionType? InstitutionType, DateOnly OpenedOn);
}
