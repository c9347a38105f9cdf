using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.PackageTests;

/// <summary>
/// samples/Gates publishes with NativeAOT (its project sets PublishAot) with no trim or AOT warnings,
/// and the native binary agrees with the lecture: the generated code needs no reflection and no
/// runtime code generation.
/// </summary>
public sealed class NativeAotPublishTests
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    private readonly ITestOutputHelper _output;

    public NativeAotPublishTests(ITestOutputHelper output)
    {
        _output = output;
    }

    // A cold NativeAOT publish takes about two minutes on 2 cores; opt in so the suite stays well
    // under its 10-minute budget. Run it with AUTODIFFGEN_AOT_TEST=1.
    [OptInFact("AUTODIFFGEN_AOT_TEST")]
    public void Gates_sample_publishes_with_NativeAOT_without_warnings_and_the_native_binary_agrees_with_the_lecture()
    {
        string publishDir = Path.Combine(Path.GetTempPath(), "AutoDiffGen.Aot." + Guid.NewGuid().ToString("N"));
        try
        {
            string project = Path.Combine(RepoPaths.Root, "samples", "Gates");
            var clock = Stopwatch.StartNew();
            ProcessResult publish = DotnetCli.Run(RepoPaths.Root, PublishTimeout, "publish", project, "-c", "Release", "-o", publishDir);
            _output.WriteLine($"dotnet publish (NativeAOT) took {clock.Elapsed.TotalSeconds:F0} s");
            Assert.True(publish.Succeeded, publish.ToString());

            // Trim and AOT analysis warnings would mean reflection or runtime code generation somewhere.
            string[] warnings = publish.Output.Split('\n')
                .Where(line => line.Contains("warning IL", StringComparison.Ordinal) ||
                               line.Contains("AOT analysis warning", StringComparison.Ordinal))
                .ToArray();
            Assert.True(warnings.Length == 0, string.Join("\n", warnings) + "\n\n" + publish);

            string binary = Path.Combine(publishDir, OperatingSystem.IsWindows() ? "Gates.exe" : "Gates");
            Assert.True(File.Exists(binary), $"no native binary {binary}\n{publish}");
            // A NativeAOT publish has no managed entry assembly next to the binary.
            Assert.False(File.Exists(Path.Combine(publishDir, "Gates.dll")), "Gates.dll was published: this is not a NativeAOT build");

            ProcessResult run = DotnetCli.Run(binary, publishDir, RunTimeout);
            Assert.True(run.Succeeded, run.ToString());
            Assert.Contains("All 5 examples agree", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            try
            {
                if (Directory.Exists(publishDir)) Directory.Delete(publishDir, recursive: true);
            }
            catch (IOException)
            {
                // Leave it to the OS's temp cleanup.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
