using System.Diagnostics;
using GenderArchitecture.Disclosure.Tests.Analysis;
using GenderArchitecture.Disclosure.Tests.Collection;
using GenderArchitecture.Disclosure.Tests.DataSets;
using GenderArchitecture.Disclosure.Tests.Model;

namespace GenderArchitecture.Disclosure.Tests;

/// <summary>
/// Data set A on a suite without demonstration data, read three times by oversight: after the first approvals
/// (reading 0), after one more report is approved (reading 1), and after an approved report is corrected and the
/// correction approved (reading 2). Readings 1 and 2 ask again every question whose answer can have changed (any
/// unit filter containing the changed station, any window containing the month); the other answers cannot change.
/// </summary>
public sealed class GeneratedDataSetFixture : IAsyncLifetime
{
    private IntruderSuite? _suite;

    public GeneratedDataSet DataSet { get; private set; } = null!;
    public IntruderFindings First { get; private set; } = null!;
    public IntruderFindings OverTime { get; private set; } = null!;
    public TimeSpan BuildTime { get; private set; }

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        _suite = await IntruderSuite.StartAsync(demo: false);
        DataSet = await GeneratedDataSet.BuildAsync(_suite);
        BuildTime = clock.Elapsed;
        var truth = DataSet.Truth;
        using var oversight = _suite.Oversight();

        clock.Restart();
        var questions = CollectionPlan.Aggregates(truth, extraWindows: 3, seed: 11);
        var first = new AnswerCollector(oversight, truth, reading: 0);
        await first.CollectAsync(questions, csvEvery: 7);
        await first.CollectDashboardsAsync(CollectionPlan.Dashboards(truth));
        First = new IntruderFindings("generated, reading 0", truth, first.Cells.ToList(), first.Declaration, CollectionStats.Of(clock.Elapsed, first));

        clock.Restart();
        await DataSet.ApproveLateReportAsync(reading: 1);
        var second = new AnswerCollector(oversight, truth, reading: 1);
        await second.CollectAsync(Affected(questions, DataSet.Late), csvEvery: 7);
        await second.CollectDashboardsAsync(AffectedDashboards(truth, DataSet.Late.Station));
        await DataSet.CorrectReportAsync(reading: 2);
        var third = new AnswerCollector(oversight, truth, reading: 2);
        await third.CollectAsync(Affected(questions, DataSet.Corrected), csvEvery: 7);
        await third.CollectDashboardsAsync(AffectedDashboards(truth, DataSet.Corrected.Station));
        OverTime = new IntruderFindings("generated, readings 0-2 (approval, correction)", truth,
            [.. first.Cells, .. second.Cells, .. third.Cells], AdjustmentDeclaration.Merge([first.Declaration, second.Declaration, third.Declaration]),
            CollectionStats.Of(clock.Elapsed, first, second, third));
    }

    private List<AggregateQuestion> Affected(IEnumerable<AggregateQuestion> questions, (string Station, int Month) changed)
    {
        var station = DataSet.Truth.Stations.Single(s => s.Id == changed.Station);
        return questions.Where(q => (q.Unit is null || q.Unit == station.Id || q.Unit == station.Region || q.Unit == station.Institution)
            && q.From <= changed.Month && changed.Month <= q.To).ToList();
    }

    private static List<DashboardQuestion> AffectedDashboards(GroundTruth truth, string stationId)
    {
        var station = truth.Stations.Single(s => s.Id == stationId);
        return CollectionPlan.Dashboards(truth).Where(d => d.Unit == station.Region || d.Unit == station.Institution).ToList();
    }

    public async Task DisposeAsync()
    {
        if (_suite is not null) await _suite.DisposeAsync();
    }
}
