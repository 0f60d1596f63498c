using System.Diagnostics;
using System.Text.Json;
using Lotus.TestSupport;

namespace Lotus.Grpc.Interop.Tests;

/// <summary>Where the peers live and how to run them (tests/interop/README.md).</summary>
public static class Peers
{
    public static readonly string InteropDir = PeerServer.InteropDir;
    public static readonly string RepoRoot = Path.GetFullPath(Path.Combine(InteropDir, "..", ".."));
    public const string SystemPython = PeerServer.SystemPython;

    /// <summary>Skips (with the command to run) when a peer's prerequisites are missing.</summary>
    public static void RequireGrpcio()
    {
        Prerequisites.Require("python3-grpcio", () => Run(SystemPython, ["-c", "import grpc"], TimeSpan.FromSeconds(30)).ExitCode == 0, "apt-get install -y python3-grpcio python3-protobuf");
        Prerequisites.Require("grpcio interop stubs", () => Directory.Exists(Path.Combine(InteropDir, "python", "build")), "bash tests/interop/setup.sh");
    }

    public static void RequireNodePeers() =>
        Prerequisites.Require("tests/interop/node/node_modules", () => Directory.Exists(Path.Combine(InteropDir, "node", "node_modules", "@grpc")), "bash tests/interop/setup.sh");

    /// <summary>A peer client's one JSON result line, or null when it printed none.</summary>
    public sealed record PeerResult(int ExitCode, JsonElement? Line, string Stdout, string Stderr)
    {
        public bool Passed => Line is { } line && line.TryGetProperty("passed", out var p) && p.GetBoolean() && ExitCode == 0;

        public string Describe() => Line is { } line
            ? $"exit {ExitCode}: {line}{(Stderr.Length > 0 ? "\nstderr: " + Tail(Stderr) : "")}"
            : $"exit {ExitCode}, no result line.\nstdout: {Tail(Stdout)}\nstderr: {Tail(Stderr)}";
    }

    public static PeerResult RunClient(string peer, string target, string caseName)
    {
        var (file, args) = peer switch
        {
            "grpcio" => (SystemPython, new[] { Path.Combine(InteropDir, "python", "interop_client.py"), "--target", target, "--case", caseName }),
            "grpc-js" => ("node", new[] { Path.Combine(InteropDir, "node", "interop_client.mjs"), "--target", target, "--case", caseName }),
            _ => throw new ArgumentException(peer, nameof(peer)),
        };
        return Run(file, args, TimeSpan.FromSeconds(90));
    }

    public static PeerResult RunBufCurlCase(string target, string caseName) =>
        Run("node", [Path.Combine(InteropDir, "node", "buf_curl_driver.mjs"), "--target", target, "--case", caseName], TimeSpan.FromSeconds(90));

    public static PeerResult Run(string file, IReadOnlyList<string> args, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepoRoot };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        var output = stdout.GetAwaiter().GetResult();
        return new PeerResult(process.ExitCode, LastJsonLine(output), output, stderr.GetAwaiter().GetResult());
    }

    private static JsonElement? LastJsonLine(string output)
    {
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Reverse())
        {
            if (line.StartsWith('{'))
            {
                try
                {
                    return JsonDocument.Parse(line).RootElement.Clone();
                }
                catch (JsonException)
                {
                    return null;
                }
            }
        }

        return null;
    }

    private static string Tail(string text) => text.Length > 2000 ? text[^2000..] : text;
}
