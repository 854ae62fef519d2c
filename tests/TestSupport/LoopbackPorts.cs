using System.Net;
using System.Net.Sockets;

namespace GenderArchitecture.TestSupport;

/// <summary>
/// Ports for the processes a test starts (the suite's services, a private PostgreSQL), chosen before they are started.
/// A port the kernel hands out for port 0 comes from the ephemeral range, the range it also takes the local ports of
/// outgoing connections from: in the seconds between choosing a port and the process binding it, a connection of a
/// service already running (to PostgreSQL, to Structure, the browser's) could take it, and the process then fails
/// with "address already in use" (seen once in the browser tests). So ports are chosen below that range, where only
/// listeners go, at random, checked free by binding, and never handed out twice by this process.
/// </summary>
public static class LoopbackPorts
{
    private const int Lowest = 10_000;
    private static readonly HashSet<int> Given = [];
    private static readonly int BelowEphemeral = FirstEphemeralPort();

    public static int Next()
    {
        lock (Given)
        {
            for (var attempt = 0; attempt < 1_000; attempt++)
            {
                var port = Random.Shared.Next(Lowest, BelowEphemeral);
                if (Given.Contains(port) || !IsFree(port)) continue;
                Given.Add(port);
                return port;
            }
        }
        throw new InvalidOperationException($"No free loopback port between {Lowest} and {BelowEphemeral}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The start of the kernel's ephemeral range (Linux: ip_local_port_range; elsewhere IANA's 49152).</summary>
    private static int FirstEphemeralPort()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        if (File.Exists(range) && int.TryParse(File.ReadAllText(range).Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[0], out var first) && first > Lowest + 1_000)
        {
            return first;
        }
        return 49_152;
    }
}
