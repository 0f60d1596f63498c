using System.Net;
using System.Net.Sockets;

namespace Lotus.TestSupport;

/// <summary>Free TCP ports on 127.0.0.1 for servers started by tests.</summary>
public static class FreePort
{
    /// <summary>A port the OS just reported free on 127.0.0.1 (another process may still take it first).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
