using System.Text.Json;
using System.Text.Json.Serialization;
using GenderArchitecture.ServiceDefaults.Data;
using GenderArchitecture.Training.Clients;
using GenderArchitecture.Training.Domain;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Training.Data;

/// <summary>
/// Adds the curricula of <c>seeds/training</c> that are missing (never changes existing rows) and, when
/// <c>Seeds:Demo</c> is true, a synthetic history of sessions and certificates for the personnel Structure holds.
/// </summary>
public sealed class TrainingSeeder(IConfiguration configuration, StructureDirectory structure, TimeProvider time, ILogger<TrainingSeeder> logger)
    : IDatabaseSeeder<TrainingDbContext>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task SeedAsync(TrainingDbContext db, CancellationToken cancellationToken)
    {
        var folder = configuration["Seeds:Path"] ?? Path.Combine(AppContext.BaseDirectory, "seeds", "training");
        var file = Path.Combine(folder, "curricula.json");
        if (!File.Exists(file))
        {
            logger.LogWarning("No seed file at {File}", file);
            return;
        }
        await using (var stream = File.OpenRead(file))
        {
            var seed = await JsonSerializer.DeserializeAsync<CurriculaFile>(stream, Json, cancellationToken)
                ?? throw new InvalidOperationException($"{file} is empty.");
            var existing = (await db.Curricula.Select(c => new { c.Code, c.Version }).ToListAsync(cancellationToken))
                .Select(c => (c.Code, c.Version)).ToHashSet();
            foreach (var c in seed.Curricula.Where(c => !existing.Contains((c.Code, c.Version))))
            {
                db.Curricula.Add(new Curriculum(c.Code, c.InstitutionId, c.Version, new CurriculumContent(c.Title, c.Modules, c.Audiences,
                    c.PrerequisiteCodes, c.PassMark, c.MinimumAttendancePercent, c.ValidityMonths, c.RecertificationWindowMonths, c.Mandates)));
            }
            await db.SaveChangesAsync(cancellationToken);
        }

        if (configuration.GetValue("Seeds:Demo", false)) await SeedDemoHistoryAsync(db, cancellationToken);
    }

    /// <summary>
    /// Synthetic demonstration data: sessions and certificates for the officers Structure lists today. Generated once
    /// (skipped when any demonstration certificate exists); when Structure cannot be reached it is skipped with a
    /// warning and tried again at the next start.
    /// </summary>
    private async Task SeedDemoHistoryAsync(TrainingDbContext db, CancellationToken ct)
    {
        if (await db.Certificates.AnyAsync(c => c.IsDemonstration, ct)) return;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var started = time.GetTimestamp();
        var personnel = new Dictionary<string, IReadOnlyList<Officer>>();
        foreach (var root in DemoHistory.Institutions)
        {
            try
            {
                personnel[root] = await structure.ListPersonnelAsync(root, today, ct);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                logger.LogInformation("Structure has no unit '{Root}'; no demonstration training history for it", root);
            }
            catch (RpcException e)
            {
                logger.LogWarning("Structure could not be reached ({Status}: {Detail}); demonstration training history skipped, it is retried at the next start",
                    e.StatusCode, e.Status.Detail);
                return;
            }
        }
        if (personnel.Values.Sum(p => p.Count) == 0)
        {
            logger.LogWarning("Structure lists no personnel yet; demonstration training history skipped, it is retried at the next start");
            return;
        }

        var fetched = time.GetElapsedTime(started);
        var curricula = await db.Curricula.ToListAsync(ct);
        var history = DemoHistory.Generate(personnel, curricula, today);
        var generated = time.GetElapsedTime(started);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Sessions.AddRange(history.Sessions);
        db.Enrolments.AddRange(history.Enrolments);
        db.Certificates.AddRange(history.Certificates);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        logger.LogInformation(
            "Seeded synthetic demonstration training history for {Personnel} officers: {Sessions} sessions, {Enrolments} enrolments, {Certificates} certificates " +
            "(personnel read in {Read} ms, generated in {Generated} ms, written in {Written} ms)",
            personnel.Values.Sum(p => p.Count), history.Sessions.Count, history.Enrolments.Count, history.Certificates.Count,
            (int)fetched.TotalMilliseconds, (int)(generated - fetched).TotalMilliseconds, (int)(time.GetElapsedTime(started) - generated).TotalMilliseconds);
    }

    private sealed record CurriculaFile(List<CurriculumSeed> Curricula);

    private sealed record CurriculumSeed(string Code, string InstitutionId, string Title, int Version, List<CurriculumModule> Modules,
        List<Audience> Audiences, List<string> PrerequisiteCodes, int PassMark, int MinimumAttendancePercent, int ValidityMonths,
        int RecertificationWindowMonths, List<Mandate> Mandates);
}
