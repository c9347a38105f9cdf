using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace AutoDiffGen.PackageTests;

/// <summary>
/// The README's "Install" steps, read from the README itself so that the test and the text cannot drift: the fenced
/// block after each <c>&lt;!-- install: name --&gt;</c> marker.
/// </summary>
internal sealed class ReadmeInstall
{
    /// <summary>The placeholder the README's nuget.config uses for the packages folder.</summary>
    public const string FeedPlaceholder = "/path/to/AutoDiffGen/artifacts/packages";

    private static readonly Regex Marker = new(@"^\s*<!--\s*install:\s*(?<name>[\w.]+)\s*-->\s*$");

    private ReadmeInstall(IReadOnlyDictionary<string, string> blocks)
    {
        Blocks = blocks;
    }

    /// <summary>The marked blocks by name, dedented.</summary>
    public IReadOnlyDictionary<string, string> Blocks { get; }

    /// <summary>The pack commands (one per line, comments stripped), as argument lists after <c>dotnet</c>.</summary>
    public IReadOnlyList<string[]> PackCommands =>
        Block("pack").Split('\n')
            .Select(line => line.Split('#')[0].Trim())
            .Where(line => line.Length > 0)
            .Select(line =>
            {
                string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words[0] != "dotnet") throw new InvalidOperationException("The README's pack step runs something other than dotnet: " + line);
                return words.Skip(1).ToArray();
            })
            .ToList();

    /// <summary>The README's nuget.config with its placeholder replaced by <paramref name="feed"/>.</summary>
    public string NuGetConfig(string feed)
    {
        string text = Block("nuget.config");
        if (!text.Contains(FeedPlaceholder, StringComparison.Ordinal)) throw new InvalidOperationException("The README's nuget.config has no " + FeedPlaceholder);
        return text.Replace(FeedPlaceholder, feed, StringComparison.Ordinal);
    }

    /// <summary>The README's PackageReference items.</summary>
    public string References => Block("references");

    /// <summary>The package ids and versions the README references.</summary>
    public IReadOnlyList<(string Id, string Version)> ReferencedPackages =>
        XElement.Parse("<ItemGroup>" + References + "</ItemGroup>").Elements("PackageReference")
            .Select(e => ((string)e.Attribute("Include")!, (string)e.Attribute("Version")!))
            .ToList();

    public static ReadmeInstall Read(string readmePath)
    {
        string[] lines = File.ReadAllLines(readmePath);
        var blocks = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < lines.Length; i++)
        {
            Match marker = Marker.Match(lines[i]);
            if (!marker.Success) continue;
            int open = Array.FindIndex(lines, i + 1, l => l.TrimStart().StartsWith("```", StringComparison.Ordinal));
            int close = Array.FindIndex(lines, open + 1, l => l.TrimStart().StartsWith("```", StringComparison.Ordinal));
            if (open < 0 || close < 0) throw new InvalidOperationException("No fenced block after " + lines[i]);
            int indent = lines[open].Length - lines[open].TrimStart().Length;
            blocks.Add(marker.Groups["name"].Value, string.Join("\n", lines[(open + 1)..close].Select(l => l.Length >= indent ? l[indent..] : l.TrimStart())));
        }

        return new ReadmeInstall(blocks);
    }

    private string Block(string name) =>
        Blocks.TryGetValue(name, out string? text) ? text : throw new InvalidOperationException("README.md has no <!-- install: " + name + " --> block.");
}
