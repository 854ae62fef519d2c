using GenderArchitecture.Reporting.V1;
using GenderArchitecture.TestSupport;
using Google.Rpc;
using Grpc.Core;
using static GenderArchitecture.Reporting.Tests.ReportingWorld;

namespace GenderArchitecture.Reporting.Tests;

/// <summary>A lock exception opens the periods it names, until it expires or is withdrawn, and stays in the history.</summary>
public sealed class LockExceptionTests
{
    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task An_exception_opens_only_the_periods_it_names(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        var focal = world.FocalPoint(StationA);
        await world.As("administrator").CreateLockExceptionAsync(LockException(StationA, MonthsAgo(6), MonthsAgo(5)));

        Assert.Equal(MonthsAgo(6), (await focal.SaveDraftAsync(Draft(StationA, MonthsAgo(6), ValidValues()))).Report.PeriodStart);
        Assert.Equal(MonthsAgo(5), (await focal.SaveDraftAsync(Draft(StationA, MonthsAgo(5), ValidValues()))).Report.PeriodStart);
        foreach (var outside in new[] { MonthsAgo(7), MonthsAgo(4) })
        {
            var locked = await Assert.ThrowsAsync<RpcException>(() => focal.SaveDraftAsync(Draft(StationA, outside, ValidValues())).ResponseAsync);
            Assert.Equal("PERIOD_LOCKED", locked.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations[0].Type);
        }
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task An_unbounded_too_wide_or_open_ended_exception_is_refused_naming_the_field(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        var admin = world.As("administrator");
        async Task<string[]> Fields(CreateLockExceptionRequest request)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => admin.CreateLockExceptionAsync(request).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            return error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).ToArray();
        }

        var unbounded = LockException(StationA, "");
        Assert.Contains("period_from", await Fields(unbounded));
        Assert.Contains("period_to", await Fields(LockException(StationA, MonthsAgo(12), EndedMonth)));
        Assert.Contains("period_to", await Fields(LockException(StationA, MonthsAgo(2), MonthsAgo(3))));
        var noEnd = LockException(StationA, MonthsAgo(3));
        noEnd.EndsOn = "";
        Assert.Contains("ends_on", await Fields(noEnd));
        var past = LockException(StationA, MonthsAgo(3));
        past.EndsOn = Iso(Today.AddDays(-1));
        Assert.Contains("ends_on", await Fields(past));
        var far = LockException(StationA, MonthsAgo(3));
        far.EndsOn = Iso(Today.AddDays(91));
        Assert.Contains("ends_on", await Fields(far));
        Assert.Empty((await admin.ListLockExceptionsAsync(new ListLockExceptionsRequest())).LockExceptions);
    }

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task A_withdrawn_exception_locks_again_and_stays_in_the_history_with_who_and_when(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        var admin = world.As("administrator");
        var focal = world.FocalPoint(StationA);
        var opened = (await admin.CreateLockExceptionAsync(LockException(StationA, MonthsAgo(6)))).LockException;
        Assert.Equal((LockExceptionState.Active, MonthsAgo(6), MonthsAgo(6), MonthlyForm), (opened.State, opened.PeriodFrom, opened.PeriodTo, opened.FormId));
        await focal.SaveDraftAsync(Draft(StationA, MonthsAgo(6), ValidValues()));

        var refused = await Assert.ThrowsAsync<RpcException>(() => focal.WithdrawLockExceptionAsync(new WithdrawLockExceptionRequest { ClientRequestId = NewId(), Id = opened.Id }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        var withdrawn = (await admin.WithdrawLockExceptionAsync(new WithdrawLockExceptionRequest { ClientRequestId = NewId(), Id = opened.Id, Reason = "Files filed." })).LockException;
        Assert.Equal((LockExceptionState.Withdrawn, "administrator-1", "Files filed."), (withdrawn.State, withdrawn.WithdrawnBy, withdrawn.WithdrawalReason));
        Assert.NotNull(withdrawn.WithdrawnAt);

        var locked = await Assert.ThrowsAsync<RpcException>(() => focal.SaveDraftAsync(Draft(StationA, MonthsAgo(6), ValidValues(), 2)).ResponseAsync);
        Assert.Equal("PERIOD_LOCKED", locked.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations[0].Type);
        var again = await Assert.ThrowsAsync<RpcException>(() => admin.WithdrawLockExceptionAsync(new WithdrawLockExceptionRequest { ClientRequestId = NewId(), Id = opened.Id }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);

        var history = Assert.Single((await admin.ListLockExceptionsAsync(new ListLockExceptionsRequest { StationId = StationA })).LockExceptions);
        Assert.Equal((LockExceptionState.Withdrawn, "administrator-1"), (history.State, history.WithdrawnBy));
    }

    [Fact]
    public void An_expired_exception_is_expired_and_opens_nothing_and_opens_only_its_form()
    {
        var created = new DateTime(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);
        var exception = new Domain.LockException(Guid.NewGuid(), StationA, MonthlyForm, new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 1),
            "late", new DateOnly(2026, 3, 20), "admin", created);
        Domain.Report ReportOf(string formId) => new(Guid.NewGuid(), new Domain.ReportForm(formId, "m", Domain.PeriodType.Monthly, 10, 30, "station",
            new Domain.FormDefinition([], [])), StationA, Region, "kp", new DateOnly(2025, 1, 1));

        Assert.True(exception.Opens(ReportOf(MonthlyForm), new DateOnly(2026, 3, 20)));
        Assert.False(exception.Opens(ReportOf("other-form"), new DateOnly(2026, 3, 20)));
        Assert.Equal(Domain.LockExceptionState.Expired, exception.StateOn(new DateOnly(2026, 3, 21)));
        Assert.False(exception.Opens(ReportOf(MonthlyForm), new DateOnly(2026, 3, 21)));
    }
}
