using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

// Starts the whole suite on its embedded default: SQLite files under data/ at the repository root, seeded on
// first start. The gateway's URL is printed below; the Aspire dashboard shows logs, traces and health.
var builder = DistributedApplication.CreateBuilder(args);

var ports = new SuitePorts(builder.Configuration);
ports.EnsureFree();

var dataFolder = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "data"));
Directory.CreateDirectory(dataFolder);
string Sqlite(string name) => $"Data Source={Path.Combine(dataFolder, name + ".db")}";

// The OpenID Connect provider: accounts, sign-in pages, tokens. Everyone else validates its tokens (Auth__Authority);
// in Development they also accept the development key, so the quick development sign-in keeps working.
var identityUrl = $"http://localhost:{ports.Identity}";
var gatewayUrl = $"http://localhost:{ports.Gateway}";
var identity = builder.AddProject<Projects.Identity>("identity", launchProfileName: null)
    .WithHttpEndpoint(port: ports.Identity, name: "http", isProxied: false)
    .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
    .WithEnvironment("Urls", identityUrl)
    .WithEnvironment("ConnectionStrings__Identity", Sqlite("identity"))
    .WithEnvironment("Identity__DevelopmentKeyFile", Path.Combine(dataFolder, "identity-development-signing.pem"))
    .WithEnvironment("Identity__WebClient__RedirectUris__0", gatewayUrl + "/signin-callback.html")
    .WithEnvironment("Identity__WebClient__PostLogoutRedirectUris__0", gatewayUrl + "/")
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints();

var structure = builder.AddProject<Projects.Structure>("structure")
    .WithGrpcPorts(ports.StructureGrpc, ports.StructureHttp)
    .WithEnvironment("ConnectionStrings__Structure", Sqlite("structure"))
    .WithEnvironment("Auth__Authority", identityUrl)
    .WaitFor(identity);

// Scopes follow the register: the identity service asks Structure at each sign-in and refresh (no WaitFor: it asks lazily).
identity.WithEnvironment("Services__Structure__Address", structure.GetEndpoint("grpc"));

var training = builder.AddProject<Projects.Training>("training")
    .WithGrpcPorts(ports.TrainingGrpc, ports.TrainingHttp)
    .WithEnvironment("ConnectionStrings__Training", Sqlite("training"))
    .WithEnvironment("Auth__Authority", identityUrl)
    .WithEnvironment("Services__Structure__Address", structure.GetEndpoint("grpc"))
    .WaitFor(structure);

var reporting = builder.AddProject<Projects.Reporting>("reporting")
    .WithGrpcPorts(ports.ReportingGrpc, ports.ReportingHttp)
    .WithEnvironment("ConnectionStrings__Reporting", Sqlite("reporting"))
    .WithEnvironment("Auth__Authority", identityUrl)
    .WithEnvironment("Services__Structure__Address", structure.GetEndpoint("grpc"))
    .WaitFor(structure);

builder.AddProject<Projects.Gateway>("gateway", launchProfileName: null)
    .WithHttpEndpoint(port: ports.Gateway, name: "http", isProxied: false)
    .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
    .WithEnvironment("Urls", "http://localhost:" + ports.Gateway)
    .WithEnvironment("Auth__Authority", identityUrl)
    .WithEnvironment("Services__Structure__Address", structure.GetEndpoint("grpc"))
    .WithEnvironment("Services__Training__Address", training.GetEndpoint("grpc"))
    .WithEnvironment("Services__Reporting__Address", reporting.GetEndpoint("grpc"))
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints()
    .WaitFor(identity).WaitFor(structure).WaitFor(training).WaitFor(reporting);

var app = builder.Build();
Console.WriteLine($"""

    GenderArchitecture is starting. Gateway: http://localhost:{ports.Gateway}
      API:        http://localhost:{ports.Gateway}/api/v1/institutions
      API docs:   http://localhost:{ports.Gateway}/docs (Development)
      Sign-in:    {identityUrl} (first administrator: dotnet run --project services/Identity -- create-admin --email ...)
      Data:       {dataFolder}

    """);
app.Run();

internal static class SuiteResourceExtensions
{
    /// <summary>
    /// A gRPC service listens on two fixed ports: cleartext HTTP/2 for gRPC and HTTP/1.1 for health probes
    /// (see ServiceDefaults). Aspire hands the ports over as Ports__Grpc / Ports__Http.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithGrpcPorts(this IResourceBuilder<ProjectResource> project, int grpcPort, int httpPort) =>
        project
            .WithEndpoint("grpc", e =>
            {
                e.Port = grpcPort;
                e.TargetPort = grpcPort;
                e.UriScheme = "http";
                e.Transport = "http2";
                e.IsProxied = false;
            })
            .WithEnvironment("Ports__Grpc", grpcPort.ToString())
            .WithHttpEndpoint(port: httpPort, name: "probe", isProxied: false, env: "Ports__Http")
            .WithHttpHealthCheck("/health", endpointName: "probe");
}

/// <summary>The suite's ports (section <c>Ports</c> of appsettings.json), checked before anything starts.</summary>
internal sealed class SuitePorts(IConfiguration configuration)
{
    public int Gateway { get; } = configuration.GetValue("Ports:Gateway", 5080);
    public int Identity { get; } = configuration.GetValue("Ports:Identity", 5090);
    public int StructureGrpc { get; } = configuration.GetValue("Ports:StructureGrpc", 5101);
    public int TrainingGrpc { get; } = configuration.GetValue("Ports:TrainingGrpc", 5102);
    public int ReportingGrpc { get; } = configuration.GetValue("Ports:ReportingGrpc", 5103);
    public int StructureHttp { get; } = configuration.GetValue("Ports:StructureHttp", 5111);
    public int TrainingHttp { get; } = configuration.GetValue("Ports:TrainingHttp", 5112);
    public int ReportingHttp { get; } = configuration.GetValue("Ports:ReportingHttp", 5113);

    /// <summary>A port already taken would make a service fail quietly inside the orchestrator: say so up front.</summary>
    public void EnsureFree()
    {
        var all = new (string Name, int Port)[]
        {
            ("gateway", Gateway), ("identity", Identity), ("structure gRPC", StructureGrpc), ("training gRPC", TrainingGrpc), ("reporting gRPC", ReportingGrpc),
            ("structure probes", StructureHttp), ("training probes", TrainingHttp), ("reporting probes", ReportingHttp),
        };
        var duplicates = all.GroupBy(p => p.Port).Where(g => g.Count() > 1).ToArray();
        if (duplicates.Length > 0)
        {
            Fail($"Ports collide: {string.Join("; ", duplicates.Select(g => $"{g.Key} is given to {string.Join(" and ", g.Select(p => p.Name))}"))}.");
        }
        foreach (var (name, port) in all)
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                listener.Stop();
            }
            catch (SocketException)
            {
                Fail($"Port {port} ({name}) is already in use. Stop whatever uses it (`ss -ltnp 'sport = :{port}'`) " +
                     $"or choose another port in apphost/appsettings.json (Ports section) or with --Ports:... on the command line.");
            }
        }
    }

    private static void Fail(string message)
    {
        Console.Error.WriteLine($"GenderArchitecture cannot start: {message}");
        Environment.Exit(2);
    }
}
