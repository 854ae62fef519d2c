using System.Text.Json;
using System.Text.Json.Serialization;
using GenderArchitecture.Reporting.Domain;
using GenderArchitecture.Reporting.Statistics;
using GenderArchitecture.Reporting.Units;
using GenderArchitecture.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Reporting.Data;

/// <summary>
/// Adds the forms and validation rules of <c>seeds/reporting</c> that are missing (and elements a seed adds to an
/// existing form); never changes or removes what exists. With <c>Seeds:Demo</c> it also generates synthetic
/// demonstration reports for the stations Structure knows, once.
/// </summary>
public sealed class ReportingSeeder(IConfiguration configuration, UnitDirectory units, BaseCellProtection protection, TimeProvider time,
    ILogger<ReportingSeeder> logger)
    : IDatabaseSeeder<ReportingDbContext>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    public const int DemoMonths = 24;

    public async Task SeedAsync(ReportingDbContext db, CancellationToken cancellationToken)
    {
        var folder = configuration["Seeds:Path"] ?? Path.Combine(AppContext.BaseDirectory, "seeds", "reporting");
        var forms = await ReadAsync<FormsFile>(Path.Combine(folder, "forms.json"), cancellationToken);
        var rules = await ReadAsync<RulesFile>(Path.Combine(folder, "validation-rules.json"), cancellationToken);
        if (forms is null) return;

        var existing = await db.Forms.ToDictionaryAsync(f => f.Id, cancellationToken);
        foreach (var f in forms.Forms)
        {
            var definition = new FormDefinition(f.Elements.Select(e => new DataElement(e.Id, e.Name, e.Disaggregations)).ToList(),
                forms.Categories.Where(c => f.Elements.Any(e => e.Disaggregations?.Any(d => d.Contains(c.Id)) == true)).ToList());
            if (existing.TryGetValue(f.Id, out var form))
            {
                if (form.AddMissingElements(definition)) logger.LogInformation("Form {Form}: elements added from the seed", f.Id);
                continue;
            }
            db.Forms.Add(new ReportForm(f.Id, f.Name, f.PeriodType, f.DueDays, f.LockDays, f.ReportingUnitKind, definition));
        }
        await db.SaveChangesAsync(cancellationToken);

        if (rules is not null)
        {
            var known = await db.Rules.Select(r => r.Id).ToHashSetAsync(cancellationToken);
            var allForms = await db.Forms.AsNoTracking().ToDictionaryAsync(f => f.Id, cancellationToken);
            foreach (var r in rules.Rules.Where(r => !known.Contains(r.Id)))
            {
                var rule = new ValidationRule(r.Id, r.FormId, r.Description, r.Left, r.Operator, r.Right);
                // A rule naming an unknown element is a seed error: fail at start-up, not at the first submission.
                var form = allForms.GetValueOrDefault(r.FormId) ?? throw new InvalidOperationException($"Rule {r.Id} names unknown form {r.FormId}.");
                foreach (var term in rule.LeftTerms.Concat(rule.RightTerms)) RuleEvaluator.Cells(form.Definition, term);
                db.Rules.Add(rule);
            }
            await db.SaveChangesAsync(cancellationToken);
        }

        if (configuration.GetValue("Seeds:Demo", false)) await SeedDemoAsync(db, cancellationToken);
        await ProtectUnprotectedAsync(db, cancellationToken);
    }

    /// <summary>
    /// Base cells written before protected values existed (or withheld ones) are protected at start: the draw is
    /// deterministic, so recomputing a group gives the same values and the start stays idempotent.
    /// </summary>
    private async Task ProtectUnprotectedAsync(ReportingDbContext db, CancellationToken cancellationToken)
    {
        // Whole regions and periods, every element: the rules between element totals link their groups.
        var places = await db.ApprovedTotals.Where(t => t.ProtectedValue == null)
            .Select(t => new { t.FormId, t.PeriodStart, t.RegionId }).Distinct().ToListAsync(cancellationToken);
        if (places.Count == 0) return;
        var forms = await db.Forms.AsNoTracking().ToDictionaryAsync(f => f.Id, cancellationToken);
        var rules = await db.Rules.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var p in places)
        {
            var cells = await db.ApprovedTotals.Where(t => t.FormId == p.FormId && t.PeriodStart == p.PeriodStart && t.RegionId == p.RegionId).ToListAsync(cancellationToken);
            if (forms.TryGetValue(p.FormId, out var form)) SummaryTables.Protect(protection, form.Definition, rules.Where(r => r.FormId == p.FormId).ToList(), cells);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task SeedDemoAsync(ReportingDbContext db, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var from = thisMonth.AddMonths(-DemoMonths);
        var started = time.GetTimestamp();
        var written = 0;
        foreach (var form in await db.Forms.AsNoTracking().OrderBy(f => f.Id).ToListAsync(cancellationToken))
        {
            // Per form, so a start that could reach Structure for one form only completes the others next time.
            if (await db.Reports.AnyAsync(r => r.IsDemonstration && r.FormId == form.Id, cancellationToken)) continue;
            var first = Period.StartOf(form.PeriodType, from);
            if (first < from) first = Period.Next(form.PeriodType, first);
            var periods = Period.Starts(form.PeriodType, first, today).Where(p => form.PeriodOf(p).End < today).ToList();
            IReadOnlyList<UnitInfo> stations;
            try
            {
                stations = await units.ListAsync(null, form.ReportingUnitKind, from, today, cancellationToken);
            }
            catch (Exception e) when (e is global::Grpc.Core.RpcException or HttpRequestException)
            {
                logger.LogWarning("Structure is unreachable ({Message}); no demonstration reports are generated", e.Message);
                return;
            }
            var demo = stations.OrderBy(s => s.Id, StringComparer.Ordinal).Select(s => new DemoStation(s.Id, s.RegionId, s.InstitutionId)).ToList();
            written += await DemoData.WriteAsync(db, form, protection, DemoData.Generate(form, demo, periods, new DemoOptions(today)), cancellationToken);
        }
        logger.LogInformation("Seeded {Count} SYNTHETIC DEMONSTRATION reports (not real figures) in {Elapsed} ms",
            written, (int)time.GetElapsedTime(started).TotalMilliseconds);
    }

    private async Task<T?> ReadAsync<T>(string file, CancellationToken cancellationToken) where T : class
    {
        if (!File.Exists(file))
        {
            logger.LogWarning("No seed file at {File}", file);
            return null;
        }
        await using var stream = File.OpenRead(file);
        return await JsonSerializer.DeserializeAsync<T>(stream, Json, cancellationToken) ?? throw new InvalidOperationException($"{file} is empty.");
    }

    private sealed record FormsFile(List<Category> Categories, List<FormSeed> Forms);
    private sealed record FormSeed(string Id, string Name, PeriodType PeriodType, int DueDays, int LockDays, string ReportingUnitKind, List<ElementSeed> Elements);
    private sealed record ElementSeed(string Id, string Name, List<List<string>>? Disaggregations);
    private sealed record RulesFile(List<RuleSeed> Rules);
    private sealed record RuleSeed(string Id, string FormId, string Description, List<string> Left, string Operator, List<string> Right);
}
