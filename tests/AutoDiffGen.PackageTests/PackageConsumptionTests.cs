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
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);

    private readonly PackedPackage _package;

    public PackageConsumptionTests(PackedPackage package)
    {
        _package = package;
    }

    [Fact]
    public void Nupkg_carries_the_runtime_under_lib_and_the_generator_under_analyzers()
    {
        ReadmePack pack = _package.Pack;
        Assert.True(pack.Succeeded, pack.ToString());
        Assert.True(File.Exists(_package.NupkgPath), $"no {_package.NupkgPath}\n{pack}");
        // One AutoDiffGen package in the feed (AutoDiffGen.Tensors is packed beside it).
        Assert.Single(Directory.GetFiles(_package.Feed, "*.nupkg"), f => !Path.GetFileName(f).StartsWith("AutoDiffGen.Tensors.", StringComparison.Ordinal));

        using ZipArchive zip = ZipFile.OpenRead(_package.NupkgPath);
        string[] entries = zip.Entries.Select(e => e.FullName).ToArray();
        string listing = string.Join("\n", entries);
        Assert.True(entries.Contains("analyzers/dotnet/cs/AutoDiffGen.Generator.dll"), listing);
        // The code fixes sit beside the generator, whose assembly they load from there; neither is a lib reference.
        Assert.True(entries.Contains("analyzers/dotnet/cs/AutoDiffGen.CodeFixes.dll"), listing);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("CodeFixes", StringComparison.Ordinal));
        Assert.True(entries.Contains("lib/netstandard2.0/AutoDiffGen.dll"), listing);
        Assert.True(entries.Contains("lib/net10.0/AutoDiffGen.dll"), listing);
        // The generator is an analyzer only: it must not leak into lib/ or become a package dependency.
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generator", StringComparison.Ordinal));
        using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        string manifest = nuspec.ReadToEnd();
        Assert.DoesNotContain("AutoDiffGen.Generator", manifest, StringComparison.Ordinal);
        Assert.DoesNotContain("AutoDiffGen.CodeFixes", manifest, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.CodeAnalysis", manifest, StringComparison.Ordinal);
        Assert.Contains($"<version>{_package.Version}</version>", manifest, StringComparison.Ordinal);

        // build/ and buildTransitive/ props make the AutoDiffGenEmitGraphs property visible to the generator;
        // both say the same, so a transitive consumer gets what a direct one gets.
        string direct = ReadEntry(zip, "build/AutoDiffGen.props");
        string transitive = ReadEntry(zip, "buildTransitive/AutoDiffGen.props");
        Assert.Contains("<CompilerVisibleProperty Include=\"AutoDiffGenEmitGraphs\" />", direct, StringComparison.Ordinal);
        Assert.Contains("<CompilerVisibleProperty Include=\"AutoDiffGenNullableWarnings\" />", direct, StringComparison.Ordinal);
        Assert.Equal(direct, transitive);
    }

    [Fact]
    public void PackageReference_consumer_builds_without_warnings_and_gets_the_lectures_gradient()
    {
        var (dir, obj, dll, build) = BuildPackageConsumer("PackageConsumer");
        AssertGeneratedFile(obj, build, "FBackward");
        AssertRunsCorrectly(dir, dll, ConsumerProject.ExpectedLines);
    }

    [Fact]
    public void ProjectReference_consumer_builds_without_warnings_and_gets_the_lectures_gradient()
    {
        var (dir, obj, dll, build) = BuildProjectConsumer("ProjectConsumer");
        AssertGeneratedFile(obj, build, "FBackward");
        AssertRunsCorrectly(dir, dll, ConsumerProject.ExpectedLines);
    }

    [Fact]
    public void PackageReference_consumer_that_only_sets_AutoDiffGenEmitGraphs_gets_FGraph_and_FTrace()
    {
        // No CompilerVisibleProperty here: the package's build/AutoDiffGen.props must supply it, or
        // FGraph is not generated and Program.cs does not compile.
        var (dir, obj, dll, build) = BuildPackageConsumer("PackageGraphConsumer", GraphProperty, ConsumerProject.GraphProgramSource);
        Assert.DoesNotContain("CompilerVisibleProperty", File.ReadAllText(Path.Combine(dir, "PackageGraphConsumer.csproj")), StringComparison.Ordinal);
        AssertGeneratedFile(obj, build, "FGraph");
        AssertRunsCorrectly(dir, dll, ConsumerProject.GraphExpectedLines);
    }

    [Fact]
    public void ProjectReference_consumer_with_the_documented_CompilerVisibleProperty_gets_FGraph_and_FTrace()
    {
        // A ProjectReference imports no package props: the README tells such a consumer to add this item.
        var (dir, obj, dll, build) = BuildProjectConsumer("ProjectGraphConsumer", GraphProperty, ConsumerProject.GraphProgramSource,
            items: """    <CompilerVisibleProperty Include="AutoDiffGenEmitGraphs" />""");
        AssertGeneratedFile(obj, build, "FGraph");
        AssertRunsCorrectly(dir, dll, ConsumerProject.GraphExpectedLines);
    }

    [Fact]
    public void ProjectReference_netstandard20_library_on_its_default_CSharp_73_builds_without_warnings()
    {
        // No LangVersion: the SDK's default for netstandard2.0 is C# 7.3, which knows no #nullable, T? or x!.
        // Nullable is left unset too (C# 7.3 cannot enable it). Warnings are errors; the graph file is on.
        var (dir, obj, _, build) = BuildProjectConsumer("Ns20Consumer",
            """
                <OutputType>Library</OutputType>
                <TargetFramework>netstandard2.0</TargetFramework>
                <Nullable></Nullable>
            """ + GraphProperty,
            ConsumerProject.CSharp73LibrarySource,
            items: """    <CompilerVisibleProperty Include="AutoDiffGenEmitGraphs" />""");
        Assert.DoesNotContain("LangVersion", File.ReadAllText(Path.Combine(dir, "Ns20Consumer.csproj")), StringComparison.Ordinal);
        AssertGeneratedFile(obj, build, "HornerBackward");
        AssertGeneratedFile(obj, build, "PiecewiseGraph");
        string[] generated = ConsumerProject.GeneratedFiles(obj);
        Assert.True(generated.Length >= 6, string.Join(", ", generated));
        Assert.All(generated, path => Assert.DoesNotContain("#nullable", File.ReadAllText(path), StringComparison.Ordinal));
    }

    [Fact]
    public void PackageReference_consumer_gets_the_declaration_analyzers_error_for_a_type_that_is_not_partial()
    {
        // The analyzer ships in the generator's assembly: a build from the package reports ADG0001 (once), and
        // neither it nor the code fixes' assembly beside it fails to load (CS8032) or throws (AD0001).
        ReadmePack pack = _package.Pack;
        Assert.True(pack.Succeeded, pack.ToString());
        string dir = Path.Combine(_package.TempRoot, "NotPartialConsumer");
        string project = ConsumerProject.Write(dir, "NotPartialConsumer", $"""    <PackageReference Include="AutoDiffGen" Version="{_package.Version}" />""",
            extraSource: _package.Feed, programSource: ConsumerProject.NotPartialSource);
        ProcessResult build = DotnetCli.RunDotnet(dir, BuildTimeout, _package.PackageReferenceEnvironment, "build", project, "-c", "Release");
        Assert.False(build.Succeeded, build.ToString());
        Assert.Contains("error ADG0001", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("CS8032", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("AD0001", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(" error CS", build.Output, StringComparison.Ordinal);
    }

    private const string GraphProperty = "    <AutoDiffGenEmitGraphs>true</AutoDiffGenEmitGraphs>";

    /// <summary>A fresh project that references the packed nupkg; asserts the pack and the build succeed.</summary>
    private (string Dir, string Obj, string Dll, ProcessResult Build) BuildPackageConsumer(string name, string? properties = null, string? programSource = null)
    {
        ReadmePack pack = _package.Pack;
        Assert.True(pack.Succeeded, pack.ToString());
        string dir = Path.Combine(_package.TempRoot, name);
        string project = ConsumerProject.Write(dir, name, $"""    <PackageReference Include="AutoDiffGen" Version="{_package.Version}" />""",
            extraSource: _package.Feed, properties: properties, programSource: programSource);
        ProcessResult build = DotnetCli.RunDotnet(dir, BuildTimeout, _package.PackageReferenceEnvironment, "build", project, "-c", "Release");
        Assert.True(build.Succeeded, build.ToString());
        // Restored from the feed into the private cache: this run's package, not one cached before.
        string restored = Path.Combine(_package.PackageCache, "autodiffgen", _package.Version, $"autodiffgen.{_package.Version}.nupkg");
        Assert.True(File.Exists(restored), "no " + restored + "\n" + build);
        return (dir, Path.Combine(dir, "obj"), Path.Combine(dir, "bin", "Release", "net10.0", name + ".dll"), build);
    }

    /// <summary>
    /// A fresh project that references the runtime and the generator by ProjectReference, as the contract shows: those of
    /// the README's packed clone, which its pack built already (the build runs with the pack's CI=true, so they are up to date).
    /// </summary>
    private (string Dir, string Obj, string Dll, ProcessResult Build) BuildProjectConsumer(string name, string? properties = null, string? programSource = null, string? items = null)
    {
        ReadmePack pack = _package.Pack;
        Assert.True(pack.Succeeded, pack.ToString());
        string dir = Path.Combine(_package.TempRoot, name);
        string project = ConsumerProject.Write(
            dir,
            name,
            $"""
                <ProjectReference Include="{_package.RuntimeProject}" />
                <ProjectReference Include="{_package.GeneratorProject}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
            """,
            extraSource: null,
            properties: properties,
            programSource: programSource,
            items: items);
        ProcessResult build = DotnetCli.RunDotnet(dir, BuildTimeout, ReadmePack.CiEnvironment, "build", project, "-c", "Release");
        Assert.True(build.Succeeded, build.ToString());
        return (dir, Path.Combine(dir, "obj"), Path.Combine(dir, "bin", "Release", "net10.0", name + ".dll"), build);
    }

    private static string ReadEntry(ZipArchive zip, string path)
    {
        ZipArchiveEntry? entry = zip.GetEntry(path);
        Assert.True(entry is not null, $"no {path} in the nupkg: " + string.Join(", ", zip.Entries.Select(e => e.FullName)));
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    private static void AssertGeneratedFile(string objRoot, ProcessResult build, string member)
    {
        string[] generated = ConsumerProject.GeneratedFiles(objRoot);
        Assert.True(
            generated.Any(path => File.ReadAllText(path).Contains(member, StringComparison.Ordinal)),
            $"no generated file defining {member} under {objRoot}; found: {string.Join(", ", generated)}\n{build}");
    }

    private static void AssertRunsCorrectly(string dir, string dll, string[] expectedLines)
    {
        Assert.True(File.Exists(dll), $"no {dll}");
        ProcessResult run = DotnetCli.Run(dir, RunTimeout, dll);
        Assert.True(run.Succeeded, run.ToString());
        string[] lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(expectedLines.SequenceEqual(lines), string.Join("\n", expectedLines) + "\nexpected, got\n" + run);
    }
}
