using GenderArchitecture.Reporting.Data;
using GenderArchitecture.Reporting.V1;
using GenderArchitecture.TestSupport;
using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static GenderArchitecture.Reporting.Tests.ReportingWorld;

namespace GenderArchitecture.Reporting.Tests;

public sealed class RulesAndValuesTests
{
    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_rule_breach_refuses_submission_with_field_violations_naming_the_rule(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        var focal = world.FocalPoint(StationA);
        // 12 referred of 10 reported, and the sex x age cells add up to 9, not 10.
        var values = ValidValues(referred: 12, maleChild: 0);
        var draft = (await focal.SaveDraftAsync(Draft(StationA, ThisMonth, values))).Report;

        var error = await Assert.ThrowsAsync<RpcException>(() => focal.SubmitReportAsync(new SubmitReportRequest
        {
            ClientRequestId = NewId(), ReportId = draft.Id, ExpectedVersion = draft.Version,
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violations = error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations;
        Assert.Contains(violations, v => v.Field == "values[dv-cases-referred]" && v.Description.StartsWith("rule dv-referred-within-reported:", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Field == "values[dv-cases-reported]" && v.Description.StartsWith("rule dv-victims-by-sex-and-age-add-up:", StringComparison.Ordinal));
        Assert.Equal(2, violations.Count);
        var unchanged = (await focal.GetReportAsync(new GetReportRequest { ReportId = draft.Id })).Report;
        Assert.Equal(ReportState.Draft, unchanged.State);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Zero_and_not_available_are_stored_distinctly_and_empty_is_not_zero(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        var focal = world.FocalPoint(StationA);
        var values = ValidValues().Where(v => !(v.CategoryKey.Length == 0 && v.ElementId is "thb-cases-identified" or "thb-victims-identified" or "thb-victims-referred")).ToList();
        values.Add(N("thb-cases-identified", 0));
        values.Add(Marked("thb-victims-identified", ValueState.NotAvailable));
        var draft = (await focal.SaveDraftAsync(Draft(StationA, ThisMonth, values))).Report;

        // thb-victims-referred was left empty: an empty total is not a zero, so the report is not complete.
        var error = await Assert.ThrowsAsync<RpcException>(() => focal.SubmitReportAsync(new SubmitReportRequest
        {
            ClientRequestId = NewId(), ReportId = draft.Id, ExpectedVersion = draft.Version,
        }).ResponseAsync);
        Assert.Equal("values[thb-victims-referred]", Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);

        await using var scope = world.Reporting.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        var stored = await db.Values.Where(v => v.ElementId.StartsWith("thb-") && v.CategoryKey == "").ToDictionaryAsync(v => v.ElementId);
        Assert.Equal((Domain.ValueState.Number, 0L), (stored["thb-cases-identified"].State, stored["thb-cases-identified"].Number));
        Assert.Equal((Domain.ValueState.NotAvailable, (long?)null), (stored["thb-victims-identified"].State, stored["thb-victims-identified"].Number));
        Assert.False(stored.ContainsKey("thb-victims-referred"));
        var read = (await focal.GetReportAsync(new GetReportRequest { ReportId = draft.Id })).Report;
        Assert.Equal(ValueState.NotAvailable, read.Values.Single(v => v.ElementId == "thb-victims-identified" && v.CategoryKey == "").State);
        Assert.Equal(ValueState.Number, read.Values.Single(v => v.ElementId == "thb-cases-identified").State);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task Unknown_cells_negative_counts_and_missing_states_are_refused(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        var values = new[]
        {
            N("victim-name", 1),
            N("dv-cases-reported", 1, "sex=unknown"),
            N("dv-cases-referred", -1),
            new ReportValue { ElementId = "protection-orders-issued", Number = 2 },
        };

        var error = await Assert.ThrowsAsync<RpcException>(() => world.FocalPoint(StationA).SaveDraftAsync(Draft(StationA, ThisMonth, values)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["values[0]", "values[1]", "values[2]", "values[3]"], error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_locked_period_refuses_edits_unless_an_exception_is_open(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        var focal = world.FocalPoint(StationA);
        var old = MonthsAgo(6);

        var locked = await Assert.ThrowsAsync<RpcException>(() => focal.SaveDraftAsync(Draft(StationA, old, ValidValues())).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, locked.StatusCode);
        Assert.Equal("PERIOD_LOCKED", locked.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations[0].Type);

        var refused = await Assert.ThrowsAsync<RpcException>(() => focal.CreateLockExceptionAsync(new CreateLockExceptionRequest
        {
            ClientRequestId = NewId(), StationId = StationA, Reason = "late files", EndsOn = Iso(Today.AddDays(7)),
        }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);

        await world.As("administrator").CreateLockExceptionAsync(new CreateLockExceptionRequest
        {
            ClientRequestId = NewId(), StationId = StationA, Reason = "Station files recovered after the flood.", EndsOn = Iso(Today.AddDays(7)),
        });
        var saved = (await focal.SaveDraftAsync(Draft(StationA, old, ValidValues()))).Report;
        Assert.Equal(old, saved.PeriodStart);

        // The exception is for alpha only.
        var other = await Assert.ThrowsAsync<RpcException>(() => world.FocalPoint(StationB).SaveDraftAsync(Draft(StationB, old, ValidValues())).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, other.StatusCode);
        var exceptions = (await world.As("administrator").ListLockExceptionsAsync(new ListLockExceptionsRequest { StationId = StationA })).LockExceptions;
        Assert.Equal("Station files recovered after the flood.", Assert.Single(exceptions).Reason);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_value_far_from_the_stations_own_history_is_a_warning_not_an_error(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        await world.As("administrator").CreateLockExceptionAsync(new CreateLockExceptionRequest
        {
            ClientRequestId = NewId(), StationId = StationA, Reason = "Back-filling the station's history.", EndsOn = Iso(Today.AddDays(1)),
        });
        foreach (var (months, dv) in new[] { (7, 10L), (6, 12L), (5, 9L), (4, 11L), (3, 10L), (2, 13L) })
        {
            await world.FileAsync(StationA, MonthsAgo(months), ValidValues(dv: dv, femaleAdult: dv - 4));
        }

        var usual = await world.FileAsync(StationA, MonthsAgo(1), ValidValues(dv: 11, femaleAdult: 7), approve: false);
        var surge = await world.FileAsync(StationA, ThisMonth, ValidValues(dv: 60, femaleAdult: 56), approve: false);

        Assert.Empty(usual.Warnings);
        Assert.Equal(ReportState.Submitted, surge.State);
        var warning = Assert.Single(surge.Warnings);
        Assert.Contains("Domestic violence cases reported: 60", warning);
    }
}
