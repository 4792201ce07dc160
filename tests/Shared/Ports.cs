using System.Net;
using System.Net.Sockets;

namespace StationNet.Tests;

public static class Ports
{
    private static readonly HashSet<int> Given = [];

    /// <summary>
    /// A loopback port nobody listens on right now, below the kernel's ephemeral range (32768 and up): a port the
    /// kernel hands out for "any port" can be taken by an outgoing connection (to PostgreSQL, a hub client) in the
    /// moment between this check and the silo's bind, which failed a test run with "address already in use".
    /// Random within 20000–32000, so test processes running side by side rarely pick the same one, and never twice here.
    /// </summary>
    public static int Free()
    {
        lock (Given)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var port = Random.Shared.Next(20_000, 32_000);
                if (Given.Contains(port))
                {
                    continue;
                }
                try
                {
                    using var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                    Given.Add(port);
                    return port;
                }
                catch (SocketException)
                {
                    // In use: try another.
                }
            }
        }
        using var any = new TcpListener(IPAddress.Loopback, 0);
        any.Start();
        return ((IPEndPoint)any.LocalEndpoint).Port;
    }
}
