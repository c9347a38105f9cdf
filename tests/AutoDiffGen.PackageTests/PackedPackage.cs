using System;
using System.IO;
using System.Threading;

namespace AutoDiffGen.PackageTests;

/// <summary>
/// Packs src/AutoDiffGen once per test run into a temporary feed, under a version no NuGet cache has
/// seen, and builds in a private artifacts folder so the repository's own bin/ and obj/ stay untouched.
/// </summary>
public sealed class PackedPackage : IDisposable
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(8);

    private readonly Lazy<ProcessResult> _pack;

    public PackedPackage()
    {
        // A prerelease identifier may not start with 0 when numeric; the timestamp never does.
        Version = FormattableString.Invariant($"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmssfff}.p{Environment.ProcessId}");
        TempRoot = Path.Combine(Path.GetTempPath(), "autodiffgen-packagetest-" + Version);
        Feed = Path.Combine(TempRoot, "feed");
        ArtifactsPath = Path.Combine(TempRoot, "artifacts");
        Directory.CreateDirectory(Feed);
        _pack = new Lazy<ProcessResult>(RunPack, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The unique package version of this run.</summary>
    public string Version { get; }

    /// <summary>The temporary folder holding the feed, the artifacts and the consumer projects; outside the repository.</summary>
    public string TempRoot { get; }

    /// <summary>The local feed the nupkg is packed into.</summary>
    public string Feed { get; }

    /// <summary>Private bin/obj root for everything built from the repository's projects.</summary>
    public string ArtifactsPath { get; }

    /// <summary>The path of the packed nupkg.</summary>
    public string NupkgPath => Path.Combine(Feed, $"AutoDiffGen.{Version}.nupkg");

    /// <summary>Runs `dotnet pack` on first use and returns its outcome.</summary>
    public ProcessResult Pack => _pack.Value;

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("AUTODIFFGEN_KEEP_PACKAGE_TEST") == "1")
        {
            return;
        }

        TryDelete(TempRoot);
        // The consumer restored this one-off version into the global package cache; take it out again.
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        TryDelete(Path.Combine(cache, "autodiffgen", Version.ToLowerInvariant()));
    }

    private ProcessResult RunPack() =>
        DotnetCli.Run(
            RepoPaths.Root,
            PackTimeout,
            "pack",
            RepoPaths.RuntimeProject,
            "-c",
            "Release",
            "-o",
            Feed,
            "--artifacts-path",
            ArtifactsPath,
            "-p:Version=" + Version);

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder does no harm.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
