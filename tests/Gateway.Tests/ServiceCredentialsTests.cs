using GenderArchitecture.Gateway.Tests.Probe;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Clients;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GenderArchitecture.Gateway.Tests;

/// <summary>With an authority and a client id, a service calls others with a client-credentials token it fetched.</summary>
public sealed class ServiceCredentialsTests : IAsyncLifetime
{
    private readonly List<string?> _authorizations = [];
    private readonly List<string> _tokenRequests = [];
    private WebApplication _server = null!;
    private const int NoPort = 0;
    private string _grpc = "", _http = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(System.Net.IPAddress.Loopback, NoPort, o => o.Protocols = HttpProtocols.Http2);
            k.Listen(System.Net.IPAddress.Loopback, NoPort, o => o.Protocols = HttpProtocols.Http1);
        });
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(this);
        _server = builder.Build();
        _server.MapGrpcService<RecordingProbe>();
        // A stand-in identity provider's token endpoint.
        _server.MapPost("/connect/token", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            lock (_tokenRequests) _tokenRequests.Add($"{form["grant_type"]} {form["client_id"]} {form["client_secret"]} {form["scope"]}");
            return Results.Json(new { access_token = "token-from-the-provider", token_type = "Bearer", expires_in = 600 });
        });
        await _server.StartAsync();
        var addresses = _server.Urls.ToArray();
        _grpc = addresses[0];
        _http = addresses[1];
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Calls_carry_the_fetched_token_and_it_is_fetched_once()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Services:Probe:Address"] = _grpc,
            // The first call also fetches the token: a generous deadline, so a loaded machine does not fail it.
            ["Services:Probe:Deadline"] = "00:00:30",
            ["Auth:Audience"] = "genderarchitecture",
            ["Auth:Authority"] = _http,
            ["Auth:ClientId"] = "training",
            ["Auth:ClientSecret"] = "training-secret",
            ["Auth:ServiceScopes:0"] = "suite.structure",
        });
        builder.Services.AddSingleton(builder.Configuration.GetSection("Auth").Get<SuiteAuthOptions>()!);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TokenIssuer>();
        builder.AddSuiteGrpcClient<ProbeService.ProbeServiceClient>("Probe", ProbeService.Descriptor, CallIdentity.Service);
        var client = builder.Build().Services.GetRequiredService<ProbeService.ProbeServiceClient>();

        await client.ReadAsync(new ReadRequest());
        await client.WriteAsync(new WriteRequest());

        Assert.Equal(["Bearer token-from-the-provider", "Bearer token-from-the-provider"], _authorizations);
        Assert.Equal(["client_credentials training training-secret suite.structure"], _tokenRequests);
    }

    private sealed class RecordingProbe(ServiceCredentialsTests test) : ProbeService.ProbeServiceBase
    {
        public override Task<ReadResponse> Read(ReadRequest request, ServerCallContext context)
        {
            lock (test._authorizations) test._authorizations.Add(context.RequestHeaders.GetValue("authorization"));
            return Task.FromResult(new ReadResponse { Calls = test._authorizations.Count });
        }

        public override Task<WriteResponse> Write(WriteRequest request, ServerCallContext context)
        {
            lock (test._authorizations) test._authorizations.Add(context.RequestHeaders.GetValue("authorization"));
            return Task.FromResult(new WriteResponse { Calls = test._authorizations.Count });
        }
    }
}
