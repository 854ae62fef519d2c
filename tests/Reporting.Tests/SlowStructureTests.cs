using GenderArchitecture.Reporting.Data;
using GenderArchitecture.Reporting.V1;
using GenderArchitecture.TestSupport;
using Microsoft.EntityFrameworkCore;
using static GenderArchitecture.Reporting.Tests.ReportingWorld;

namespace GenderArchitecture.Reporting.Tests;

/// <summary>
/// Reporting asks Structure before a write's transaction opens (issue 13, item 2), so a Structure that does not answer
/// holds the writes that need it and no other: no process lock, no open transaction, waits for it.
/// </summary>
public sealed class SlowStructureTests
{
    /// <summary>Long enough that only a stall, never a slow machine, reaches it.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory, MemberData(nameof(DatabaseKinds.All), MemberType = typeof(DatabaseKinds))]
    public async Task While_Structure_holds_one_stations_new_report_other_focal_points_save_and_submit(DatabaseKind kind)
    {
        var structure = new HeldCalls();
        await using var world = await StartAsync(kind, new Dictionary<string, string?> { ["Services:Structure:Deadline"] = "00:02:00" },
            structureCalls: () => new HeldHandler(structure));
        var alpha = world.FocalPoint(StationA);
        var draft = (await alpha.SaveDraftAsync(Draft(StationA, EndedMonth, ValidValues()))).Report;

        structure.Hold();
        var bravo = world.FocalPoint(StationB).SaveDraftAsync(Draft(StationB, EndedMonth, ValidValues())).ResponseAsync;
        await structure.Waiting.WaitAsync(Patience); // bravo's new report is waiting for Structure

        var edited = (await Unstalled(alpha.SaveDraftAsync(Draft(StationA, EndedMonth, ValidValues(referred: 5), draft.Version)).ResponseAsync, "alpha's edit")).Report;
        var submitted = (await Unstalled(alpha.SubmitReportAsync(new SubmitReportRequest
        {
            ClientRequestId = NewId(), ReportId = edited.Id, ExpectedVersion = edited.Version,
        }).ResponseAsync, "alpha's submission")).Report;
        Assert.Equal(ReportState.Submitted, submitted.State);
        Assert.False(bravo.IsCompleted, "bravo's save did not wait for Structure");

        structure.Release();
        var bravoReport = (await bravo.WaitAsync(Patience)).Report;
        Assert.Equal(StationB, bravoReport.StationId);
        await using var scope = world.Reporting.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        Assert.Equal([StationA, StationB], (await db.Reports.Select(r => r.StationId).ToListAsync()).Order());
    }

    private static async Task<T> Unstalled<T>(Task<T> write, string what)
    {
        if (await Task.WhenAny(write, Task.Delay(Patience)) != write) Assert.Fail($"{what} waited on Structure's answer to another station's write");
        return await write;
    }

    /// <summary>Holds every call to Structure from <see cref="Hold"/> until <see cref="Release"/>.</summary>
    private sealed class HeldCalls
    {
        private volatile TaskCompletionSource? _released;
        private readonly TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Waiting => _waiting.Task;

        public void Hold() => _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _released?.TrySetResult();

        public async Task PassAsync(CancellationToken cancellationToken)
        {
            if (_released is not { } released) return;
            _waiting.TrySetResult();
            await released.Task.WaitAsync(cancellationToken);
        }
    }

    private sealed class HeldHandler(HeldCalls calls) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await calls.PassAsync(cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
