using System.Text.Json;
using GenderArchitecture.ServiceDefaults.Data;
using GenderArchitecture.Training.Domain;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Training.Data;

/// <summary>Adds the curricula of <c>seeds/training</c> that are missing; never changes existing rows.</summary>
public sealed class TrainingSeeder(IConfiguration configuration, ILogger<TrainingSeeder> logger) : IDatabaseSeeder<TrainingDbContext>
{
    public async Task SeedAsync(TrainingDbContext db, CancellationToken cancellationToken)
    {
        var folder = configuration["Seeds:Path"] ?? Path.Combine(AppContext.BaseDirectory, "seeds", "training");
        var file = Path.Combine(folder, "curricula.json");
        if (!File.Exists(file))
        {
            logger.LogWarning("No seed file at {File}", file);
            return;
        }
        await using var stream = File.OpenRead(file);
        var seed = await JsonSerializer.DeserializeAsync<CurriculaFile>(stream, JsonSerializerOptions.Web, cancellationToken)
            ?? throw new InvalidOperationException($"{file} is empty.");

        var existing = (await db.Curricula.Select(c => new { c.Code, c.Version }).ToListAsync(cancellationToken))
            .Select(c => (c.Code, c.Version)).ToHashSet();
        foreach (var c in seed.Curricula.Where(c => !existing.Contains((c.Code, c.Version))))
        {
            db.Curricula.Add(new Curriculum(c.Code, c.Title, c.Version, c.TotalHours, c.ValidityMonths));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record CurriculaFile(List<CurriculumSeed> Curricula);
    private sealed record CurriculumSeed(string Code, string Title, int Version, decimal TotalHours, int ValidityMonths);
}
