using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.PackageTests;

/// <summary>
/// The README's "Install" section, done exactly as written, from nothing: a fresh clone of the repository packs both
/// packages with the README's command, and a fresh project outside it, with the README's nuget.config and
/// PackageReferences and an empty package cache of its own (NUGET_PACKAGES), restores, builds warning-free and
/// computes the right gradients with both packages. The packs are then checked for their metadata: repository and
/// project URL from the one MSBuild property, the package-page readme, tags, release notes, a symbols package whose
/// pdbs carry SourceLink to the commit, and a CI build's normalized paths.
/// </summary>
public sealed class InstallFromReadmeTests : IDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    private readonly ITestOutputHelper _output;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "autodiffgen-install-" + Guid.NewGuid().ToString("N"));

    public InstallFromReadmeTests(ITestOutputHelper output)
    {
        _output = output;
    }

    /// <summary>Uses both packages: the lecture's gate with GradCheck on method groups, and a tensor method's generated Backward.</summary>
    private const string ProgramSource = """
        using System;
        using System.Globalization;
        using AutoDiffGen;
        using AutoDiffGen.Tensors;

        public static partial class Gates
        {
            [Differentiable]
            public static double F(double x, double y, double z) => (x + y) * z;
        }

        public static partial class Vectorized
        {
            [Differentiable]
            public static float NormSquared(Tensor W, Tensor x) => Tensor.SquaredL2Norm(Tensor.MatMul(W, x));
        }

        public static class Program
        {
            public static int Main()
            {
                double dx = 0, dy = 0, dz = 0;
                double f = Gates.FBackward(-2, 5, -4, ref dx, ref dy, ref dz);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"f={f} dx={dx} dy={dy} dz={dz}"));
                Console.WriteLine(GradCheck.Check(Gates.F, Gates.FBackward, -2, 5, -4).Passed ? "gradcheck passed" : "gradcheck failed");

                var W = Tensor.FromArray(new float[,] { { 0.1f, 0.5f }, { -0.3f, 0.8f } });
                var v = Tensor.FromArray(new[] { 0.2f, 0.4f });
                Tensor dW = W.ZeroAdjoint(), dV = v.ZeroAdjoint();
                float n = Vectorized.NormSquaredBackward(W, v, dW, dV);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tensor f={n:F4} dW={string.Join(",", Array.ConvertAll(dW.ToArray(), d => d.ToString("F4", CultureInfo.InvariantCulture)))}"));
                return 0;
            }
        }
        """;

    /// <summary>
    /// By hand: ∂f/∂x = ∂f/∂y = z = −4, ∂f/∂z = x + y = 3; for ‖W·v‖², q = W·v = (0.22, 0.26), f = 0.116 and
    /// ∂f/∂W = 2·q·vᵀ = (0.088, 0.176; 0.104, 0.208).
    /// </summary>
    private static readonly string[] ExpectedLines = { "f=-12 dx=-4 dy=-4 dz=3", "gradcheck passed", "tensor f=0.1160 dW=0.0880,0.1760,0.1040,0.2080" };

    [Fact]
    public void A_fresh_clone_packs_both_packages_as_the_README_says_and_a_fresh_project_consumes_them()
    {
        // 1. The clone, and the README's pack command in it, on a CI server (CI=true, as GitHub Actions sets): made once per
        // run (ReadmePack), and the consumption tests' packages and built projects too.
        ReadmePack readmePack = ReadmePack.Value;
        ReadmeInstall readme = readmePack.Readme;
        string version = FreshClone.RootProperty("Version");
        string repositoryUrl = FreshClone.RootProperty("AutoDiffGenRepositoryUrl");
        Assert.Equal(new[] { ("AutoDiffGen", version), ("AutoDiffGen.Tensors", version) }, readme.ReferencedPackages);
        string commit = readmePack.Commit;
        foreach (ProcessResult pack in readmePack.Packs) _output.WriteLine(pack.CommandLine);
        Assert.True(readmePack.Succeeded, readmePack.ToString());

        string feed = readmePack.Feed;
        string[] packed = Directory.GetFiles(feed).Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal).ToArray()!;
        Assert.Equal(
            new[] { $"AutoDiffGen.{version}.nupkg", $"AutoDiffGen.{version}.snupkg", $"AutoDiffGen.Tensors.{version}.nupkg", $"AutoDiffGen.Tensors.{version}.snupkg" },
            packed);

        foreach (string id in new[] { "AutoDiffGen", "AutoDiffGen.Tensors" })
        {
            AssertMetadata(Path.Combine(feed, $"{id}.{version}.nupkg"), repositoryUrl, commit, version);
            AssertSymbols(Path.Combine(feed, $"{id}.{version}.snupkg"), id, repositoryUrl, commit);
        }

        // 2. A fresh project elsewhere, with the README's nuget.config and references and its own empty package cache.
        string consumer = Path.Combine(_root, "Consumer");
        string project = ConsumerProject.Write(consumer, "Consumer", readme.References, extraSource: null, programSource: ProgramSource);
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), readme.NuGetConfig(feed));
        var freshCache = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_root, "packages-cache") };
        ProcessResult build = DotnetCli.RunDotnet(consumer, BuildTimeout, freshCache, "build", project, "-c", "Release");
        Assert.True(build.Succeeded, build.ToString());
        // Restored from the local folder into the fresh cache: not from anywhere else.
        Assert.True(File.Exists(Path.Combine(_root, "packages-cache", "autodiffgen", version, $"autodiffgen.{version}.nupkg")), build.ToString());
        Assert.True(File.Exists(Path.Combine(_root, "packages-cache", "autodiffgen.tensors", version, $"autodiffgen.tensors.{version}.nupkg")), build.ToString());

        string dll = Path.Combine(consumer, "bin", "Release", "net10.0", "Consumer.dll");
        ProcessResult run = DotnetCli.Run(consumer, RunTimeout, dll);
        Assert.True(run.Succeeded, run.ToString());
        string[] lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(ExpectedLines.SequenceEqual(lines), string.Join("\n", ExpectedLines) + "\nexpected, got\n" + run);
    }

    /// <summary>The nuspec's metadata and the package-page readme.</summary>
    private static void AssertMetadata(string nupkg, string repositoryUrl, string commit, string version)
    {
        XElement metadata = PackageInspection.Metadata(nupkg);
        string Field(string name) => (string?)metadata.Element(name) ?? throw new Xunit.Sdk.XunitException($"{nupkg}: no <{name}>\n{metadata}");

        XElement repository = metadata.Element("repository") ?? throw new Xunit.Sdk.XunitException(nupkg + ": no <repository>\n" + metadata);
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.Equal(repositoryUrl, (string?)repository.Attribute("url"));
        Assert.Equal(commit, (string?)repository.Attribute("commit"));
        Assert.Equal(repositoryUrl, Field("projectUrl"));
        Assert.Equal(version, Field("version"));
        Assert.Equal("MIT", Field("license"));
        Assert.Contains("autodiff", Field("tags").Split(' '));
        Assert.Contains(version, Field("releaseNotes"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(Field("description")));

        string readmeName = Field("readme");
        string readme = new StreamReader(new MemoryStream(PackageInspection.Entry(nupkg, readmeName))).ReadToEnd();
        AssertWrittenForThePackagePage(readme, repositoryUrl, nupkg + "!" + readmeName);
    }

    /// <summary>
    /// Every link absolute; every link into the repository names a file that exists (from the one repository URL);
    /// images are PNG (a package page cannot show SVG); no command that only works inside a clone.
    /// </summary>
    private static void AssertWrittenForThePackagePage(string readme, string repositoryUrl, string where)
    {
        var links = Regex.Matches(readme, @"(?<image>!?)\[[^\]]*\]\((?<url>[^)\s]+)\)").Select(m => (Image: m.Groups["image"].Value == "!", Url: m.Groups["url"].Value)).ToList();
        Assert.NotEmpty(links);
        string blob = repositoryUrl + "/blob/main/";
        string raw = repositoryUrl.Replace("https://github.com/", "https://raw.githubusercontent.com/", StringComparison.Ordinal) + "/main/";
        foreach (var (image, url) in links)
        {
            Assert.True(url.StartsWith("https://", StringComparison.Ordinal), $"{where}: relative or insecure link {url}");
            foreach (string prefix in new[] { blob, raw })
            {
                if (url.StartsWith(prefix, StringComparison.Ordinal))
                {
                    string path = url[prefix.Length..].Split('#')[0];
                    Assert.True(File.Exists(Path.Combine(RepoPaths.Root, path)), $"{where}: {url} names no file of the repository");
                }
            }

            if (url.StartsWith("https://github.com/", StringComparison.Ordinal) || url.StartsWith("https://raw.githubusercontent.com/", StringComparison.Ordinal))
            {
                Assert.True(url.StartsWith(repositoryUrl, StringComparison.Ordinal) || url.StartsWith(raw, StringComparison.Ordinal), $"{where}: {url} is not under {repositoryUrl}");
            }

            if (image)
            {
                Assert.True(url.EndsWith(".png", StringComparison.Ordinal) && url.StartsWith(raw, StringComparison.Ordinal), $"{where}: image {url} is not a PNG from the repository");
            }
        }

        foreach (string repoOnly in new[] { "dotnet run --project", "dotnet test", ".ci/run", "bench.sh", "AUTODIFFGEN_" })
        {
            Assert.DoesNotContain(repoOnly, readme, StringComparison.Ordinal);
        }
    }

    /// <summary>The .snupkg holds a pdb per target framework, each mapping the CI build's /_/ paths to the commit.</summary>
    private static void AssertSymbols(string snupkg, string id, string repositoryUrl, string commit)
    {
        string[] pdbs = PackageInspection.Entries(snupkg).Where(e => e.StartsWith("lib/", StringComparison.Ordinal) && e.EndsWith("/" + id + ".pdb", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(pdbs);
        string raw = repositoryUrl.Replace("https://github.com/", "https://raw.githubusercontent.com/", StringComparison.Ordinal);
        foreach (string pdb in pdbs)
        {
            var (sourceLink, documents) = PackageInspection.ReadPdb(PackageInspection.Entry(snupkg, pdb));
            Assert.True(sourceLink is not null, $"{snupkg}!{pdb} has no SourceLink");
            using JsonDocument json = JsonDocument.Parse(sourceLink);
            var map = json.RootElement.GetProperty("documents").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
            // ContinuousIntegrationBuild maps the clone's root to /_/, and SourceLink maps /_/ to the commit's raw files.
            Assert.Equal($"{raw}/{commit}/*", map["/_/*"]);
            Assert.NotEmpty(documents);
            Assert.All(documents.Where(d => d.EndsWith(".cs", StringComparison.Ordinal) && !d.Contains("/obj/", StringComparison.Ordinal) && !Path.GetFileName(d).Contains(".g.", StringComparison.Ordinal) && !d.Contains("AssemblyAttributes", StringComparison.Ordinal) && !d.Contains("AssemblyInfo", StringComparison.Ordinal)),
                d => Assert.StartsWith("/_/", d, StringComparison.Ordinal));
        }
    }

    public void Dispose()
    {
        ReadmePack.Release();
        if (Environment.GetEnvironmentVariable("AUTODIFFGEN_KEEP_PACKAGE_TEST") == "1") return;
        try
        {
            if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
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
