using System.Diagnostics;

namespace Lotus.Storage.Embedded.Internal;

/// <summary>Runs a command to completion, optionally as another OS user via <c>runuser</c>.</summary>
internal static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string fileName, IEnumerable<string> arguments, string? asUser, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (asUser is null)
        {
            start.FileName = fileName;
        }
        else
        {
            start.FileName = "runuser";
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(asUser);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(fileName);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A stable, English, C-locale environment for the PostgreSQL tools.
        start.Environment["LC_ALL"] = "C";
        start.Environment["LANG"] = "C";
        start.Environment.Remove("PGDATA");
        start.Environment.Remove("PGPORT");

        using var process = Process.Start(start)
            ?? throw new EmbeddedPostgresException($"Cannot start {fileName}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return new ProcessResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary>Synchronous variant for process-exit handlers, where async work may not complete.</summary>
    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, string? asUser)
        => RunAsync(fileName, arguments, asUser, CancellationToken.None).GetAwaiter().GetResult();
}
