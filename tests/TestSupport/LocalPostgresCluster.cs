using System.Diagnostics;

namespace GenderArchitecture.TestSupport;

/// <summary>
/// A private PostgreSQL cluster started from the distribution's packages (initdb and pg_ctl under
/// /usr/lib/postgresql/*/bin) on a free loopback port with a temporary data folder, for a machine with only the .NET
/// SDK: no Docker engine, no GA_TEST_POSTGRES. Each test process starts its own, so test projects running in parallel
/// never share one; it is stopped and deleted when the process exits, and a detached watchdog does the same if the
/// process is killed before it can.
/// </summary>
internal sealed class LocalPostgresCluster
{
    private const string InstallHint =
        "Install PostgreSQL's server package (Debian/Ubuntu: `sudo apt-get install -y postgresql`), " +
        $"or set {PostgresServer.EnvironmentVariable} to a connection string, or run a Docker engine for Testcontainers.";

    private readonly string _bin;
    private readonly string _root;
    private readonly bool _asPostgresUser;

    private LocalPostgresCluster(string bin, string root, int port, bool asPostgresUser)
    {
        _bin = bin;
        _root = root;
        Port = port;
        _asPostgresUser = asPostgresUser;
    }

    public int Port { get; }
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres";
    private string DataFolder => Path.Combine(_root, "data");

    public static async Task<LocalPostgresCluster> StartAsync()
    {
        var bin = FindBinaries() ?? await InstallAsync();
        // initdb refuses to run as root: the cluster then belongs to the packages' postgres account.
        var asPostgresUser = Environment.UserName == "root";
        var root = Directory.CreateTempSubdirectory("ga-test-pg-").FullName;
        try
        {
            if (asPostgresUser) await RunAsync("chown", ["postgres:", root]);
            await RunAsync("chmod", ["700", root]);
            var cluster = new LocalPostgresCluster(bin, root, 0, asPostgresUser);
            await cluster.PgAsync("initdb", ["-D", cluster.DataFolder, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                "--locale=C.UTF-8", "--no-sync"]);

            // A free port can be taken between probing and binding (other test projects start clusters too): retry.
            for (var attempt = 1; ; attempt++)
            {
                var started = new LocalPostgresCluster(bin, root, LoopbackPorts.Next(), asPostgresUser);
                try
                {
                    await started.PgAsync("pg_ctl", ["-D", started.DataFolder, "-l", Path.Combine(root, "log"), "-w", "-t", "60",
                        "-o", $"-c listen_addresses=127.0.0.1 -p {started.Port} -k {root} -c fsync=off " +
                              "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300", "start"]);
                }
                catch (InvalidOperationException e)
                {
                    if (attempt < 3) continue;
                    var log = Path.Combine(root, "log");
                    throw new InvalidOperationException($"{e.Message}\n{(File.Exists(log) ? File.ReadAllText(log) : "")}", e);
                }
                started.StopWhenProcessEnds();
                return started;
            }
        }
        catch
        {
            Directory.Delete(root, recursive: true);
            throw;
        }
    }

    private static string? FindBinaries()
    {
        if (!Directory.Exists("/usr/lib/postgresql")) return null;
        return Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var major) ? major : 0)
            .LastOrDefault();
    }

    /// <summary>As root, installs the distribution's package; test projects running in parallel take turns (file lock).</summary>
    private static async Task<string> InstallAsync()
    {
        if (Environment.UserName != "root" || !File.Exists("/usr/bin/apt-get"))
        {
            throw new InvalidOperationException($"No PostgreSQL server for the tests and none installed. {InstallHint}");
        }
        await using var installLock = await AcquireFileLockAsync(Path.Combine(Path.GetTempPath(), "ga-test-postgres-install.lock"));
        var bin = FindBinaries();
        if (bin is not null) return bin;
        Console.WriteLine("PostgreSQL is not installed: installing Debian's package (apt-get install postgresql).");
        var env = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        await RunAsync("apt-get", ["update", "-qq"], env);
        await RunAsync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "postgresql"], env);
        return FindBinaries() ?? throw new InvalidOperationException($"apt-get installed postgresql, but no initdb was found. {InstallHint}");
    }

    private static async Task<FileStream> AcquireFileLockAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }

    /// <summary>
    /// Normal exit: stop and delete here. A killed test process runs no handler, so a watchdog in its own session
    /// waits for this process to end and then does the same.
    /// </summary>
    private void StopWhenProcessEnds()
    {
        var stop = StopCommand();
        var watchdog = "exec </dev/null >/dev/null 2>&1; " +
                       $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; " +
                       $"{stop} >/dev/null 2>&1; rm -rf '{_root}'";
        var start = new ProcessStartInfo("setsid", ["bash", "-c", watchdog])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using (Process.Start(start)) { }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            using var stopping = Process.Start(new ProcessStartInfo("bash", ["-c", stop])
            {
                UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
            });
            stopping?.WaitForExit(TimeSpan.FromSeconds(20));
            try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
    }

    private string StopCommand()
    {
        var pgCtl = $"'{Path.Combine(_bin, "pg_ctl")}' -D '{DataFolder}' -m fast -w -t 15 stop";
        return _asPostgresUser ? $"runuser -u postgres -- {pgCtl}" : pgCtl;
    }

    private Task PgAsync(string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(_bin, tool);
        return _asPostgresUser
            ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments])
            : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, IDictionary<string, string>? env = null)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in env ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"`{file} {string.Join(' ', arguments)}` exited with {process.ExitCode}: {await error}{await output}".Trim());
        }
    }
}
