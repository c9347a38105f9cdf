using System;
using System.IO;

namespace AutoDiffGen.PackageTests;

/// <summary>Where the repository's projects are, found from the test's output folder.</summary>
internal static class RepoPaths
{
    /// <summary>The repository root; AUTODIFFGEN_REPO_ROOT overrides it, e.g. to test another checkout.</summary>
    public static string Root { get; } =
        Environment.GetEnvironmentVariable("AUTODIFFGEN_REPO_ROOT") is { Length: > 0 } root ? Path.GetFullPath(root) : FindRoot();

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AutoDiffGen.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No AutoDiffGen.sln above {AppContext.BaseDirectory}.");
    }
}
