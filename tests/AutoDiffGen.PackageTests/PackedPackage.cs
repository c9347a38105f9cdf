using System;
using System.Collections.Generic;
using System.IO;

namespace AutoDiffGen.PackageTests;

/// <summary>
/// The packages and built projects the consumption tests use: the README's pack of this run (<see cref="ReadmePack"/>,
/// a fresh clone packed once for every package test), and a temporary folder of the fixture's own for the consumer
/// projects and for a package cache no build has used before (so a consumer restores this run's package, never one
/// cached by an earlier run under the same version: what the unique version of each run's own pack used to ensure).
/// </summary>
public sealed class PackedPackage : IDisposable
{
    public PackedPackage()
    {
        TempRoot = Path.Combine(Path.GetTempPath(), "autodiffgen-packagetest-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(TempRoot);
        PackageReferenceEnvironment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = PackageCache };
    }

    /// <summary>The package version the README's pack wrote.</summary>
    public string Version => ReadmePack.Version;

    /// <summary>The temporary folder holding the consumer projects and the private package cache; outside the repository.</summary>
    public string TempRoot { get; }

    /// <summary>The folder the packages were packed into (the clone's artifacts/packages).</summary>
    public string Feed => ReadmePack.Value.Feed;

    /// <summary>The package cache (NUGET_PACKAGES) of the PackageReference consumers: empty before the first of them restores.</summary>
    public string PackageCache => Path.Combine(TempRoot, "packages-cache");

    /// <summary>The environment a PackageReference consumer builds in: the private package cache.</summary>
    public IReadOnlyDictionary<string, string> PackageReferenceEnvironment { get; }

    /// <summary>The path of the packed AutoDiffGen nupkg.</summary>
    public string NupkgPath => Path.Combine(Feed, $"AutoDiffGen.{Version}.nupkg");

    /// <summary>The README's pack (made on first use by whichever package test asks first).</summary>
    public ReadmePack Pack => ReadmePack.Value;

    /// <summary>The runtime project in the packed clone, already built there by the pack.</summary>
    public string RuntimeProject => Path.Combine(ReadmePack.Value.Clone, "src", "AutoDiffGen", "AutoDiffGen.csproj");

    /// <summary>The generator project in the packed clone, already built there by the pack.</summary>
    public string GeneratorProject => Path.Combine(ReadmePack.Value.Clone, "generator", "AutoDiffGen.Generator", "AutoDiffGen.Generator.csproj");

    public void Dispose()
    {
        ReadmePack.Release();
        if (Environment.GetEnvironmentVariable("AUTODIFFGEN_KEEP_PACKAGE_TEST") == "1")
        {
            return;
        }

        try
        {
            if (Directory.Exists(TempRoot))
            {
                Directory.Delete(TempRoot, recursive: true);
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
