using System.Collections.Concurrent;
using GenderArchitecture.TestSupport;
using Xunit.Abstractions;

namespace GenderArchitecture.EndToEnd.Tests;

/// <summary>
/// The frame of a kill test: concurrent clients write through the gateway and record each write the suite acknowledged;
/// once <c>killAfter</c> are acknowledged, one service is killed (SIGKILL) and started again on the same
/// ports and database while the clients keep retrying; then every client is awaited.
/// </summary>
internal sealed class KillDuringWrites<T>(int killAfter)
{
    private readonly ConcurrentQueue<T> _acknowledged = new();
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyCollection<T> Acknowledged => _acknowledged;
    /// <summary>How many writes were acknowledged when the kill came.</summary>
    public int BeforeKill { get; private set; }

    public void Acknowledge(T write)
    {
        _acknowledged.Enqueue(write);
        if (_acknowledged.Count >= killAfter) _reached.TrySetResult();
    }

    public async Task RunAsync(SuiteProcesses suite, string service, IEnumerable<Func<Task>> clients)
    {
        var running = clients.Select(Task.Run).ToList();
        // A client that fails outright (a 4xx) ends the wait too, and its error is the test's.
        await Task.WhenAny(_reached.Task, Task.WhenAll(running));
        BeforeKill = _acknowledged.Count;
        await suite.StopServiceAsync(service);
        await suite.StartServiceAsync(service);
        await Task.WhenAll(running);
    }
}

/// <summary>The suite of a kill test.</summary>
internal static class KillTestSuite
{
    /// <summary>Starts a suite of its own (a kill test kills one of its processes) and prints its log when the test fails.</summary>
    public static async Task RunAsync(ITestOutputHelper output, Func<SuiteProcesses, Task> test)
    {
        // The write limit is the gateway's defence against one caller, not what a kill test is about.
        await using var suite = await SuiteProcesses.StartAsync(new() { ["Seeds:Demo"] = "false", ["RateLimiting:WritesPerWindow"] = "100000" });
        try
        {
            await test(suite);
        }
        catch
        {
            output.WriteLine(suite.Log);
            throw;
        }
    }
}
