using System.Diagnostics;
using NUnit.Framework;

namespace Lotus.TestSupport;

/// <summary>
/// Checks for things a test needs from the machine, failing (or ignoring) with a message that says
/// what is missing and how to install it, e.g. "python3-grpcio missing: run apt-get install -y python3-grpcio".
/// </summary>
public static class Prerequisites
{
    /// <summary>Fails the test unless <paramref name="isPresent"/> holds.</summary>
    public static void Require(string name, Func<bool> isPresent, string installHint)
    {
        ArgumentNullException.ThrowIfNull(isPresent);
        if (!Check(isPresent))
        {
            Assert.Fail(Message(name, installHint));
        }
    }

    /// <summary>Ignores the test (reported as skipped, with the reason) unless <paramref name="isPresent"/> holds.</summary>
    public static void IgnoreUnless(string name, Func<bool> isPresent, string installHint)
    {
        ArgumentNullException.ThrowIfNull(isPresent);
        if (!Check(isPresent))
        {
            Assert.Ignore(Message(name, installHint));
        }
    }

    /// <summary>Fails the test unless <paramref name="command"/> is an executable on PATH (or an existing path).</summary>
    public static void RequireCommand(string command, string installHint)
        => Require(command, () => FindOnPath(command) is not null, installHint);

    /// <summary>Fails the test unless <c>/usr/bin/python3</c> can import <paramref name="module"/>.</summary>
    public static void RequirePythonModule(string module, string package, string installHint)
        => Require(package, () => Succeeds("/usr/bin/python3", "-c", $"import {module}"), installHint);

    /// <summary>The full path of <paramref name="command"/> on PATH, or null.</summary>
    public static string? FindOnPath(string command)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        if (command.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(command) ? command : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, command))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>True when the program runs and exits with 0.</summary>
    public static bool Succeeds(string fileName, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(fileName, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start);
            if (process is null)
            {
                return false;
            }

            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>The explanation used by every check: "NAME missing: run HINT".</summary>
    public static string Message(string name, string installHint) => $"{name} missing: run {installHint}";

    private static bool Check(Func<bool> isPresent)
    {
        try
        {
            return isPresent();
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
