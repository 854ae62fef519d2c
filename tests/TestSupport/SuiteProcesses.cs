using System.Diagnostics;
using System.Text;

namespace GenderArchitecture.TestSupport;

/// <summary>
/// The whole suite as real processes - Structure, Training, Reporting and the gateway - each on free loopback
/// ports with its own SQLite files in a temporary folder, talking real gRPC over sockets. Used by the end-to-end
/// and browser tests. A service can be stopped and started again mid-test. With <c>identity: true</c> the identity
/// service runs too and everyone validates its tokens (Auth__Authority), configured as the app host does it.
/// </summary>
public sealed class SuiteProcesses : IAsyncDisposable
{
    private static readonly string[] ServiceNames = ["Structure", "Training", "Reporting"];
    private readonly Dictionary<string, Process> _processes = new();
    private readonly Dictionary<string, (int Grpc, int Http)> _ports = new();
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("ga-suite-").FullName;
    private readonly Dictionary<string, string?> _extraSettings;
    private readonly StringBuilder _log = new();
    private bool _identity;
    private readonly Dictionary<string, string> _postgres = new();

    private SuiteProcesses(Dictionary<string, string?> extraSettings) => _extraSettings = extraSettings;

    public Uri GatewayAddress { get; private set; } = null!;
    /// <summary>The identity service's address (its issuer), when the suite was started with it.</summary>
    public Uri? IdentityAddress { get; private set; }
    public string DataFolder => _dataFolder;
    /// <summary>Every gateway's address: one, or one per replica (see <see cref="StartReplicatedAsync"/>).</summary>
    public IReadOnlyList<Uri> GatewayAddresses { get; private set; } = [];

    /// <summary>Starts the suite: Structure first (the others call it while seeding), then the rest.</summary>
    /// <param name="settings">Extra configuration for every process, as environment variables (e.g. Seeds__Demo=false).</param>
    /// <param name="identity">Start the identity service first, and have the gateway and services trust its keys.</param>
    public static async Task<SuiteProcesses> StartAsync(Dictionary<string, string?>? settings = null, bool identity = false)
    {
        var suite = new SuiteProcesses(settings ?? new()) { _identity = identity };
        foreach (var name in ServiceNames) suite._ports[name] = (LoopbackPorts.Next(), LoopbackPorts.Next());
        suite._ports["Gateway"] = (0, LoopbackPorts.Next());
        suite.GatewayAddress = new Uri($"http://127.0.0.1:{suite._ports["Gateway"].Http}");
        suite.GatewayAddresses = [suite.GatewayAddress];
        if (identity)
        {
            suite._ports["Identity"] = (0, LoopbackPorts.Next());
            suite.IdentityAddress = new Uri($"http://127.0.0.1:{suite._ports["Identity"].Http}");
        }
        try
        {
            if (identity) await suite.StartServiceAsync("Identity");
            await suite.StartServiceAsync("Structure");
            await Task.WhenAll(suite.StartServiceAsync("Training"), suite.StartServiceAsync("Reporting"));
            await suite.StartServiceAsync("Gateway");
        }
        catch
        {
            await suite.DisposeAsync();
            throw;
        }
        return suite;
    }

    /// <summary>
    /// The suite with <paramref name="replicas"/> copies of every service and of the gateway, each service's copies sharing
    /// one PostgreSQL database (<paramref name="databases"/>: service name to connection string), as a deployment with
    /// replicas runs. Copy n is named "Training#n" (the first keeps the plain name); gateway n and services n call
    /// copies n of the services, so two gateways write through different processes into the same databases.
    /// </summary>
    public static async Task<SuiteProcesses> StartReplicatedAsync(IReadOnlyDictionary<string, string> databases, int replicas = 2,
        Dictionary<string, string?>? settings = null)
    {
        var suite = new SuiteProcesses(settings ?? new());
        foreach (var (service, connectionString) in databases) suite._postgres[service] = connectionString;
        for (var n = 1; n <= replicas; n++)
        {
            foreach (var name in ServiceNames) suite._ports[Replica(name, n)] = (LoopbackPorts.Next(), LoopbackPorts.Next());
            suite._ports[Replica("Gateway", n)] = (0, LoopbackPorts.Next());
        }
        suite.GatewayAddresses = Enumerable.Range(1, replicas).Select(n => new Uri($"http://127.0.0.1:{suite._ports[Replica("Gateway", n)].Http}")).ToList();
        suite.GatewayAddress = suite.GatewayAddresses[0];
        try
        {
            // The first copy of a service migrates and seeds its database; the others then find it ready.
            await suite.StartServiceAsync("Structure");
            await Task.WhenAll(suite.StartServiceAsync("Training"), suite.StartServiceAsync("Reporting"));
            for (var n = 2; n <= replicas; n++)
            {
                await Task.WhenAll(ServiceNames.Select(name => suite.StartServiceAsync(Replica(name, n))));
            }
            await Task.WhenAll(Enumerable.Range(1, replicas).Select(n => suite.StartServiceAsync(Replica("Gateway", n))));
        }
        catch
        {
            await suite.DisposeAsync();
            throw;
        }
        return suite;
    }

    /// <summary>The process name of copy <paramref name="n"/> (from 1) of a service or gateway.</summary>
    public static string Replica(string name, int n) => n == 1 ? name : $"{name}#{n}";

    private static (string Name, string Suffix) Parse(string process) =>
        process.IndexOf('#') is var hash and >= 0 ? (process[..hash], process[hash..]) : (process, "");

    public string GrpcAddress(string service) => $"http://127.0.0.1:{_ports[service].Grpc}";

    /// <summary>Stops one process (as an outage would); <see cref="StartServiceAsync"/> brings it back on the same ports.</summary>
    public async Task StopServiceAsync(string name)
    {
        if (!_processes.Remove(name, out var process)) return;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    public async Task StartServiceAsync(string name)
    {
        var process = Launch(name, []);
        _processes[name] = process;
        await WaitHealthyAsync(name, new Uri($"http://127.0.0.1:{_ports[name].Http}/health"), process);
    }

    /// <summary>
    /// The install step that creates the first administrator: the identity service's documented
    /// <c>create-admin</c> command on the suite's identity database, the password given in GA_ADMIN_PASSWORD.
    /// </summary>
    public async Task CreateAdministratorAsync(string email, string name, string password)
    {
        if (!_identity) throw new InvalidOperationException("The suite was started without the identity service.");
        using var process = Launch("Identity", ["create-admin", "--email", email, "--name", name], ("GA_ADMIN_PASSWORD", password));
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"create-admin exited with {process.ExitCode}:\n{Log}");
    }

    private Process Launch(string process, string[] arguments, params (string Key, string Value)[] variables)
    {
        var (grpc, http) = _ports[process];
        var (name, replica) = Parse(process);
        var dll = LocateAssembly(name);
        var start = new ProcessStartInfo("dotnet", [dll, .. arguments])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Development";
        env["DOTNET_ENVIRONMENT"] = "Development";
        env["Logging__LogLevel__Default"] = "Warning";
        if (name == "Identity")
        {
            // As apphost/Program.cs: its own database, a development signing key file, the gateway's callback page.
            env["Urls"] = IdentityAddress!.ToString();
            env["Database__Provider"] = "Sqlite";
            env["ConnectionStrings__Identity"] = $"Data Source={Path.Combine(_dataFolder, "identity.db")}";
            env["Identity__DevelopmentKeyFile"] = Path.Combine(_dataFolder, "identity-development-signing.pem");
            env["Identity__WebClient__RedirectUris__0"] = new Uri(GatewayAddress, "signin-callback.html").ToString();
            env["Identity__WebClient__PostLogoutRedirectUris__0"] = GatewayAddress.ToString();
            env["Services__Structure__Address"] = GrpcAddress("Structure");
        }
        else if (name == "Gateway")
        {
            env["Urls"] = $"http://127.0.0.1:{http}/";
            foreach (var service in ServiceNames) env[$"Services__{service}__Address"] = GrpcAddress(service + replica);
        }
        else
        {
            env["Ports__Grpc"] = grpc.ToString();
            env["Ports__Http"] = http.ToString();
            if (_postgres.TryGetValue(name, out var postgres))
            {
                env["Database__Provider"] = "Postgres";
                env[$"ConnectionStrings__{name}"] = postgres;
            }
            else
            {
                env["Database__Provider"] = "Sqlite";
                env[$"ConnectionStrings__{name}"] = $"Data Source={Path.Combine(_dataFolder, name.ToLowerInvariant() + ".db")}";
            }
            env["Services__Structure__Address"] = GrpcAddress("Structure" + replica);
        }
        if (_identity && name != "Identity") env["Auth__Authority"] = IdentityAddress!.ToString().TrimEnd('/');
        foreach (var (key, value) in _extraSettings) env[key.Replace(":", "__")] = value;
        foreach (var (key, value) in variables) env[key] = value;

        var started = Process.Start(start) ?? throw new InvalidOperationException($"{process} did not start.");
        started.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine($"[{process}] {e.Data}"); };
        started.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine($"[{process}!] {e.Data}"); };
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        return started;
    }

    private async Task WaitHealthyAsync(string name, Uri health, Process process)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"{name} exited with {process.ExitCode}:\n{Log}");
            try
            {
                if ((await http.GetAsync(health)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{name} was not healthy within 90 s:\n{Log}");
    }

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    private static string LocateAssembly(string name)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "GenderArchitecture.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException("GenderArchitecture.sln not found above " + here.FullName);
        // The test assembly sits in bin/<Configuration>/<tfm>/: the services were built with the same configuration.
        var tfm = here.Name;
        var configuration = here.Parent!.Name;
        var project = name == "Gateway" ? Path.Combine(root.FullName, "gateway") : Path.Combine(root.FullName, "services", name);
        var dll = Path.Combine(project, "bin", configuration, tfm, $"GenderArchitecture.{name}.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build {name} first ({dll} is missing).");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var name in _processes.Keys.ToArray()) await StopServiceAsync(name);
        try { Directory.Delete(_dataFolder, recursive: true); } catch (IOException) { }
    }
}
