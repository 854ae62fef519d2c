using Microsoft.EntityFrameworkCore;
using GenderArchitecture.Reporting.Domain;
using GenderArchitecture.Reporting.Statistics;

namespace GenderArchitecture.Reporting.Data;

/// <summary>A unit that reports, as the demo generator needs it.</summary>
public sealed record DemoStation(string Id, string RegionId, string InstitutionId);

public sealed record DemoOptions(DateOnly Today, int Seed = 1325, bool AllApproved = false);

/// <summary>
/// SYNTHETIC DEMONSTRATION DATA, not real figures: reports for the given units and periods, generated
/// deterministically (a fixed seed) with a seasonal pattern, and - unless every report is to be approved - some
/// missing, late, returned and still-open reports. Every report is marked as demonstration data. Each report passes
/// the form's validation rules (sums add up, referred within reported).
/// </summary>
public static class DemoData
{
    private static readonly Actor Reviewer = new("demo:reviewer", "reviewer");

    public static IEnumerable<Report> Generate(ReportForm form, IReadOnlyList<DemoStation> stations, IReadOnlyList<DateOnly> periods, DemoOptions options)
    {
        // One stream per form (string.GetHashCode is randomised per process, so a fixed FNV hash keeps it deterministic).
        var random = new Random(options.Seed ^ form.Id.Aggregate(unchecked((int)2166136261), (h, c) => unchecked((h ^ c) * 16777619)));
        var definition = form.Definition;
        foreach (var station in stations)
        {
            var level = 2 + random.Next(0, 12);
            var actor = new Actor($"demo:focal-point-{station.Id}", "focal_point");
            foreach (var start in periods)
            {
                var roll = random.NextDouble();
                if (!options.AllApproved && roll < 0.04) continue; // missing report

                var report = new Report(DeterministicGuid(random), form, station.Id, station.RegionId, station.InstitutionId, start, demonstration: true);
                var period = form.PeriodOf(start);
                var created = At(period.End.AddDays(1), random);
                report.SaveValues(Values(definition, start, level, random), actor, created, created: true);

                var dueOpen = period.DueOn >= options.Today;
                if (!options.AllApproved && dueOpen && random.NextDouble() < 0.5)
                {
                    yield return report; // still a draft
                    continue;
                }
                var late = !options.AllApproved && random.NextDouble() < 0.12;
                var submitted = late
                    ? At(period.DueOn.AddDays(1 + random.Next(0, 15)), random)
                    : At(period.End.AddDays(1 + random.Next(0, Math.Max(1, period.DueDays))), random);
                report.Submit(actor, submitted, []);
                if (!options.AllApproved && (dueOpen || period.DueOn.AddDays(20) >= options.Today) && random.NextDouble() < 0.5)
                {
                    yield return report; // waiting for review
                    continue;
                }
                var reviewed = submitted.AddDays(1 + random.Next(0, 6));
                if (!options.AllApproved && random.NextDouble() < 0.05)
                {
                    report.Return(Reviewer, reviewed, "Demonstration: please check the split by perpetrator's relationship against the case files.");
                    yield return report;
                    continue;
                }
                report.Approve(Reviewer, reviewed, null);
                yield return report;
            }
        }
    }

    /// <summary>Plausible counts: a station's own level, a summer peak, a female majority, few children.</summary>
    private static Dictionary<CellId, CellValue> Values(FormDefinition form, DateOnly start, int level, Random random)
    {
        var season = 1 + 0.3 * Math.Cos(2 * Math.PI * (start.Month - 7) / 12.0);
        var values = new Dictionary<CellId, CellValue>();
        void Set(string element, string key, long n) => values[new CellId(element, key)] = new CellValue(ValueState.Number, n);

        foreach (var element in form.Elements)
        {
            if (element.Id is "dv-cases-reported" or "dv-cases-received")
            {
                var total = (long)Math.Round(level * season * (0.7 + 0.6 * random.NextDouble()));
                Set(element.Id, "", total);
                foreach (var disaggregation in element.DisaggregationsOrEmpty)
                {
                    var keys = form.CategoryKeys(disaggregation);
                    var weights = keys.Select(k => Weight(k)).ToArray();
                    foreach (var (key, n) in keys.Zip(Split(total, weights, random))) Set(element.Id, key, n);
                }
            }
        }
        long Get(string element) => values.TryGetValue(new CellId(element, ""), out var v) ? v.Number ?? 0 : 0;
        var dv = Math.Max(Get("dv-cases-reported"), Get("dv-cases-received"));
        foreach (var element in form.Elements.Where(e => !values.ContainsKey(new CellId(e.Id, ""))))
        {
            var n = element.Id switch
            {
                "dv-cases-referred" or "dv-cases-decided" => (long)Math.Round(dv * (0.5 + 0.3 * random.NextDouble())),
                "protection-orders-requested" => (long)Math.Round(dv * (0.3 + 0.2 * random.NextDouble())),
                "dv-convictions" => (long)Math.Round(Get("dv-cases-decided") * (0.4 + 0.3 * random.NextDouble())),
                "protection-orders-issued" => (long)Math.Round(Get("protection-orders-requested") * (0.6 + 0.4 * random.NextDouble())),
                "thb-cases-identified" or "thb-cases-received" => random.NextDouble() < 0.7 ? 0 : random.Next(1, 3),
                "thb-victims-identified" => Get("thb-cases-identified") * random.Next(1, 3),
                "thb-victims-referred" => (long)Math.Round(Get("thb-victims-identified") * (0.5 + 0.5 * random.NextDouble())),
                "thb-cases-decided" => Math.Min(Get("thb-cases-received"), random.Next(0, 2)),
                "thb-convictions" => Math.Min(Get("thb-cases-decided"), random.Next(0, 2)),
                _ => random.Next(0, 5),
            };
            Set(element.Id, "", n);
            foreach (var disaggregation in element.DisaggregationsOrEmpty)
            {
                var keys = form.CategoryKeys(disaggregation);
                foreach (var (key, part) in keys.Zip(Split(n, keys.Select(Weight).ToArray(), random))) Set(element.Id, key, part);
            }
        }
        return values;
    }

    private static double Weight(string key)
    {
        var w = 1.0;
        if (key.Contains("sex=female", StringComparison.Ordinal)) w *= 0.8;
        if (key.Contains("sex=male", StringComparison.Ordinal)) w *= 0.2;
        if (key.Contains("age=child", StringComparison.Ordinal)) w *= 0.15;
        if (key.Contains("age=adult", StringComparison.Ordinal)) w *= 0.85;
        if (key.Contains("relationship=intimate-partner", StringComparison.Ordinal)) w *= 0.6;
        if (key.Contains("relationship=other-family", StringComparison.Ordinal)) w *= 0.3;
        if (key.Contains("relationship=other", StringComparison.Ordinal) && !key.Contains("other-family", StringComparison.Ordinal)) w *= 0.1;
        return w;
    }

    /// <summary>Splits a total over weighted cells so the parts add up exactly.</summary>
    private static long[] Split(long total, double[] weights, Random random)
    {
        var parts = new long[weights.Length];
        var sum = weights.Sum();
        for (var i = 0; i < total; i++)
        {
            var r = random.NextDouble() * sum;
            var j = 0;
            while (j < weights.Length - 1 && r >= weights[j]) r -= weights[j++];
            parts[j]++;
        }
        return parts;
    }

    private static DateTime At(DateOnly day, Random random) =>
        day.ToDateTime(new TimeOnly(8 + random.Next(0, 9), random.Next(0, 60)), DateTimeKind.Utc);

    private static Guid DeterministicGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        return new Guid(bytes);
    }

    /// <summary>Writes generated reports with their values, history and summary rows in bulk, in batches.</summary>
    public static async Task<int> WriteAsync(ReportingDbContext db, ReportForm form, BaseCellProtection protection, IEnumerable<Report> reports,
        CancellationToken cancellationToken, int batchSize = 2000)
    {
        var totals = new Dictionary<(string, string, DateOnly, string, string, string), (long Value, int Reports)>();
        var count = 0;
        foreach (var batch in reports.Chunk(batchSize))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await BulkInsert.InsertAsync(db, batch, cancellationToken);
            await BulkInsert.InsertAsync(db, batch.SelectMany(r => r.Values), cancellationToken);
            await BulkInsert.InsertAsync(db, batch.SelectMany(PendingEvents), cancellationToken);
            var cells = batch.Where(r => r.State == ReportState.Approved)
                .SelectMany(r => r.Values.Where(v => v.State == ValueState.Number).Select(v => SummaryTables.CellOf(r, v))).ToList();
            await BulkInsert.InsertAsync(db, cells, cancellationToken);
            foreach (var c in cells)
            {
                var key = (c.FormId, c.ElementId, c.PeriodStart, c.InstitutionId, c.RegionId, c.CategoryKey);
                var (value, n) = totals.GetValueOrDefault(key);
                totals[key] = (value + c.Value, n + 1);
            }
            await transaction.CommitAsync(cancellationToken);
            count += batch.Length;
        }
        var baseCells = totals.Select(t => new ApprovedTotal
        {
            FormId = t.Key.Item1,
            ElementId = t.Key.Item2,
            PeriodStart = t.Key.Item3,
            InstitutionId = t.Key.Item4,
            RegionId = t.Key.Item5,
            CategoryKey = t.Key.Item6,
            Value = t.Value.Value,
            Reports = t.Value.Reports,
        }).ToList();
        var rules = await db.Rules.AsNoTracking().Where(r => r.FormId == form.Id).ToListAsync(cancellationToken);
        SummaryTables.Protect(protection, form.Definition, rules, baseCells);
        await BulkInsert.InsertAsync(db, baseCells, cancellationToken);
        return count;
    }

    private static IEnumerable<ReportEvent> PendingEvents(Report report) => report.DrainEvents();
}
