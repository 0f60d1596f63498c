using System.Diagnostics;

namespace Lotus.Client.Tests.Interop;

/// <summary>
/// The Python fake lotus-core (clients/python/tests/serve_fake.py) as a real third-party gRPC server
/// (grpcio) on 127.0.0.1: regenerates the Python modules, starts it, and stops it by closing its stdin.
/// </summary>
internal sealed class GrpcioPeer : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly Process process;

    private GrpcioPeer(Process process, int port)
    {
        this.process = process;
        Address = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Address { get; }

    /// <summary>Starts the peer, or returns null with the reason when this machine lacks protoc or grpcio.</summary>
    public static async Task<(GrpcioPeer? Peer, string? Missing)> StartAsync()
    {
        var pythonTests = Path.Combine(RepoRoot(), "clients", "python", "tests");
        if (!File.Exists(Python))
        {
            return (null, Python + " is missing");
        }

        var (generated, log) = await RunAsync("bash", Path.Combine(pythonTests, "..", "generate.sh"));
        if (!generated)
        {
            return (null, "clients/python/generate.sh failed (protoc / grpc_python_plugin?): " + log);
        }

        var start = new ProcessStartInfo(Python, [Path.Combine(pythonTests, "serve_fake.py")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        const string prefix = "LOTUS_FAKE_PORT=";
        if (line is null || !line.StartsWith(prefix, StringComparison.Ordinal))
        {
            var error = await process.StandardError.ReadToEndAsync();
            process.Kill();
            process.Dispose();
            return (null, "serve_fake.py did not start (python3-grpcio?): " + error);
        }

        return (new GrpcioPeer(process, int.Parse(line[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture)), null);
    }

    public async ValueTask DisposeAsync()
    {
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
        }

        process.Dispose();
    }

    private static async Task<(bool Ok, string Log)> RunAsync(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode == 0, await output + await error);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Lotus.Grpc.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
