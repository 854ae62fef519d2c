using GenderArchitecture.Reporting.Data;
using GenderArchitecture.Reporting.Domain;
using GenderArchitecture.ServiceDefaults.Data;
using GenderArchitecture.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Reporting.Tests;

public sealed class DemoSeedTests
{
    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Demo_reports_are_synthetic_varied_valid_and_seeded_once(DatabaseKind kind)
    {
        await using var world = await ReportingWorld.StartAsync(kind, new Dictionary<string, string?> { ["Seeds:Demo"] = "true" });
        await using var scope = world.Reporting.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();

        var reports = await db.Reports.AsNoTracking().Include(r => r.Values).ToListAsync();
        Assert.NotEmpty(reports);
        Assert.All(reports, r => Assert.True(r.IsDemonstration));
        var monthly = reports.Where(r => r.FormId == "station-monthly").ToList();
        Assert.Contains(monthly, r => r.StationId == ReportingWorld.StationA);
        Assert.Contains(monthly, r => r.StationId == "kp-station-prishtina");
        Assert.Contains(reports, r => r.FormId == "court-quarterly");
        Assert.InRange(monthly.Select(r => r.PeriodStart).Distinct().Count(), 23, 24);
        Assert.Contains(monthly, r => r.State == ReportState.Returned && r.ReviewComment is not null);
        Assert.Contains(monthly, r => r.FirstSubmittedAt is not null && !r.SubmittedOnTime);
        Assert.Contains(monthly, r => r.State == ReportState.Approved);
        var stations = monthly.Select(r => r.StationId).Distinct().Count();
        var periods = monthly.Select(r => r.PeriodStart).Distinct().Count();
        Assert.True(monthly.Count < stations * periods, "some reports are missing");

        // Every demonstration report keeps the form's own rules, and the summary holds exactly the approved values.
        var forms = await db.Forms.AsNoTracking().ToDictionaryAsync(f => f.Id);
        var rules = await db.Rules.AsNoTracking().ToListAsync();
        Assert.All(reports, r => Assert.Empty(RuleEvaluator.Evaluate(forms[r.FormId].Definition, rules.Where(x => x.FormId == r.FormId), r.ValueMap())));
        var approvedSum = reports.Where(r => r.State == ReportState.Approved).SelectMany(r => r.Values).Where(v => v.ElementId == "dv-cases-reported" && v.CategoryKey == "").Sum(v => v.Number ?? 0);
        Assert.Equal(approvedSum, await db.ApprovedTotals.Where(t => t.ElementId == "dv-cases-reported" && t.CategoryKey == "").SumAsync(t => t.Value));
        Assert.Equal(reports.Count, await db.Events.Where(e => e.Action == "created").CountAsync());

        await scope.ServiceProvider.GetRequiredService<IDatabaseSeeder<ReportingDbContext>>().SeedAsync(db, CancellationToken.None);
        Assert.Equal(reports.Count, await db.Reports.CountAsync());
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Demo_reports_are_dated_relative_to_today_with_no_event_after_now(DatabaseKind kind)
    {
        // The first day of a month, mid-morning: the month just ended is being reported, this one is in progress.
        var now = new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await using var world = await ReportingWorld.StartAsync(kind, new Dictionary<string, string?> { ["Seeds:Demo"] = "true" }, now: now);
        await using var scope = world.Reporting.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();

        var reports = await db.Reports.AsNoTracking().Where(r => r.FormId == "station-monthly").ToListAsync();
        var events = await db.Events.AsNoTracking().Select(e => new { e.At, e.Action, e.ReportId }).ToListAsync();
        Assert.NotEmpty(reports);
        Assert.All(events, e => Assert.True(e.At <= now.UtcDateTime, $"{e.Action} of {e.ReportId} at {e.At:O} is after {now:O}"));
        Assert.All(reports, r => Assert.True((r.FirstSubmittedAt ?? DateTime.MinValue) <= now.UtcDateTime && (r.ApprovedAt ?? DateTime.MinValue) <= now.UtcDateTime));
        Assert.Equal(new DateOnly(2026, 11, 1), reports.Max(r => r.PeriodStart));
        Assert.DoesNotContain(reports, r => r.PeriodEnd >= today);
        Assert.Equal(new DateOnly(2024, 12, 1), reports.Min(r => r.PeriodStart));

        // Months long past their due date are mostly approved; the month that has just ended is mostly still open.
        var settled = reports.Where(r => r.DueOn.AddDays(20) < today).ToList();
        Assert.True(settled.Count(r => r.State == ReportState.Approved) >= 0.8 * settled.Count, "settled months are mostly approved");
        var justEnded = reports.Where(r => r.PeriodStart == new DateOnly(2026, 11, 1)).ToList();
        Assert.True(justEnded.Count(r => r.State == ReportState.Approved) <= justEnded.Count / 2, "the month that just ended is still being reported");
    }

    [Fact]
    public async Task Without_Structure_the_service_starts_with_its_forms_and_no_demo_reports()
    {
        await using var app = await GrpcServiceApp<Program>.StartAsync("Reporting", DatabaseKind.Sqlite, new Dictionary<string, string?>
        {
            ["Seeds:Demo"] = "true",
            ["Services:Structure:Address"] = "http://127.0.0.1:9",
        });
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();

        Assert.Equal(2, await db.Forms.CountAsync());
        Assert.Equal(0, await db.Reports.CountAsync());
    }
}
