using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace AutoDiffGen.PackageTests;

/// <summary>The outcome of one child process: its exit code and everything it printed.</summary>
public sealed record ProcessResult(string CommandLine, int ExitCode, bool TimedOut, string Output)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    public override string ToString() =>
        $"$ {CommandLine}\nexit code {(TimedOut ? "none: timed out" : ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture))}\n{Output}";
}

/// <summary>Runs the `dotnet` CLI as a child process with a timeout, capturing its output for assertion messages.</summary>
internal static class DotnetCli
{
    /// <summary>The host running these tests when it is `dotnet`, so the children use the same SDK.</summary>
    private static string DotnetPath =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static ProcessResult Run(string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        Run(DotnetPath, workingDirectory, timeout, arguments);

    public static ProcessResult Run(string fileName, string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        Run(fileName, workingDirectory, timeout, environment: null, arguments);

    /// <summary>Runs `dotnet` with <paramref name="environment"/> set on top of the clean slate (e.g. NUGET_PACKAGES, CI).</summary>
    public static ProcessResult RunDotnet(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        Run(DotnetPath, workingDirectory, timeout, environment, arguments);

    public static ProcessResult Run(string fileName, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // `dotnet test` runs us under MSBuild-related variables; a child build that inherits them can
        // pick up the wrong MSBuild or SDK resolver. Start each child from a clean slate.
        var inherited = new List<string>();
        foreach (string key in start.Environment.Keys)
        {
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                inherited.Add(key);
            }
        }

        foreach (string key in inherited)
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // Worker nodes must not outlive the test.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        if (environment is not null)
        {
            foreach (KeyValuePair<string, string> variable in environment)
            {
                start.Environment[variable.Key] = variable.Value;
            }
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        bool exited = process.WaitForExit((int)timeout.TotalMilliseconds);
        if (!exited)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited between the wait and the kill.
            }
        }

        // Drains the asynchronous readers.
        process.WaitForExit();
        string commandLine = fileName + " " + string.Join(" ", arguments);
        lock (output)
        {
            return new ProcessResult(commandLine, exited ? process.ExitCode : -1, !exited, output.ToString());
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
