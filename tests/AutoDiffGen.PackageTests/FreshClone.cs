using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace AutoDiffGen.PackageTests;

/// <summary>
/// A copy of the repository's working tree (tracked and untracked-but-not-ignored files, as a clone would have them
/// plus any uncommitted edits) in a new git repository with one commit and <c>origin</c> set to the repository URL:
/// what a maintainer's fresh clone looks like, so SourceLink has a remote and a commit to map to.
/// </summary>
internal static class FreshClone
{
    private static readonly TimeSpan GitTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A property of the root Directory.Build.props (set there exactly once).</summary>
    public static string RootProperty(string name)
    {
        var values = XDocument.Load(Path.Combine(RepoPaths.Root, "Directory.Build.props")).Descendants(name).Select(e => e.Value.Trim()).ToList();
        if (values.Count != 1) throw new InvalidOperationException($"Directory.Build.props sets {name} {values.Count} times.");
        return values[0];
    }

    /// <summary>Creates the clone in <paramref name="directory"/>; returns its commit id.</summary>
    public static string Create(string directory)
    {
        ProcessResult list = Git(RepoPaths.Root, "ls-files", "--cached", "--others", "--exclude-standard", "-z");
        string[] files = list.Output.Split('\0', '\n').Select(f => f.Trim('\r')).Where(f => f.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        if (files.Length == 0) throw new InvalidOperationException("git ls-files listed nothing\n" + list);
        foreach (string file in files)
        {
            string source = Path.Combine(RepoPaths.Root, file);
            // Deleted but not yet committed: a clone of the working tree has no such file.
            if (!File.Exists(source)) continue;
            string target = Path.Combine(directory, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }

        Git(directory, "init", "-q");
        Git(directory, "add", "-A");
        Git(directory, "-c", "user.name=AutoDiffGen package test", "-c", "user.email=package-test@invalid", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "fresh clone");
        Git(directory, "remote", "add", "origin", RootProperty("AutoDiffGenRepositoryUrl") + ".git");
        return Git(directory, "rev-parse", "HEAD").Output.Trim();
    }

    private static ProcessResult Git(string directory, params string[] arguments)
    {
        ProcessResult result = DotnetCli.Run("git", directory, GitTimeout, new Dictionary<string, string> { ["GIT_CONFIG_NOSYSTEM"] = "1" }, arguments);
        if (!result.Succeeded) throw new InvalidOperationException("git failed\n" + result);
        return result;
    }
}
