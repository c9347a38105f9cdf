using System.Runtime.CompilerServices;
using AutoDiffGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests;

/// <summary>
/// Every diagnostic descriptor has a page under docs/diagnostics, a help link to it, a row in the
/// index and in the analyzer release-tracking files with the right severity.
/// </summary>
public class DiagnosticDocsTests
{
    public static IEnumerable<object[]> Ids() =>
        DiagnosticDescriptors.All.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal).Select(id => new object[] { id });

    private static DiagnosticDescriptor Descriptor(string id) => DiagnosticDescriptors.All.Single(d => d.Id == id);

    private static string RepoRoot([CallerFilePath] string path = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(path)!); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AutoDiffGen.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("No AutoDiffGen.sln above " + path);
    }

    private static string DocsDirectory => Path.Combine(RepoRoot(), "docs", "diagnostics");

    private static string PagePath(string id) => Path.Combine(DocsDirectory, id + ".md");

    [Fact]
    public void ThereAreDescriptors()
    {
        Assert.NotEmpty(DiagnosticDescriptors.All);
        Assert.All(DiagnosticDescriptors.All, d => Assert.Matches("^ADG[0-9]{4}$", d.Id));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void PageExists(string id) =>
        Assert.True(File.Exists(PagePath(id)), "missing docs/diagnostics/" + id + ".md");

    [Theory]
    [MemberData(nameof(Ids))]
    public void HelpLinkPointsToThePage(string id)
    {
        string? link = Descriptor(id).HelpLinkUri;
        Assert.False(string.IsNullOrEmpty(link), id + " has no help link");
        Assert.EndsWith("docs/diagnostics/" + id + ".md", link, StringComparison.Ordinal);
    }

    /// <summary>A property of the root Directory.Build.props, read as MSBuild would see the literal value.</summary>
    private static string RootProperty(string name)
    {
        var props = System.Xml.Linq.XDocument.Load(Path.Combine(RepoRoot(), "Directory.Build.props"));
        var values = props.Descendants(name).Select(e => e.Value.Trim()).ToList();
        Assert.True(values.Count == 1, "Directory.Build.props must set " + name + " exactly once; found " + values.Count);
        return values[0];
    }

    [Fact]
    public void TheGeneratedRepositoryConstantsAreTheMSBuildProperties()
    {
        // Helpers.RepositoryInfo is written at build time from these two properties (Directory.Build.targets).
        Assert.Equal(Helpers.RepositoryInfo.Url, RootProperty("AutoDiffGenRepositoryUrl"));
        Assert.Equal(Helpers.RepositoryInfo.DocsBranch, RootProperty("AutoDiffGenDocsBranch"));
        Assert.StartsWith("https://", Helpers.RepositoryInfo.Url, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void HelpLinkIsTheRepositoryUrlAndAPathThatExists(string id)
    {
        // The link is <AutoDiffGenRepositoryUrl>/blob/<AutoDiffGenDocsBranch>/<path>, and <path> names a file of this repository.
        string link = Descriptor(id).HelpLinkUri;
        string prefix = RootProperty("AutoDiffGenRepositoryUrl").TrimEnd('/') + "/blob/" + RootProperty("AutoDiffGenDocsBranch") + "/";
        Assert.StartsWith(prefix, link, StringComparison.Ordinal);
        string path = link.Substring(prefix.Length);
        Assert.Equal("docs/diagnostics/" + id + ".md", path);
        Assert.True(File.Exists(Path.Combine(RepoRoot(), path.Replace('/', Path.DirectorySeparatorChar))), link + " names no file of the repository");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void PageNamesTheIdAndHasACSharpExample(string id)
    {
        string page = File.ReadAllText(PagePath(id));
        Assert.Contains(id, page, StringComparison.Ordinal);
        Assert.Contains("```csharp", page, StringComparison.Ordinal);
        Assert.Contains(Descriptor(id).DefaultSeverity.ToString(), page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void ReleaseTrackingListsTheIdWithItsSeverity(string id)
    {
        string dir = Path.Combine(RepoRoot(), "generator", "AutoDiffGen.Generator", "Diagnostics");
        var severities = new[] { "AnalyzerReleases.Unshipped.md", "AnalyzerReleases.Shipped.md" }
            .Select(f => Path.Combine(dir, f))
            .Where(File.Exists)
            .SelectMany(f => TrackedSeverities(File.ReadAllLines(f), id))
            .ToList();
        Assert.True(severities.Count > 0, id + " is in neither AnalyzerReleases.Unshipped.md nor AnalyzerReleases.Shipped.md");
        Assert.Contains(Descriptor(id).DefaultSeverity.ToString(), severities);
    }

    /// <summary>
    /// The severities a release-tracking file gives <paramref name="id"/> in its "New Rules" and
    /// "Changed Rules" tables (whose third column is the severity, or the new severity); rows under
    /// "Removed Rules" do not count.
    /// </summary>
    private static IEnumerable<string> TrackedSeverities(string[] lines, string id)
    {
        bool removed = false;
        foreach (string line in lines)
        {
            if (line.StartsWith('#'))
            {
                removed = line.Contains("Removed", StringComparison.OrdinalIgnoreCase);
                continue;
            }
            var cells = line.Split('|').Select(c => c.Trim()).ToArray();
            if (!removed && cells.Length >= 3 && cells[0] == id) yield return cells[2];
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void TitleAndMessageAreWellFormed(string id)
    {
        var descriptor = Descriptor(id);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()), id + " has an empty title");
        string message = descriptor.MessageFormat.ToString();
        Assert.False(string.IsNullOrWhiteSpace(message), id + " has an empty message");
        Assert.Equal(message.TrimEnd(), message);
    }

    [Fact]
    public void IndexListsEveryId()
    {
        string index = File.ReadAllText(Path.Combine(DocsDirectory, "README.md"));
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            Assert.Contains("[" + descriptor.Id + "](" + descriptor.Id + ".md)", index, StringComparison.Ordinal);
            var row = index.Split('\n').FirstOrDefault(l => l.StartsWith("| [" + descriptor.Id + "]", StringComparison.Ordinal));
            Assert.NotNull(row);
            Assert.Contains(descriptor.DefaultSeverity.ToString(), row, StringComparison.Ordinal);
            Assert.Contains(descriptor.Title.ToString(), row, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EveryPageBelongsToADescriptor()
    {
        var ids = DiagnosticDescriptors.All.Select(d => d.Id).ToHashSet();
        var pages = Directory.GetFiles(DocsDirectory, "ADG*.md").Select(p => Path.GetFileNameWithoutExtension(p)!);
        Assert.All(pages, page => Assert.Contains(page, ids));
    }
}
