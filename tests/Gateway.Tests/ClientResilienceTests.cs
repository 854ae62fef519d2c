using System.Diagnostics;
using GenderArchitecture.Gateway.Tests.Probe;
using GenderArchitecture.ServiceDefaults.Clients;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GenderArchitecture.Gateway.Tests;

/// <summary>The suite's gRPC client defaults against a real server on a socket that fails on command.</summary>
public sealed class ClientResilienceTests : IAsyncLifetime
{
    private readonly FlakyProbe _probe = new();
    private WebApplication _server = null!;
    private string _address = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(_probe);
        _server = builder.Build();
        _server.MapGrpcService<FlakyProbeService>();
        await _server.StartAsync();
        _address = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ProbeService.ProbeServiceClient Client(string deadline = "00:00:05")
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Services:Probe:Address"] = _address,
            ["Services:Probe:Deadline"] = deadline,
            ["Services:Probe:BreakDuration"] = "00:00:30",
            ["Auth:Issuer"] = "tests",
            ["Auth:Audience"] = "tests",
            ["Auth:SigningKey"] = "a-test-signing-key-that-is-long-enough-0123456789",
        });
        builder.Services.AddSingleton(TestSupport.TestTokens.Options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ServiceDefaults.Auth.TokenIssuer>();
        builder.AddSuiteGrpcClient<ProbeService.ProbeServiceClient>("Probe", ProbeService.Descriptor, CallIdentity.Service);
        return builder.Build().Services.GetRequiredService<ProbeService.ProbeServiceClient>();
    }

    [Fact]
    public async Task A_read_marked_idempotent_is_retried_on_unavailable()
    {
        _probe.FailNext(2);

        var response = await Client().ReadAsync(new ReadRequest());

        Assert.Equal(3, response.Calls);
    }

    [Fact]
    public async Task A_write_is_never_retried_and_the_error_names_the_service()
    {
        var client = Client();
        // The connection is opened first: under load, a slow connect would otherwise fail the write before it reaches
        // the server, and the count below would measure the machine rather than the retry rule.
        await client.ReadAsync(new ReadRequest());
        var before = _probe.Calls;
        _probe.FailNext(1);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.WriteAsync(new WriteRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("Probe", error.Status.Detail);
        Assert.Equal(before + 1, _probe.Calls);
    }

    [Theory]
    [InlineData(StatusCode.InvalidArgument)]
    [InlineData(StatusCode.NotFound)]
    [InlineData(StatusCode.PermissionDenied)]
    [InlineData(StatusCode.Unauthenticated)]
    [InlineData(StatusCode.FailedPrecondition)]
    [InlineData(StatusCode.AlreadyExists)]
    [InlineData(StatusCode.Aborted)]
    [InlineData(StatusCode.OutOfRange)]
    [InlineData(StatusCode.ResourceExhausted)]
    public async Task A_callers_mistakes_never_open_the_circuit_for_other_callers(StatusCode mistake)
    {
        var client = Client();
        _probe.FailNext(30, mistake);
        for (var i = 0; i < 30; i++)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => client.ReadAsync(new ReadRequest()).ResponseAsync);
            Assert.Equal(mistake, error.StatusCode);
        }

        var response = await client.ReadAsync(new ReadRequest());

        Assert.Equal(31, response.Calls);
    }

    [Fact]
    public async Task Every_call_gets_the_configured_deadline()
    {
        _probe.Delay = TimeSpan.FromSeconds(10);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RpcException>(() => Client(deadline: "00:00:00.500").ReadAsync(new ReadRequest()).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Contains("Probe", error.Status.Detail);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task After_repeated_failures_the_circuit_opens_and_calls_stop_reaching_the_service()
    {
        var client = Client();
        _probe.FailNext(100);
        for (var i = 0; i < 8; i++)
        {
            await Assert.ThrowsAsync<RpcException>(() => client.WriteAsync(new WriteRequest()).ResponseAsync);
        }
        var callsWhenOpen = _probe.Calls;

        var error = await Assert.ThrowsAsync<RpcException>(() => client.WriteAsync(new WriteRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("failed repeatedly", error.Status.Detail);
        Assert.Equal(callsWhenOpen, _probe.Calls);
        Assert.True(callsWhenOpen < 8, "the breaker opened before all eight calls reached the service");
    }

    public sealed class FlakyProbe
    {
        private int _failures;
        private int _calls;
        private StatusCode _failWith = StatusCode.Unavailable;
        public TimeSpan Delay { get; set; }
        public int Calls => _calls;

        public void FailNext(int count, StatusCode with = StatusCode.Unavailable)
        {
            _failWith = with;
            _failures = count;
        }

        public async Task<int> HandleAsync(CancellationToken ct)
        {
            var call = Interlocked.Increment(ref _calls);
            if (Delay > TimeSpan.Zero) await Task.Delay(Delay, ct);
            if (Interlocked.Decrement(ref _failures) >= 0) throw new RpcException(new Status(_failWith, "flaky"));
            return call;
        }
    }

    private sealed class FlakyProbeService(FlakyProbe probe) : ProbeService.ProbeServiceBase
    {
        public override async Task<ReadResponse> Read(ReadRequest request, ServerCallContext context) =>
            new() { Calls = await probe.HandleAsync(context.CancellationToken) };

        public override async Task<WriteResponse> Write(WriteRequest request, ServerCallContext context) =>
            new() { Calls = await probe.HandleAsync(context.CancellationToken) };
    }
}
