using System.Diagnostics;

namespace Lotus.Client.Tests.Packaging;

/// <summary>
/// Lotus.Client as a consumer gets it: packed to a local folder, restored offline by a project outside
/// the repository, built and run (clients/dotnet/pack-and-consume.sh). Uses the already built outputs.
/// </summary>
[TestFixture]
[Category("Packaging")]
public sealed class PackageConsumptionTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Test]
    public async Task PackedClient_RestoresOfflineIntoAConsumerAndWorks()
    {
        var script = Path.Combine(RepoRoot(), "clients", "dotnet", "pack-and-consume.sh");
        var start = new ProcessStartInfo("bash", [script, "--no-build"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["CONFIGURATION"] = Configuration;
        // The test host may carry MSBuild settings of the test run; the consumer build must not inherit them.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("MSBUILD", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);

        var output = await stdout + await stderr;
        Assert.That(process.ExitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("LOTUS-CLIENT-OK rows=4 total=601.50"));
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Lotus.Grpc.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root (Lotus.Grpc.sln) not found above " + AppContext.BaseDirectory);
    }
}
