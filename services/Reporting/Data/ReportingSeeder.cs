using System.Text.Json;
using System.Text.Json.Serialization;
using GenderArchitecture.Reporting.Domain;
using GenderArchitecture.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Reporting.Data;

/// <summary>Adds the forms of <c>seeds/reporting</c> that are missing; never changes existing rows.</summary>
public sealed class ReportingSeeder(IConfiguration configuration, ILogger<ReportingSeeder> logger) : IDatabaseSeeder<ReportingDbContext>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task SeedAsync(ReportingDbContext db, CancellationToken cancellationToken)
    {
        var folder = configuration["Seeds:Path"] ?? Path.Combine(AppContext.BaseDirectory, "seeds", "reporting");
        var file = Path.Combine(folder, "forms.json");
        if (!File.Exists(file))
        {
            logger.LogWarning("No seed file at {File}", file);
            return;
        }
        await using var stream = File.OpenRead(file);
        var seed = await JsonSerializer.DeserializeAsync<FormsFile>(stream, Json, cancellationToken)
            ?? throw new InvalidOperationException($"{file} is empty.");

        var existing = await db.Forms.Select(f => f.Id).ToHashSetAsync(cancellationToken);
        foreach (var f in seed.Forms.Where(f => !existing.Contains(f.Id)))
        {
            db.Forms.Add(new ReportForm(f.Id, f.Name, f.PeriodType, f.DueDays, f.Elements.Count));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record FormsFile(List<FormSeed> Forms);
    private sealed record FormSeed(string Id, string Name, PeriodType PeriodType, int DueDays, List<string> Elements);
}
