using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;

namespace AutoDiffGen.PackageTests;

/// <summary>
/// The README's pack, done once per test run and read by every test that needs the packages or built projects: a fresh
/// clone of the working tree (<see cref="FreshClone"/>) in which the README's pack commands ran as a CI server runs them
/// (CI=true). <see cref="InstallFromReadmeTests"/> checks it and consumes it as the README says; <see cref="PackedPackage"/>
/// hands the same packages and the clone's already built projects to <see cref="PackageConsumptionTests"/>, so the
/// generator and the runtime are compiled once for both (they were packed twice, once in the clone and once more with a
/// unique version, each a whole compile of the generator and the runtime).
/// </summary>
public sealed class ReadmePack
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(8);

    private static readonly Lazy<ReadmePack> Shared = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The test classes that use the pack (<see cref="InstallFromReadmeTests"/> and <see cref="PackedPackage"/>'s).</summary>
    private const int Users = 2;

    private static int _released;

    private ReadmePack(string root, string clone, string commit, ReadmeInstall readme, IReadOnlyList<ProcessResult> packs)
    {
        Root = root;
        Clone = clone;
        Commit = commit;
        Readme = readme;
        Packs = packs;
    }

    /// <summary>The one pack of this test run (made by whichever test asks first; the others wait for it).</summary>
    public static ReadmePack Value => Shared.Value;

    /// <summary>The temporary folder holding the clone; deleted when the test process exits.</summary>
    public string Root { get; }

    /// <summary>The fresh clone, in which the README's commands ran.</summary>
    public string Clone { get; }

    /// <summary>The clone's one commit (the packages' SourceLink and repository commit).</summary>
    public string Commit { get; }

    /// <summary>The README's install steps, as read before the pack.</summary>
    internal ReadmeInstall Readme { get; }

    /// <summary>Each README pack command's outcome, in order (the run stops at the first that fails).</summary>
    public IReadOnlyList<ProcessResult> Packs { get; }

    /// <summary>Whether every pack command succeeded.</summary>
    public bool Succeeded => Packs.Count == Readme.PackCommands.Count && Packs[^1].Succeeded;

    /// <summary>The packs' outcomes as one text, for assertion messages.</summary>
    public override string ToString() => string.Join("\n", Packs);

    /// <summary>The folder the README's pack writes the packages to (PackageOutputPath).</summary>
    public string Feed => Path.Combine(Clone, "artifacts", "packages");

    /// <summary>The package version (the root Directory.Build.props's, as the README references it).</summary>
    public static string Version => FreshClone.RootProperty("Version");

    /// <summary>The CI environment the README's pack ran in; a build that reuses the clone's outputs sets it too.</summary>
    public static IReadOnlyDictionary<string, string> CiEnvironment { get; } = new Dictionary<string, string> { ["CI"] = "true" };

    /// <summary>
    /// Called when a user class is done with the pack: the clone is deleted when both are (a run of one class leaves it to
    /// the process exit, which a test host that is stopped does not reach).
    /// </summary>
    public static void Release()
    {
        if (Interlocked.Increment(ref _released) == Users && Shared.IsValueCreated) TryDelete(Shared.Value.Root);
    }

    private static ReadmePack Create()
    {
        ReadmeInstall readme = ReadmeInstall.Read(Path.Combine(RepoPaths.Root, "README.md"));
        string root = Path.Combine(Path.GetTempPath(), "autodiffgen-install-" + Guid.NewGuid().ToString("N"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(root);
        string clone = Path.Combine(root, "AutoDiffGen");
        string commit = FreshClone.Create(clone);
        var packs = new List<ProcessResult>();
        foreach (string[] command in readme.PackCommands)
        {
            ProcessResult pack = DotnetCli.RunDotnet(clone, PackTimeout, CiEnvironment, command);
            packs.Add(pack);
            if (!pack.Succeeded) break;
        }

        return new ReadmePack(root, clone, commit, readme, packs);
    }

    private static void TryDelete(string path)
    {
        if (Environment.GetEnvironmentVariable("AUTODIFFGEN_KEEP_PACKAGE_TEST") == "1") return;
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
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
