using System.Diagnostics;
using GenderArchitecture.Disclosure.Tests.Analysis;
using GenderArchitecture.Disclosure.Tests.Collection;
using GenderArchitecture.Disclosure.Tests.DataSets;
using Xunit.Abstractions;

namespace GenderArchitecture.Disclosure.Tests;

/// <summary>
/// The seeded demonstration data, restricted for the CI budget to one element (trafficking victims identified, by
/// sex and age) and one year (2025); every level and region filter, and one station filter per region.
/// </summary>
public sealed class DemoDataSetFixture : IAsyncLifetime
{
    private IntruderSuite? _suite;
    public IntruderFindings Findings { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _suite = await IntruderSuite.StartAsync(demo: true);
        var truth = await DemoDataSet.ReadTruthAsync(_suite, threshold: 5);
        var clock = Stopwatch.StartNew();
        using var oversight = _suite.Oversight();
        var firstOfRegion = truth.Stations.GroupBy(s => s.Region).Select(g => g.First().Id).ToHashSet();
        var questions = CollectionPlan.Aggregates(truth, extraWindows: 0, seed: 13)
            .Where(q => q.Unit is null || !truth.Stations.Any(s => s.Id == q.Unit) || firstOfRegion.Contains(q.Unit)).ToList();
        var collector = new AnswerCollector(oversight, truth, reading: 0);
        await collector.CollectAsync(questions, csvEvery: 11);
        Findings = new IntruderFindings("demonstration data, thb-victims-identified by sex and age, 2025", truth, collector.Cells.ToList(),
            collector.Declaration, CollectionStats.Of(clock.Elapsed, collector));
    }

    public async Task DisposeAsync()
    {
        if (_suite is not null) await _suite.DisposeAsync();
    }
}

public sealed class DemoDataSetIntruderTests(DemoDataSetFixture fixture, ITestOutputHelper output) : IClassFixture<DemoDataSetFixture>
{
    [Fact]
    public void On_the_demonstration_data_trafficking_victims_2025_oversight_recovers_no_small_count_exactly()
    {
        output.WriteLine(fixture.Findings.Summary());
        Assert.Equal(0, Report.Exact(output, fixture.Findings));
    }

    [Fact]
    public void On_the_demonstration_data_trafficking_victims_2025_no_small_count_is_determined_and_every_interval_is_threshold_wide()
    {
        output.WriteLine(fixture.Findings.Summary());
        var determined = Report.Determined(output, fixture.Findings);
        var narrow = Report.Narrow(output, fixture.Findings);
        Assert.Equal((0, 0), (determined, narrow));
    }

    [Fact]
    public void On_the_demonstration_data_trafficking_victims_2025_averaging_guesses_no_better_than_the_most_common_value()
    {
        output.WriteLine(fixture.Findings.Summary());
        var result = Report.Averaging(output, fixture.Findings);
        Assert.True(result.HitRate <= result.ModeShare, $"hit rate {result.HitRate:P1} beats guessing {result.Mode} ({result.ModeShare:P1})");
    }
}
