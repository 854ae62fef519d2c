using System.Text.Json;
using System.Text.Json.Serialization;
using GenderArchitecture.Reporting.Domain;
using GenderArchitecture.Reporting.Statistics;
using GenderArchitecture.Reporting.Units;
using GenderArchitecture.ServiceDefaults.Data;
using GenderArchitecture.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Reporting.Data;

/// <summary>
/// Adds the forms of <c>seeds/reporting</c> that are missing, each as its version 1 with its validation rules; never
/// changes or removes what exists (a seed that differs from a stored form flags it, see <see cref="CompareWithSeedAsync"/>). With <c>Seeds:Demo</c> it also generates synthetic
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
            var definition = new FormDefinition(f.Elements.Select(e => new DataElement(e.Id, e.Name, e.Disaggregations, e.Unit)).ToList(),
                forms.Categories.Where(c => f.Elements.Any(e => e.Disaggregations?.Any(d => d.Contains(c.Id)) == true)).ToList());
            var seedRules = (rules?.Rules ?? []).Where(r => r.FormId == f.Id)
                .Select(r => new RuleDefinition(r.Id, r.Description, r.Left, r.Operator, r.Right)).ToList();
            if (existing.TryGetValue(f.Id, out var form)) await CompareWithSeedAsync(db, form, definition, seedRules, cancellationToken);
            else AddForm(db, f, definition, seedRules);
        }
        foreach (var r in (rules?.Rules ?? []).Where(r => forms.Forms.All(f => f.Id != r.FormId)))
        {
            throw new InvalidOperationException($"Rule {r.Id} names unknown form {r.FormId}.");
        }
        await db.SaveChangesAsync(cancellationToken);

        if (configuration.GetValue("Seeds:Demo", false)) await SeedDemoAsync(db, cancellationToken);
        await ProtectUnprotectedAsync(db, cancellationToken);
    }

    /// <summary>A form the database lacks is created with its version 1 (from the first period) and its rules.</summary>
    private void AddForm(ReportingDbContext db, FormSeed f, FormDefinition definition, IReadOnlyList<RuleDefinition> seedRules)
    {
        // A seed error (a rule naming an unknown element, a bad code) fails at start-up, not at the first submission.
        var validator = new Validator();
        FormVersionRules.Validate(definition, seedRules, validator);
        if (!validator.IsValid)
        {
            throw new InvalidOperationException($"The seed of form {f.Id} is invalid: {string.Join("; ", validator.Violations.Select(v => $"{v.Field}: {v.Description}"))}");
        }
        var form = new ReportForm(f.Id, f.Name, f.PeriodType, f.DueDays, f.LockDays, f.ReportingUnitKind, definition, f.EarlySubmissionDays);
        db.Forms.Add(form);
        var version = new FormVersion(f.Id, 1, FormVersion.FromTheStart, definition, seedRules, SeedAuthor, time.GetUtcNow().UtcDateTime);
        db.FormVersions.Add(version);
        db.Rules.AddRange(version.EvaluatedRules());
        logger.LogInformation("Form {Form}: version 1 created from the seed", f.Id);
    }

    /// <summary>
    /// An existing form is never changed by a seed: when the seed differs from its latest version the form is flagged
    /// (and a warning logged) until an administrator publishes a version. A form stored before versions existed gets its
    /// version 1 from what is stored, so its reports keep meaning what they meant.
    /// </summary>
    private async Task CompareWithSeedAsync(ReportingDbContext db, ReportForm form, FormDefinition definition, IReadOnlyList<RuleDefinition> seedRules,
        CancellationToken cancellationToken)
    {
        var latest = await db.FormVersions.Where(v => v.FormId == form.Id).OrderByDescending(v => v.Version).FirstOrDefaultAsync(cancellationToken);
        if (latest is null)
        {
            var stored = await db.Rules.AsNoTracking().Where(r => r.FormId == form.Id).OrderBy(r => r.Id).ToListAsync(cancellationToken);
            latest = new FormVersion(form.Id, 1, FormVersion.FromTheStart, form.Definition,
                stored.Select(r => new RuleDefinition(r.Id, r.Description, r.LeftTerms, r.Operator, r.RightTerms)).ToList(), SeedAuthor, time.GetUtcNow().UtcDateTime);
            db.FormVersions.Add(latest);
        }
        var differs = !latest.SameContentAs(definition, seedRules);
        if (differs) logger.LogWarning("Form {Form}: {Difference}", form.Id, FormTexts.SeedDiffers(form.Id, latest.Version));
        form.MarkSeed(differs, differs ? FormTexts.SeedDiffers(form.Id, latest.Version) : "");
    }

    private const string SeedAuthor = "seed";

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
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
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
            written += await DemoData.WriteAsync(db, form, protection, DemoData.Generate(form, demo, periods, new DemoOptions(today, Now: now)), cancellationToken);
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
    private sealed record FormSeed(string Id, string Name, PeriodType PeriodType, int DueDays, int LockDays, string ReportingUnitKind, List<ElementSeed> Elements,
        int EarlySubmissionDays = 0);
    private sealed record ElementSeed(string Id, string Name, List<List<string>>? Disaggregations, string? Unit = null);
    private sealed record RulesFile(List<RuleSeed> Rules);
    private sealed record RuleSeed(string Id, string FormId, string Description, List<string> Left, string Operator, List<string> Right);
}
