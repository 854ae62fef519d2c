using GenderArchitecture.Disclosure.Tests.Analysis;
using GenderArchitecture.Disclosure.Tests.DataSets;
using Xunit.Abstractions;

namespace GenderArchitecture.Disclosure.Tests;

// The intruder test (issue 10, items 3 and 4): an oversight reader collects every answer the API gives over a
// data set of small counts and tries to unpick the protected cells.
//
// Response fields it relies on (everything else is ignored, so answers may gain fields freely):
// - GET /api/v1/reporting/aggregates: "cells"[] with "period" (2025-03 | 2025-Q1 | 2025), "unitId" (null or a
//   unit id), "categoryKey" (null = total) and "value"; "trend"[] with "period" and "total". A cell gives an
//   equation iff its value/total is a JSON number; null or absent (suppressed, protected, no data) gives none.
// - GET /api/v1/reporting/aggregates.csv: columns period, unit_id ("all"), category ("total"), value (blank = none).
// - GET /api/v1/dashboards/{unit}: "reporting"."data"."series"[] with "elementId" and "points"[] {"period","total"}.
// - A declared adjustment, anywhere in an aggregates answer (see Collection/AdjustmentDeclaration.cs): a numeric
//   maxAdjustment / maximumAdjustment / adjustmentBound (or roundingBase B, read as at most B - 1) per base cell, a
//   text naming the base-cell grain (station | region | institution; region if absent), and a threshold. With it,
//   each figure is modelled as the true sum plus one bounded adjustment per base cell (grain unit x month x
//   element x category key), the same in every answer containing that base cell.
// - Writes: PUT .../stations/{s}/reports/station-monthly/{period}, POST .../reports/{id}/submit|approve|corrections,
//   POST .../lock-exceptions, each with Idempotency-Key and (transitions) If-Match from the previous ETag.

[CollectionDefinition(Name)]
public sealed class GeneratedDataSetCollection : ICollectionFixture<GeneratedDataSetFixture>
{
    public const string Name = "generated data set";
}

/// <summary>Data set A (generated, 30%+ small counts): the four attacks on one reading.</summary>
[Collection(GeneratedDataSetCollection.Name)]
public sealed class GeneratedDataSetIntruderTests(GeneratedDataSetFixture fixture, ITestOutputHelper output)
{
    private IntruderFindings Findings => fixture.First;

    [Fact]
    public void The_generated_data_set_has_at_least_30_percent_small_counts_among_its_category_cells()
    {
        var share = SmallCountDataSet.SmallShare(fixture.DataSet.Truth.Cells);
        output.WriteLine($"Data set built through the API in {fixture.BuildTime.TotalSeconds:F1} s; small-count share {share:P1}.");
        Assert.True(share >= 0.30, $"only {share:P1} of the category cells are 1..4");
    }

    [Fact]
    public void Every_published_number_is_the_true_sum_within_the_declared_adjustment()
    {
        output.WriteLine(Findings.Summary());
        Assert.Equal(0, Report.Unexplained(output, Findings));
    }

    [Fact]
    public void Oversight_cannot_recover_any_small_count_exactly_from_every_answer_combined()
    {
        output.WriteLine(Findings.Summary());
        Assert.Equal(0, Report.Exact(output, Findings));
    }

    [Fact]
    public void No_small_count_is_uniquely_determined_under_the_declared_adjustment_bounds()
    {
        output.WriteLine(Findings.Summary());
        Assert.Equal(0, Report.Determined(output, Findings));
    }

    [Fact]
    public void Every_small_count_keeps_a_feasible_interval_at_least_the_threshold_wide()
    {
        output.WriteLine(Findings.Summary());
        Assert.Equal(0, Report.Narrow(output, Findings));
    }

    [Fact]
    public void Averaging_every_isolating_answer_guesses_small_counts_no_better_than_the_most_common_value()
    {
        output.WriteLine(Findings.Summary());
        var result = Report.Averaging(output, Findings);
        Assert.True(result.HitRate <= result.ModeShare, $"hit rate {result.HitRate:P1} beats guessing {result.Mode} ({result.ModeShare:P1})");
    }
}

/// <summary>Item 4: read, approve one more report, correct an approved one, read again - the union of all readings.</summary>
[Collection(GeneratedDataSetCollection.Name)]
public sealed class OverTimeIntruderTests(GeneratedDataSetFixture fixture, ITestOutputHelper output)
{
    private IntruderFindings Findings => fixture.OverTime;

    [Fact]
    public void Readings_before_and_after_an_approval_and_a_correction_recover_no_small_count_exactly()
    {
        output.WriteLine(Findings.Summary());
        Assert.Equal(0, Report.Exact(output, Findings));
    }

    [Fact]
    public void Readings_before_and_after_an_approval_and_a_correction_determine_no_small_count_under_the_adjustment_bounds()
    {
        output.WriteLine(Findings.Summary());
        Assert.Equal(0, Report.Determined(output, Findings));
    }

    [Fact]
    public void Readings_before_and_after_an_approval_and_a_correction_leave_every_small_count_an_interval_at_least_the_threshold_wide()
    {
        output.WriteLine(Findings.Summary());
        Assert.Equal(0, Report.Narrow(output, Findings));
    }
}
