using System.Diagnostics;

namespace Lotus.Grpc.Interop;

/// <summary>A foreign interop server (grpcio or grpc-js) started for a fixture: LISTENING handshake, stdin-EOF stop.</summary>
public sealed class PeerServer : IDisposable
{
    public const string SystemPython = "/usr/bin/python3";

    /// <summary>tests/interop of the repository (found upwards from the running assembly).</summary>
    public static readonly string InteropDir = FindInteropDir();

    private readonly Process process;

    private PeerServer(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public string Address => $"http://127.0.0.1:{Port}";

    public static PeerServer Start(string peer)
    {
        var (file, script) = peer switch
        {
            "grpcio" => (SystemPython, Path.Combine(InteropDir, "python", "interop_server.py")),
            "grpc-js" => ("node", Path.Combine(InteropDir, "node", "interop_server.mjs")),
            _ => throw new ArgumentException(peer, nameof(peer)),
        };
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardInput = true, RedirectStandardError = false, UseShellExecute = false };
        foreach (var a in new[] { script, "--port", "0", "--exit-on-stdin-eof" })
        {
            psi.ArgumentList.Add(a);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start the {peer} server");
        var line = process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        if (line is null || !line.StartsWith("LISTENING ", StringComparison.Ordinal))
        {
            process.Kill(true);
            throw new InvalidOperationException($"the {peer} server did not print LISTENING <port> (got '{line}')");
        }

        return new PeerServer(process, int.Parse(line["LISTENING ".Length..], System.Globalization.CultureInfo.InvariantCulture));
    }

    public void Dispose()
    {
        try
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(true);
            }
        }
        finally
        {
            process.Dispose();
        }
    }

    private static string FindInteropDir()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Lotus.Grpc.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Lotus.Grpc.sln not found"), "tests", "interop");
    }
}
