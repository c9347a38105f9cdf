using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Xunit;

namespace AutoDiffGen.PackageTests;

/// <summary>
/// AutoDiffGen as a user consumes it: the packed nupkg by PackageReference, and the generator by
/// ProjectReference, each in a fresh project outside the repo with warnings as errors.
/// </summary>
public sealed class PackageConsumptionTests : IClassFixture<PackedPackage>
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);

    private readonly PackedPackage _package;

    public PackageConsumptionTests(PackedPackage package)
    {
        _package = package;
    }

    [Fact]
    public void Nupkg_carries_the_runtime_under_lib_and_the_generator_under_analyzers()
    {
        ProcessResult pack = _package.Pack;
        Assert.True(pack.Succeeded, pack.ToString());
        Assert.True(File.Exists(_package.NupkgPath), $"no {_package.NupkgPath}\n{pack}");
        Assert.Single(Directory.GetFiles(_package.Feed, "*.nupkg"));

        using ZipArchive zip = ZipFile.OpenRead(_package.NupkgPath);
        string[] entries = zip.Entries.Select(e => e.FullName).ToArray();
        string listing = string.Join("\n", entries);
        Assert.True(entries.Contains("analyzers/dotnet/cs/AutoDiffGen.Generator.dll"), listing);
        Assert.True(entries.Contains("lib/netstandard2.0/AutoDiffGen.dll"), listing);
        Assert.True(entries.Contains("lib/net10.0/AutoDiffGen.dll"), listing);
        // The generator is an analyzer only: it must not leak into lib/ or become a package dependency.
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generator", StringComparison.Ordinal));
        using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        string manifest = nuspec.ReadToEnd();
        Assert.DoesNotContain("AutoDiffGen.Generator", manifest, StringComparison.Ordinal);
        Assert.Contains($"<version>{_package.Version}</version>", manifest, StringComparison.Ordinal);
    }

    [Fact]
    public void PackageReference_consumer_builds_without_warnings_and_gets_the_lectures_gradient()
    {
        ProcessResult pack = _package.Pack;
        Assert.True(pack.Succeeded, pack.ToString());

        string dir = Path.Combine(_package.TempRoot, "PackageConsumer");
        string project = ConsumerProject.Write(
            dir,
            "PackageConsumer",
            $"""    <PackageReference Include="AutoDiffGen" Version="{_package.Version}" />""",
            extraSource: _package.Feed);

        ProcessResult build = DotnetCli.Run(dir, BuildTimeout, "build", project, "-c", "Release");
        Assert.True(build.Succeeded, build.ToString());

        AssertGeneratedFile(Path.Combine(dir, "obj"), build);
        AssertRunsCorrectly(dir, Path.Combine(dir, "bin", "Release", "net10.0", "PackageConsumer.dll"));
    }

    [Fact]
    public void ProjectReference_consumer_builds_without_warnings_and_gets_the_lectures_gradient()
    {
        // Shares the pack's private artifacts folder and version, so the runtime and generator are already built.
        ProcessResult pack = _package.Pack;
        Assert.True(pack.Succeeded, pack.ToString());

        string dir = Path.Combine(_package.TempRoot, "ProjectConsumer");
        string project = ConsumerProject.Write(
            dir,
            "ProjectConsumer",
            $"""
                <ProjectReference Include="{RepoPaths.RuntimeProject}" />
                <ProjectReference Include="{RepoPaths.GeneratorProject}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
            """,
            extraSource: null);

        ProcessResult build = DotnetCli.Run(
            dir, BuildTimeout, "build", project, "-c", "Release", "--artifacts-path", _package.ArtifactsPath, "-p:Version=" + _package.Version);
        Assert.True(build.Succeeded, build.ToString());

        AssertGeneratedFile(Path.Combine(_package.ArtifactsPath, "obj", "ProjectConsumer"), build);
        string output = Path.Combine(_package.ArtifactsPath, "bin", "ProjectConsumer", "release", "ProjectConsumer.dll");
        AssertRunsCorrectly(dir, output);
    }

    private static void AssertGeneratedFile(string objRoot, ProcessResult build)
    {
        string[] generated = ConsumerProject.GeneratedFiles(objRoot);
        Assert.True(
            generated.Any(path => File.ReadAllText(path).Contains("FBackward", StringComparison.Ordinal)),
            $"no generated file defining FBackward under {objRoot}; found: {string.Join(", ", generated)}\n{build}");
    }

    private static void AssertRunsCorrectly(string dir, string dll)
    {
        Assert.True(File.Exists(dll), $"no {dll}");
        ProcessResult run = DotnetCli.Run(dir, RunTimeout, dll);
        Assert.True(run.Succeeded, run.ToString());
        string[] lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(ConsumerProject.ExpectedLines.SequenceEqual(lines), run.ToString());
    }
}
